package io.switchboard.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.message.Malformed;
import io.switchboard.sip.message.TransportLimits;

import java.util.List;

/**
 * Frames SIP messages on a stream (RFC 3261 §18.3), one instance per TCP connection:
 * <ol>
 *   <li>skips CRLFs between messages (§7.5); a double CRLF "ping" is answered with a single CRLF "pong"
 *       (RFC 5626 §3.5.1);</li>
 *   <li>finds the end of the header block (CRLFCRLF, tolerating bare LFs);</li>
 *   <li>reads Content-Length (or {@code l}); when it is missing or invalid the message boundary is unknown, so the
 *       request is answered 400 if possible and the connection closed (§18.3 makes it mandatory on streams);</li>
 *   <li>waits for the body, then hands the framed bytes to the same parser as UDP. A malformed message gets a
 *       400 when answerable and the connection stays open.</li>
 * </ol>
 * A header block or message beyond {@link TransportLimits} closes the connection (OVERSIZED_MESSAGES).
 * <p>
 * A connection that fails stops being read at once, but is closed only {@link #CLOSE_LINGER_MS} later: the messages
 * framed before the failure are handled on the workers that own their Call-IDs, and their answers must still go
 * out on this connection (RFC 3261 §18.2.2) rather than be lost to a close that overtook them.
 */
public final class SipStreamFramer extends ByteToMessageDecoder
{
    private static final byte[] PONG = {'\r', '\n'};
    private static final byte[] PING = {'\r', '\n', '\r', '\n'};
    /** How long a failed connection stays open for the answers to what came before the failure. */
    static final long CLOSE_LINGER_MS = 1000;

    private final Transport transport;
    private final InboundMessages inbound;
    private final TransportLimits limits;
    private Flow flow;
    private boolean failed;
    private int scanned;
    private int headerLength = -1;
    private int contentLength;

    SipStreamFramer(final Transport transport, final InboundMessages inbound, final TransportLimits limits)
    {
        this.transport = transport;
        this.inbound = inbound;
        this.limits = limits;
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
    {
        if (failed)
        {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (!failed && in.isReadable())
        {
            if (headerLength < 0 && !frameHeaders(ctx, in))
            {
                break;
            }
            if (failed || in.readableBytes() < headerLength + contentLength)
            {
                break;
            }
            final byte[] bytes = new byte[headerLength + contentLength];
            in.readBytes(bytes);
            headerLength = -1;
            scanned = 0;
            final byte[] answer = inbound.deliver(bytes, flow(ctx));
            if (answer != null)
            {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(answer));
            }
        }
    }

    /** Skips keep-alives and finds the header block; false when more bytes are needed or the connection failed. */
    private boolean frameHeaders(final ChannelHandlerContext ctx, final ByteBuf in)
    {
        if (!skipKeepAlives(ctx, in))
        {
            return false;
        }
        final int start = in.readerIndex();
        final int to = start + Math.min(in.readableBytes(), limits.maxHeaderBytes());
        final int end = HeaderBlock.endOfHeaders(in, Math.max(start, start + scanned - 2), to);
        if (end < 0)
        {
            if (in.readableBytes() > limits.maxHeaderBytes())
            {
                oversized(ctx, in);
            }
            scanned = to - start;
            return false;
        }
        final HeaderBlock block = HeaderBlock.scan(in, start, end - start);
        if (block.headers() > limits.maxHeaders())
        {
            oversized(ctx, in);
            return false;
        }
        if (block.contentLength() < 0)
        {
            unframeable(ctx, in, end - start, block.contentLength() == HeaderBlock.MISSING ?
                "Missing Content-Length" : "Malformed Content-Length");
            return false;
        }
        if (end - start + block.contentLength() > limits.maxMessageBytes())
        {
            oversized(ctx, in);
            return false;
        }
        headerLength = end - start;
        contentLength = block.contentLength();
        return true;
    }

    /**
     * Consumes CRLFs before a message: each CRLFCRLF is a ping answered with a pong; a lone CRLF or LF is skipped.
     * False while the buffer holds only the start of a possible ping.
     */
    private boolean skipKeepAlives(final ChannelHandlerContext ctx, final ByteBuf in)
    {
        while (in.isReadable())
        {
            final int r = in.readerIndex();
            final byte b = in.getByte(r);
            if (b != '\r' && b != '\n')
            {
                return true;
            }
            final int matched = matchPing(in, r);
            if (matched == PING.length)
            {
                in.skipBytes(PING.length);
                inbound.counters().increment(SipCounters.Id.KEEPALIVES);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG));
            }
            else if (matched == in.readableBytes())
            {
                return false;
            }
            else
            {
                final boolean crlf = matched >= 2;
                in.skipBytes(crlf ? 2 : 1);
                if (crlf)
                {
                    inbound.counters().increment(SipCounters.Id.KEEPALIVES);
                }
            }
        }
        return false;
    }

    private static int matchPing(final ByteBuf in, final int from)
    {
        int n = 0;
        while (n < PING.length && from + n < in.writerIndex() && in.getByte(from + n) == PING[n])
        {
            n++;
        }
        return n;
    }

    private void unframeable(final ChannelHandlerContext ctx, final ByteBuf in, final int length, final String why)
    {
        final byte[] headers = new byte[length];
        in.getBytes(in.readerIndex(), headers);
        final byte[] answer = inbound.malformed(new Malformed(why, headers), flow(ctx));
        fail(ctx, in, answer);
    }

    private void oversized(final ChannelHandlerContext ctx, final ByteBuf in)
    {
        inbound.counters().increment(SipCounters.Id.OVERSIZED_MESSAGES);
        fail(ctx, in, null);
    }

    /** Discards what is buffered, then closes (closing releases the cumulation buffer). */
    private void fail(final ChannelHandlerContext ctx, final ByteBuf in, final byte[] lastWords)
    {
        failed = true;
        in.skipBytes(in.readableBytes());
        ctx.channel().config().setAutoRead(false);
        if (lastWords != null)
        {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(lastWords));
        }
        ctx.executor().schedule(() -> ctx.close(), CLOSE_LINGER_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
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
