package io.switchboard.core.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

import java.util.function.Predicate;

/**
 * The request body limit by route, before the aggregator (whose own limit is the largest of them): a request whose
 * declared length, or whose body as it arrives, is over its route's limit is answered 413 with the API's JSON error,
 * the rest of its body discarded as it comes (nothing more of it is kept in memory) and the connection closed at its
 * end. Upload routes have their own limit; every
 * other route {@value #NORMAL} bytes.
 */
final class BodyLimit extends ChannelInboundHandlerAdapter
{
    /** A request's body, except an upload's: 8 MiB. */
    static final int NORMAL = 8 << 20;

    private final Predicate<String> large;
    private final int largeLimit;
    private long limit;
    private long seen;
    private boolean refused;

    BodyLimit(final Predicate<String> large, final int largeLimit)
    {
        this.large = large;
        this.largeLimit = largeLimit;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object message)
    {
        if (message instanceof HttpRequest request)
        {
            seen = 0;
            refused = false;
            limit = large.test(new QueryStringDecoder(request.uri()).path()) ? Math.max(NORMAL, largeLimit) : NORMAL;
            if (HttpUtil.getContentLength(request, -1L) > limit)
            {
                refuse(ctx, message);
                return;
            }
        }
        if (message instanceof HttpContent content)
        {
            seen += content.content().readableBytes();
            if (refused || seen > limit)
            {
                final boolean last = message instanceof LastHttpContent;
                refuse(ctx, message);
                if (last || seen > 2 * limit + NORMAL)
                {
                    // the body is read to its end (so the client reads the answer rather than a reset), then closed
                    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                }
                return;
            }
        }
        ctx.fireChannelRead(message);
    }

    private void refuse(final ChannelHandlerContext ctx, final Object message)
    {
        ReferenceCountUtil.release(message);
        if (refused)
        {
            return;
        }
        refused = true;
        final FullHttpResponse response = HttpApi.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
            "the request's body is over " + limit + " bytes, the most this route takes");
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response);
    }
}
