package io.switchboard.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.switchboard.sip.SipCounters;


/**
 * One SIP WebSocket connection after its handshake (RFC 7118 §5): each text or binary frame is one whole SIP message
 * (no framing by Content-Length, no partial messages), handed to the parser with this connection as its flow; a frame
 * of only CR and LF is a keep-alive (RFC 5626 §3.5.1, what SIP.js and JsSIP send) and gets CRLF back. The server
 * pings a quiet connection; one that stays silent is closed (the browser is gone; it registers again when it comes
 * back). Ping, pong and close frames are Netty's protocol handler's; continuation frames are aggregated before this.
 */
final class SipWebSocketFrames extends SimpleChannelInboundHandler<WebSocketFrame>
{
    private static final byte[] PONG = {'\r', '\n'};

    private final WebSocketTransport transport;
    private final InboundMessages inbound;
    private Flow flow;

    SipWebSocketFrames(final WebSocketTransport transport, final InboundMessages inbound)
    {
        this.transport = transport;
        this.inbound = inbound;
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete)
        {
            transport.opened(flow(ctx));
        }
        else if (event instanceof IdleStateEvent idle)
        {
            if (idle.state() == IdleState.WRITER_IDLE)
            {
                ctx.writeAndFlush(new PingWebSocketFrame());
            }
            else if (idle.state() == IdleState.READER_IDLE)
            {
                ctx.writeAndFlush(new CloseWebSocketFrame(1001, "idle")).addListener(f -> ctx.close());
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame))
        {
            return;
        }
        final ByteBuf content = frame.content();
        if (isKeepAlive(content))
        {
            inbound.counters().increment(SipCounters.Id.KEEPALIVES);
            ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(PONG)));
            return;
        }
        final byte[] answer = inbound.deliver(ByteBufUtil.getBytes(content), flow(ctx));
        if (answer != null)
        {
            ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(answer)));
        }
    }

    private static boolean isKeepAlive(final ByteBuf content)
    {
        if (!content.isReadable())
        {
            return true;
        }
        for (int i = content.readerIndex(); i < content.writerIndex(); i++)
        {
            final byte b = content.getByte(i);
            if (b != '\r' && b != '\n')
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        // A protocol error (a frame beyond the size limit, a bad mask): the connection is closed, never the server.
        ctx.close();
    }

    private Flow flow(final ChannelHandlerContext ctx)
    {
        if (flow == null)
        {
            flow = Flow.of(transport, ctx.channel());
        }
        return flow;
    }
}
