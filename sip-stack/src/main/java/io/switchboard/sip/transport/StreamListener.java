package io.switchboard.sip.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetAddress;
import java.util.function.Consumer;

/** The listening socket of a stream transport (TCP, TLS, WS, WSS): epoll when the group is, Nagle off. */
final class StreamListener
{
    private StreamListener()
    {
    }

    /**
     * Binds and waits for the bind; each accepted connection's pipeline is built by {@code pipeline} on its loop.
     * Called once at start-up from a thread outside the group.
     */
    static Channel bind(final EventLoopGroup group, final InetAddress address, final int port,
        final Consumer<Channel> pipeline) throws InterruptedException
    {
        final boolean epoll = group instanceof EpollEventLoopGroup;
        return new ServerBootstrap()
            .group(group)
            .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<>()
            {
                @Override
                protected void initChannel(final Channel channel)
                {
                    pipeline.accept(channel);
                }
            })
            .bind(address, port).sync().channel();
    }
}
