package io.switchboard.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.message.TransportLimits;

import java.net.InetSocketAddress;

/**
 * Decodes SIP over UDP (RFC 3261 §18.1.2, §18.2.1): one datagram is one message, so this handler is stateless and
 * shared by every datagram channel.
 * <ul>
 *   <li>Datagrams of only CR, LF, SP or HT are keep-alives (RFC 5626 §4.4.1 style pings): ignored, counted.</li>
 *   <li>A datagram over {@link TransportLimits} is dropped and counted as OVERSIZED_MESSAGES.</li>
 *   <li>Anything else goes to the shared {@link io.switchboard.sip.message.SipParser}; a malformed request with
 *       recoverable Via, CSeq, Call-ID, From and To gets a 400 back to its source address, the rest is dropped.</li>
 * </ul>
 */
@ChannelHandler.Sharable
public final class SipDatagramDecoder extends SimpleChannelInboundHandler<DatagramPacket>
{
    private final Transport transport;
    private final InboundMessages inbound;
    private final TransportLimits limits;

    SipDatagramDecoder(final Transport transport, final InboundMessages inbound, final TransportLimits limits)
    {
        super(DatagramPacket.class, true);
        this.transport = transport;
        this.inbound = inbound;
        this.limits = limits;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final DatagramPacket packet)
    {
        final ByteBuf content = packet.content();
        if (isKeepAlive(content))
        {
            inbound.counters().increment(SipCounters.Id.KEEPALIVES);
            return;
        }
        if (isOversized(content))
        {
            inbound.counters().increment(SipCounters.Id.OVERSIZED_MESSAGES);
            return;
        }
        final InetSocketAddress local = packet.recipient() != null ?
            packet.recipient() : localAddress(ctx);
        final Flow flow = new Flow(transport, local, packet.sender(), ctx.channel());
        final byte[] answer = inbound.deliver(ByteBufUtil.getBytes(content), flow);
        if (answer != null && packet.sender() != null)
        {
            ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(answer), packet.sender()));
        }
    }

    private boolean isOversized(final ByteBuf content)
    {
        final int start = content.readerIndex();
        final int readable = content.readableBytes();
        if (readable > limits.maxMessageBytes())
        {
            return true;
        }
        final int to = start + Math.min(readable, limits.maxHeaderBytes());
        final int end = HeaderBlock.endOfHeaders(content, start, to);
        if (end < 0)
        {
            return readable > limits.maxHeaderBytes();
        }
        return HeaderBlock.scan(content, start, end - start).headers() > limits.maxHeaders();
    }

    static boolean isKeepAlive(final ByteBuf content)
    {
        for (int i = content.readerIndex(); i < content.writerIndex(); i++)
        {
            final byte b = content.getByte(i);
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t')
            {
                return false;
            }
        }
        return true;
    }

    private static InetSocketAddress localAddress(final ChannelHandlerContext ctx)
    {
        return ctx.channel().localAddress() instanceof InetSocketAddress address ? address : null;
    }
}
