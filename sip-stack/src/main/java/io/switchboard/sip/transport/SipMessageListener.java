package io.switchboard.sip.transport;

import javax.sip.message.Message;

/**
 * Receives every well-formed message a transport decodes, on the event loop that read it.
 * Malformed messages never get here: the transport answers them with 400 or drops them and counts them.
 */
@FunctionalInterface
public interface SipMessageListener
{
    void onMessage(Message message, Flow flow);

    /**
     * As {@link #onMessage(Message, Flow)}, with the bytes the message was parsed from (a copy of its own, never
     * reused by the transport: a listener may keep it, as a SIP trace does). The transports call this one.
     */
    default void onMessage(final Message message, final Flow flow, final byte[] raw)
    {
        onMessage(message, flow);
    }
}
