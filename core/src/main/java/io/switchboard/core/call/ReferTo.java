package io.switchboard.core.call;

import javax.sip.message.Request;
import io.switchboard.sip.message.SipFactories;

import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.Header;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ListIterator;

/**
 * What a REFER asks (RFC 3515): the number in its one Refer-To (a sip: user or a tel: number), the dialog an
 * attended transfer replaces (the Replaces header embedded in the Refer-To URI, RFC 3891), and whether the phone
 * declined the implicit subscription (Refer-Sub: false, RFC 4488).
 */
record ReferTo(String user, String replaces, boolean noSubscription)
{
    /**
     * The REFER's request, or null when it has no usable Refer-To (RFC 3515 §2.4.1). JAIN-SIP keeps one Refer-To
     * (a singleton header) of a REFER that has several, so several are not refused.
     */
    static ReferTo of(final Request refer)
    {
        final ListIterator<?> headers = refer.getHeaders("Refer-To");
        if (headers == null || !headers.hasNext())
        {
            return null;
        }
        final Object first = headers.next();
        if (headers.hasNext() || !(first instanceof javax.sip.header.ReferToHeader referTo))
        {
            return null;
        }
        final URI uri = referTo.getAddress().getURI();
        final String user;
        String replaces = null;
        if (uri instanceof SipURI sip && sip.getUser() != null && !sip.getUser().isEmpty())
        {
            user = sip.getUser();
            final String embedded = sip.getHeader("Replaces");
            if (embedded != null)
            {
                replaces = URLDecoder.decode(embedded, StandardCharsets.UTF_8);
            }
        }
        else if (uri instanceof TelURL tel)
        {
            user = (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
        }
        else
        {
            return null;
        }
        final Header sub = refer.getHeader("Refer-Sub");
        final boolean noSubscription = sub != null && sub.toString().toLowerCase().contains("false");
        return new ReferTo(user, replaces, noSubscription);
    }

    /** A header we add by name (Event, Subscription-State, Refer-Sub, Replaces). */
    static Header header(final String name, final String value)
    {
        try
        {
            return SipFactories.HEADERS.createHeader(name, value);
        }
        catch (final ParseException ex)
        {
            throw new IllegalArgumentException(name + ": " + value, ex);
        }
    }
}
