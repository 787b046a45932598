package io.switchboard.sip.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.switchboard.sip.SipCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;

/**
 * Sits right behind an {@code SslHandler}: a handshake that fails (plain text or an HTTP request on a TLS port, a
 * client that offers only TLS 1.0, no cipher in common) is counted and the connection closed, quietly: a scanner is
 * not an error worth a stack trace. Stateless; one per connection because Netty handlers are, unless shared.
 */
final class TlsHandshakeGuard extends ChannelInboundHandlerAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeGuard.class);

    private final SipCounters counters;

    TlsHandshakeGuard(final SipCounters counters)
    {
        this.counters = counters;
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess())
        {
            counters.increment(SipCounters.Id.TLS_HANDSHAKE_FAILURES);
            LOG.debug("TLS handshake from {} failed: {}", ctx.channel().remoteAddress(), done.cause().toString());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (cause instanceof SSLException || cause instanceof DecoderException
            && cause.getCause() instanceof SSLException)
        {
            // Reported (and counted) through the handshake event; the connection is closing.
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
