package io.switchboard.core.call;

import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.message.SIPMessage;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.transport.HostPort;

import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import java.text.ParseException;

/** Small builders for the messages the B2BUA sends: Contact headers, copied bodies. */
final class Messages
{
    private Messages()
    {
    }

    /** Copies the body and its Content-Type from one message to another (SDP passes through untouched for now). */
    static void copyBody(final SIPMessage from, final SIPMessage to)
    {
        final byte[] body = from.getRawContent();
        final ContentTypeHeader type = from.getContentTypeHeader();
        if (body != null && body.length > 0 && type != null)
        {
            try
            {
                to.setContent(body, (ContentType)type.clone());
            }
            catch (final ParseException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** Sets an SDP body ({@code application/sdp}). */
    static void setSdp(final SIPMessage message, final byte[] sdp)
    {
        setBody(message, "application", "sdp", sdp);
    }

    static void setBody(final SIPMessage message, final String type, final String subType, final byte[] body)
    {
        try
        {
            message.setContent(body, SipFactories.HEADERS.createContentTypeHeader(type, subType));
        }
        catch (final ParseException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** The body's media type in lower case ("application/sdp"), or null without a Content-Type. */
    static String contentType(final SIPMessage message)
    {
        final ContentTypeHeader type = message.getContentTypeHeader();
        return type == null ? null : (type.getContentType() + "/" + type.getContentSubType()).toLowerCase();
    }

    static boolean hasBody(final SIPMessage message)
    {
        final byte[] body = message.getRawContent();
        return body != null && body.length > 0;
    }

    /** Our Contact: {@code <sip:user@host:port;transport=x>}, transport omitted for UDP. */
    static ContactHeader contact(final String user, final HostPort local, final String transport)
    {
        try
        {
            final SipURI uri = SipFactories.ADDRESSES.createSipURI(user, local.uriHost());
            uri.setPort(local.port());
            if (!"UDP".equalsIgnoreCase(transport))
            {
                uri.setTransportParam(transport.toLowerCase());
            }
            final Address address = SipFactories.ADDRESSES.createAddress(uri);
            return SipFactories.HEADERS.createContactHeader(address);
        }
        catch (final ParseException ex)
        {
            throw new IllegalArgumentException("bad contact " + user + "@" + local, ex);
        }
    }
}
