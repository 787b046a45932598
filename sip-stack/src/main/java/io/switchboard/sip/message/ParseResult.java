package io.switchboard.sip.message;

import gov.nist.javax.sip.message.SIPMessage;

/**
 * What a {@link SipParser} answers: either a well-formed message or {@link Malformed}. Bad input is a value,
 * never an exception.
 */
public sealed interface ParseResult permits ParseResult.Parsed, Malformed
{
    /** A message that passed the parser and the RFC 3261 §8.1.1 mandatory header checks. */
    record Parsed(SIPMessage message) implements ParseResult
    {
    }

    static ParseResult parsed(final SIPMessage message)
    {
        return new Parsed(message);
    }
}
