package io.switchboard.sip;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Operator counters of the SIP stack, with stable ids (never renumber; add at the end). Incremented from any
 * event loop without locks; read through the HTTP API.
 */
public final class SipCounters
{
    /** Counter ids. The code is stable across releases; the name is what the API shows. */
    public enum Id
    {
        MESSAGES_RECEIVED(0),
        MESSAGES_SENT(1),
        MALFORMED_ANSWERED_400(2),
        MALFORMED_DROPPED(3),
        KEEPALIVES(4),
        OVERSIZED_MESSAGES(5),
        SEND_FAILURES(6),
        RETRANSMISSIONS_ABSORBED(7),
        RETRANSMISSIONS_SENT(8),
        TRANSACTION_TIMEOUTS(9),
        STRAY_RESPONSES(10),
        UNEXPECTED_EVENTS(11),
        AUTH_CHALLENGES(12),
        AUTH_FAILURES(13),
        AUTH_THROTTLED(14),
        REGISTRATIONS(15),
        UNKNOWN_METHOD_501(16),
        UNSUPPORTED_REQUIRE_420(17),
        TOO_MANY_HOPS_483(18),
        OVERLOAD_REJECTED(19),
        /** TLS connections (SIP over TLS, wss) whose handshake failed: plain text on a TLS port, no common cipher. */
        TLS_HANDSHAKE_FAILURES(20),
        /** WebSocket upgrades refused: no {@code sip} subprotocol, a foreign Origin, the wrong path, not an upgrade. */
        WEBSOCKET_REFUSED(21);

        private final int code;

        Id(final int code)
        {
            this.code = code;
        }

        public int code()
        {
            return code;
        }
    }

    private final AtomicLongArray values = new AtomicLongArray(Id.values().length);

    public void increment(final Id id)
    {
        values.getAndIncrement(id.code);
    }

    public void add(final Id id, final long delta)
    {
        values.getAndAdd(id.code, delta);
    }

    public long get(final Id id)
    {
        return values.get(id.code);
    }

    /** A snapshot for the API, in id order. */
    public Map<Id, Long> snapshot()
    {
        final Map<Id, Long> map = new EnumMap<>(Id.class);
        for (final Id id : Id.values())
        {
            map.put(id, values.get(id.code));
        }
        return map;
    }
}
