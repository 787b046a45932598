package io.switchboard.sip.registrar;

import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Target;

import javax.sip.address.Address;
import javax.sip.address.SipURI;

/**
 * One binding of an address-of-record to a contact address (RFC 3261 §10.3), as the location service stores it.
 * Immutable: the JAIN-SIP address and URI are copied on the way in and on the way out, so a binding can be read
 * from any thread.
 *
 * @param aor            the address-of-record: the user part of the To URI (the authenticated user).
 * @param contact        the contact URI as a string, as the phone registered it.
 * @param address        the Contact name-addr (display name and URI, without the header parameters).
 * @param uri            the contact URI, parsed.
 * @param q              the q value (RFC 3261 §20.10); 1.0 when the Contact had none.
 * @param expiresAtMs    when the binding expires.
 * @param callId         the Call-ID of the REGISTER that wrote the binding.
 * @param cseq           its CSeq number, for the ordering rule of RFC 3261 §10.3 step 7.
 * @param flow           the flow the REGISTER arrived on.
 * @param target         where to send requests for this contact: the flow's source address when the phone is
 *                       behind a NAT (RFC 3581 rport), otherwise the contact URI's host and port.
 * @param userAgent      the User-Agent header, or null.
 * @param instance       the {@code +sip.instance} Contact parameter (RFC 5626 §4.1), without quotes, or null.
 * @param registeredAtMs when the binding was last written (created or refreshed).
 */
public record Binding(
    String aor,
    String contact,
    Address address,
    SipURI uri,
    float q,
    long expiresAtMs,
    String callId,
    long cseq,
    Flow flow,
    Target target,
    String userAgent,
    String instance,
    long registeredAtMs)
{
    public Binding
    {
        address = (Address)address.clone();
        uri = (SipURI)uri.clone();
    }

    @Override
    public Address address()
    {
        return (Address)address.clone();
    }

    @Override
    public SipURI uri()
    {
        return (SipURI)uri.clone();
    }

    public boolean isExpired(final long nowMs)
    {
        return nowMs >= expiresAtMs;
    }

    /** Seconds left, rounded up, as written in the {@code expires} parameter of a 200 OK's Contact. */
    public long remainingSeconds(final long nowMs)
    {
        return Math.max(0, (expiresAtMs - nowMs + 999) / 1000);
    }

    /**
     * Whether a contact of a REGISTER names this binding: the same URI (RFC 3261 §19.1.4 comparison), or the same
     * {@code +sip.instance}, so that a phone whose address changed replaces its binding instead of adding one.
     */
    boolean isSameContact(final Binding other)
    {
        return uri.equals(other.uri) || instance != null && instance.equals(other.instance);
    }
}
