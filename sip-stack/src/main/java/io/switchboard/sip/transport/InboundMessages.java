package io.switchboard.sip.transport;

import io.switchboard.sip.SipCounters;
import io.switchboard.sip.message.BadRequestResponder;
import io.switchboard.sip.message.Malformed;
import io.switchboard.sip.message.ParseResult;
import io.switchboard.sip.message.SipParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both decoders do with a framed message: parse it, hand a good one to the listener, and turn a bad one into
 * a 400 to send back (RFC 3261 §8.2.6.2) or a counted drop. Stateless: one instance serves every channel.
 */
final class InboundMessages
{
    private static final Logger LOG = LoggerFactory.getLogger(InboundMessages.class);

    private final SipParser parser;
    private final SipMessageListener listener;
    private final SipCounters counters;
    private final BadRequestResponder badRequests = new BadRequestResponder();

    InboundMessages(final SipParser parser, final SipMessageListener listener, final SipCounters counters)
    {
        this.parser = parser;
        this.listener = listener;
        this.counters = counters;
    }

    SipCounters counters()
    {
        return counters;
    }

    /**
     * Parses and delivers one message.
     *
     * @return the bytes of a 400 to send back over the same flow, or null
     */
    byte[] deliver(final byte[] bytes, final Flow flow)
    {
        final ParseResult result = parser.parse(bytes, 0, bytes.length);
        if (result instanceof ParseResult.Parsed parsed)
        {
            counters.increment(SipCounters.Id.MESSAGES_RECEIVED);
            listener.onMessage(parsed.message(), flow, bytes);
            return null;
        }
        return malformed((Malformed)result, flow);
    }

    /** A 400 for a malformed message when answerable (counted as answered), else null (counted as dropped). */
    byte[] malformed(final Malformed malformed, final Flow flow)
    {
        final byte[] answer = badRequests.respondBytes(malformed);
        counters.increment(answer == null ? SipCounters.Id.MALFORMED_DROPPED : SipCounters.Id.MALFORMED_ANSWERED_400);
        if (LOG.isDebugEnabled())
        {
            LOG.debug("malformed message from {}: {}, {}", flow == null ? null : flow.remote(), malformed.reason(),
                answer == null ? "dropped" : "answered " + malformed.status());
        }
        return answer;
    }
}
