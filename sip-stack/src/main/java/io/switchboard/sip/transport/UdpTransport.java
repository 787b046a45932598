package io.switchboard.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.EventExecutor;
import io.switchboard.sip.message.TransportLimits;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * SIP over UDP (RFC 3261 §18.1.1, §18.2.1). On an epoll event loop group it binds one datagram channel per event
 * loop on the same port with SO_REUSEPORT, so the kernel spreads reads across the loops; on NIO a single channel.
 * A send from one of our event loops goes out through that loop's own channel, with no hop between threads.
 * The channel list is filled by {@link #bind} before the transport is published and never changes after.
 */
public final class UdpTransport implements Transport
{
    private final List<Channel> channels = new ArrayList<>();
    private int port;

    UdpTransport()
    {
    }

    @Override
    public String name()
    {
        return "UDP";
    }

    @Override
    public boolean isReliable()
    {
        return false;
    }

    /** The bound port. */
    public int port()
    {
        return port;
    }

    /** The bound channels, one per event loop on epoll. */
    public List<Channel> channels()
    {
        return List.copyOf(channels);
    }

    /** Binds; called once at start-up from a thread outside the group, as it waits for the binds. */
    void bind(
        final EventLoopGroup group,
        final InetAddress address,
        final int requestedPort,
        final SipDatagramDecoder decoder,
        final TransportLimits limits,
        final int socketBufferBytes) throws InterruptedException
    {
        final boolean epoll = group instanceof EpollEventLoopGroup;
        final int receiveSize = Math.min(limits.maxMessageBytes() + 1, 65536);
        int bindPort = requestedPort;
        for (final EventExecutor executor : group)
        {
            final Bootstrap bootstrap = new Bootstrap()
                .group((EventLoop)executor)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(receiveSize))
                .handler(decoder);
            if (socketBufferBytes > 0)
            {
                bootstrap.option(ChannelOption.SO_RCVBUF, socketBufferBytes)
                    .option(ChannelOption.SO_SNDBUF, socketBufferBytes);
            }
            if (epoll)
            {
                bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
            }
            final Channel channel = bootstrap.bind(address, bindPort).sync().channel();
            channels.add(channel);
            bindPort = ((InetSocketAddress)channel.localAddress()).getPort();
            if (!epoll)
            {
                break;
            }
        }
        port = bindPort;
    }

    /**
     * Sends a datagram through the calling event loop's channel when there is one, else through the flow's
     * channel, else the first.
     */
    ChannelFuture send(final ByteBuf content, final InetSocketAddress recipient, final Flow flow)
    {
        return channelFor(flow).writeAndFlush(new DatagramPacket(content, recipient));
    }

    private Channel channelFor(final Flow flow)
    {
        for (int i = 0; i < channels.size(); i++)
        {
            final Channel channel = channels.get(i);
            if (channel.eventLoop().inEventLoop())
            {
                return channel;
            }
        }
        if (flow != null && flow.transport() == this && flow.channel() != null && flow.channel().isActive())
        {
            return flow.channel();
        }
        return channels.get(0);
    }

    void close()
    {
        for (final Channel channel : channels)
        {
            channel.close().syncUninterruptibly();
        }
    }
}
