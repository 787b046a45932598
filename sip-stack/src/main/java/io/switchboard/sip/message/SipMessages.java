package io.switchboard.sip.message;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;

import javax.sip.address.Address;
import javax.sip.header.Header;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Message;

/**
 * Read-only views of the headers every layer above the transactions asks about (RFC 3261 §8.1.1): the dialog
 * identifiers, the CSeq, a header's value. They keep the JAIN-SIP reference implementation's classes inside this
 * module: the call layer holds messages by the JAIN-SIP interfaces and reads them here.
 */
public final class SipMessages
{
    private SipMessages()
    {
    }

    public static String callId(final Message message)
    {
        return ((SIPMessage)message).getCallId().getCallId();
    }

    /** The From tag (null if the sender gave none, which RFC 2543 allowed). */
    public static String fromTag(final Message message)
    {
        return ((SIPMessage)message).getFrom().getTag();
    }

    /** The To tag: null outside a dialog. */
    public static String toTag(final Message message)
    {
        return ((SIPMessage)message).getTo().getTag();
    }

    /** The From's name-addr: the caller's URI and display name. */
    public static Address fromAddress(final Message message)
    {
        return ((SIPMessage)message).getFrom().getAddress();
    }

    public static Address toAddress(final Message message)
    {
        return ((SIPMessage)message).getTo().getAddress();
    }

    public static long cseq(final Message message)
    {
        return ((SIPMessage)message).getCSeq().getSeqNumber();
    }

    public static String cseqMethod(final Message message)
    {
        return ((SIPMessage)message).getCSeq().getMethod();
    }

    /** Max-Forwards (RFC 3261 §8.1.1.6), or -1 without one. */
    public static int maxForwards(final Message message)
    {
        final MaxForwardsHeader header = (MaxForwardsHeader)message.getHeader(MaxForwardsHeader.NAME);
        return header == null ? -1 : header.getMaxForwards();
    }

    /** The value of the first header of that name as it was received (without the name), or null. */
    public static String headerValue(final Message message, final String name)
    {
        return value(message.getHeader(name));
    }

    /** A header's value without its name, or null for no header (every header the parser makes is a SIPHeader). */
    public static String value(final Header header)
    {
        return header instanceof SIPHeader sip ? sip.getHeaderValue() : null;
    }
}
