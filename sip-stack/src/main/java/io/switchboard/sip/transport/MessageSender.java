package io.switchboard.sip.transport;

import gov.nist.javax.sip.message.SIPMessage;

import java.util.Locale;

/**
 * Sends SIP messages. Implemented by {@code SipTransports} over Netty, and by a capturing fake in tests.
 * Never blocks: a failure (connection refused, unknown transport) is reported later through the callback,
 * on the calling event loop.
 */
public interface MessageSender
{
    /**
     * Encodes and sends a message.
     *
     * @param message   a request (with its top Via already set) or a response
     * @param target    where to send it
     * @param onFailure called on the sender's event loop if the message could not be sent; may be null
     */
    void send(SIPMessage message, Target target, SendFailureListener onFailure);

    /**
     * Sends a message already encoded by {@link #encode} for this target, as {@link #send} would have sent it. A
     * transaction that only absorbs retransmissions keeps these bytes instead of the parsed message (a few hundred
     * bytes instead of a few kilobytes of JAIN-SIP objects) and re-sends them as they are.
     *
     * @param bytes     the whole message, as returned by {@link #encode}; not modified, may be sent again
     * @param target    where to send it
     * @param onFailure as for {@link #send}, called with a null message; may be null
     */
    void sendEncoded(byte[] bytes, Target target, SendFailureListener onFailure);

    /**
     * The bytes that {@link #send} puts on the wire for this message and target. Like JAIN-SIP's
     * {@link SIPMessage#encodeAsBytes(String)}, it sets the transport of the top Via to the target's.
     */
    default byte[] encode(final SIPMessage message, final Target target)
    {
        return message.encodeAsBytes(target.transport().toUpperCase(Locale.ROOT));
    }

    /**
     * The host and port that we put in Via sent-by and Contact for messages to this target: the configured
     * advertised address, or the local address the OS would use to reach the target.
     */
    HostPort localAddressFor(Target target);

    /** Called when a send failed at the transport (RFC 3261 §17.1.4, §17.2.4 transport errors). */
    @FunctionalInterface
    interface SendFailureListener
    {
        /**
         * @param message the message that was not sent, or null if it was sent as bytes ({@link #sendEncoded})
         */
        void onSendFailure(SIPMessage message, Target target, Throwable cause);
    }
}
