package io.switchboard.sip.transaction;

/**
 * The timer values of RFC 3261 §17 (table 4 of Appendix A), in milliseconds. All transaction timers derive from
 * T1, T2, T4 and the Timer D floor; on reliable transports timers D, I, J and K are zero (RFC 3261 §17.1.1.2,
 * §17.1.2.2, §17.2.1, §17.2.2).
 * <pre>
 *   T1  500 ms   RTT estimate                    Timer A, E, G start at T1 and double
 *   T2    4 s    maximum retransmit interval     cap for E and G (and the 2xx of RFC 3261 §13.3.1.4)
 *   T4    5 s    maximum time a message lingers  Timer I and K (unreliable)
 *   D    32 s    wait for response retransmits   Timer D (unreliable)
 *   64*T1        Timer B, F, H, L, M; Timer J (unreliable)
 * </pre>
 * Immutable; checked when built, never on the hot path.
 */
public final class TimerValues
{
    public static final long DEFAULT_T1_MS = 500;
    public static final long DEFAULT_T2_MS = 4_000;
    public static final long DEFAULT_T4_MS = 5_000;
    public static final long DEFAULT_TIMER_D_MS = 32_000;

    /** How long an INVITE server transaction waits for the TU before sending 100 Trying (RFC 3261 §17.2.1). */
    public static final long DEFAULT_TRYING_DELAY_MS = 200;

    public static final TimerValues DEFAULTS =
        new TimerValues(DEFAULT_T1_MS, DEFAULT_T2_MS, DEFAULT_T4_MS, DEFAULT_TIMER_D_MS, DEFAULT_TRYING_DELAY_MS);

    private final long t1;
    private final long t2;
    private final long t4;
    private final long timerD;
    private final long tryingDelay;

    /**
     * @param t1Ms          T1, the round-trip estimate
     * @param t2Ms          T2, the cap on non-INVITE request and INVITE response retransmit intervals (at least T1)
     * @param t4Ms          T4, the time a message may linger in the network
     * @param timerDMs      Timer D for unreliable transports (RFC 3261 says at least 32 s)
     * @param tryingDelayMs delay before the automatic 100 Trying of an INVITE server transaction; 0 sends it at once
     */
    public TimerValues(final long t1Ms, final long t2Ms, final long t4Ms, final long timerDMs, final long tryingDelayMs)
    {
        if (t1Ms <= 0 || t2Ms < t1Ms || t4Ms <= 0 || timerDMs < 0 || tryingDelayMs < 0)
        {
            throw new IllegalArgumentException("invalid timer values: T1=" + t1Ms + " T2=" + t2Ms + " T4=" + t4Ms +
                " D=" + timerDMs + " trying=" + tryingDelayMs);
        }
        this.t1 = t1Ms;
        this.t2 = t2Ms;
        this.t4 = t4Ms;
        this.timerD = timerDMs;
        this.tryingDelay = tryingDelayMs;
    }

    public long t1()
    {
        return t1;
    }

    public long t2()
    {
        return t2;
    }

    public long t4()
    {
        return t4;
    }

    /** 64*T1: Timer B, F, H, L and M, and the 2xx retransmission limit of RFC 3261 §13.3.1.4. */
    public long timeout()
    {
        return 64 * t1;
    }

    /** Timer D (RFC 3261 §17.1.1.2): wait for retransmitted final responses to an INVITE. */
    public long timerD(final boolean reliable)
    {
        return reliable ? 0 : timerD;
    }

    /** Timer I (RFC 3261 §17.2.1): wait for ACK retransmissions in Confirmed. */
    public long timerI(final boolean reliable)
    {
        return reliable ? 0 : t4;
    }

    /** Timer J (RFC 3261 §17.2.2): wait for non-INVITE request retransmissions in Completed. */
    public long timerJ(final boolean reliable)
    {
        return reliable ? 0 : 64 * t1;
    }

    /** Timer K (RFC 3261 §17.1.2.2): wait for non-INVITE response retransmissions in Completed. */
    public long timerK(final boolean reliable)
    {
        return reliable ? 0 : t4;
    }

    public long tryingDelay()
    {
        return tryingDelay;
    }

    /** The next interval of a doubling retransmit timer, capped at T2 (Timers E and G, 2xx retransmission). */
    public long nextCapped(final long interval)
    {
        return Math.min(2 * interval, t2);
    }

    @Override
    public String toString()
    {
        return "TimerValues{T1=" + t1 + ", T2=" + t2 + ", T4=" + t4 + ", D=" + timerD + ", trying=" + tryingDelay + '}';
    }
}
