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
}
