package io.switchboard.sip.auth;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;

import java.nio.charset.StandardCharsets;

/** Test helper: real SIP messages from text, parsed as the transport would parse them. */
public final class SipText
{
    private SipText()
    {
    }

    /** Parses a message written with '\n' line ends (turned into CRLF here). */
    public static SIPMessage parse(final String text)
    {
        try
        {
            final byte[] bytes = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            return new StringMsgParser().parseSIPMessage(bytes, true, false, null);
        }
        catch (final Exception ex)
        {
            throw new IllegalArgumentException("bad test message:\n" + text, ex);
        }
    }

    public static SIPRequest request(final String text)
    {
        return (SIPRequest) parse(text);
    }
}
