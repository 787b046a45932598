package io.switchboard.sip.test;

import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Target;
import io.switchboard.sip.transport.Transport;

import java.net.InetSocketAddress;

/** Flows and targets for transaction tests, over fake transports without channels. */
public final class TxFlows
{
    public static final Transport UDP = TestTransports.of("UDP", false);
    public static final Transport TCP = TestTransports.of("TCP", true);
    public static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.1", 5060);

    private TxFlows()
    {
    }

    public static Flow udpFrom(final String ip, final int port)
    {
        return new Flow(UDP, LOCAL, new InetSocketAddress(ip, port), null);
    }

    public static Flow tcpFrom(final String ip, final int port)
    {
        return new Flow(TCP, LOCAL, new InetSocketAddress(ip, port), null);
    }

    public static Target udpTo(final String ip, final int port)
    {
        return Target.udp(new InetSocketAddress(ip, port));
    }

    public static Target tcpTo(final String ip, final int port)
    {
        return new Target("TCP", new InetSocketAddress(ip, port), null);
    }
}
