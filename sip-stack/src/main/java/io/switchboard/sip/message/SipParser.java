package io.switchboard.sip.message;

/**
 * Turns the bytes of one framed SIP message (RFC 3261 §7) into a {@link ParseResult}. Framing is the transport's
 * job (one datagram, or headers plus Content-Length on a stream, RFC 3261 §18.3); a parser sees whole messages.
 * Implementations never throw on bad input: they answer {@link Malformed}.
 */
public interface SipParser
{
    /**
     * Parses one message.
     *
     * @param bytes  the buffer holding the message
     * @param offset where the message starts
     * @param length how many bytes it has, headers and body
     * @return the parsed message, or {@link Malformed} with a short reason
     */
    ParseResult parse(byte[] bytes, int offset, int length);
}
