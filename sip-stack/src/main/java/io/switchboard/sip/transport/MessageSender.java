package io.switchboard.sip.transport;

import gov.nist.javax.sip.message.SIPMessage;

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
     * The host and port that we put in Via sent-by and Contact for messages to this target: the configured
     * advertised address, or the local address the OS would use to reach the target.
     */
    HostPort localAddressFor(Target target);

    /** Called when a send failed at the transport (RFC 3261 §17.1.4, §17.2.4 transport errors). */
    @FunctionalInterface
    interface SendFailureListener
    {
        void onSendFailure(SIPMessage message, Target target, Throwable cause);
    }
}
