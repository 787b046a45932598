package io.switchboard.sip.test;

import io.switchboard.sip.transport.Transport;

/** Transports with no sockets behind them, for flows and targets in tests. */
public final class TestTransports
{
    public static final Transport UDP = of("UDP", false);
    public static final Transport TCP = of("TCP", true);

    private TestTransports()
    {
    }

    public static Transport of(final String name, final boolean reliable)
    {
        return new Stub(name, reliable);
    }

    private record Stub(String name, boolean isReliable) implements Transport
    {
    }
}
