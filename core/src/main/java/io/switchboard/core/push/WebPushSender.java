package io.switchboard.core.push;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Posts push messages to the push services (RFC 8030 §5): one HTTP/1.1 {@code POST} to the subscription's endpoint
 * per message, with {@code TTL}, {@code Urgency: high} (§5.3), {@code Content-Encoding: aes128gcm} (RFC 8291) and the
 * VAPID {@code Authorization} (RFC 8292). Nothing blocks the caller: {@link #send} hands the message to the sender's
 * thread, which encrypts, signs and looks the host up, then Netty's loop of its own connects (TLS with SNI and host
 * name verification for https), writes and reads the answer, {@value #TIMEOUT_SECONDS} s at most for each. At most
 * {@value #MAX_PENDING} messages wait or travel at once; beyond that one is dropped and counted. A 2xx answer is
 * {@code sent}; 404 and 410 mean the subscription is gone (RFC 8030 §7.3): {@code gone} is told, to remove it;
 * anything else is logged and counted as {@code failed}, and not retried (the next offer sends again).
 */
public final class WebPushSender implements AutoCloseable
{
    static final int MAX_PENDING = 256;
    static final int TIMEOUT_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(WebPushSender.class);

    /** What the sender did, since start. */
    public record Counters(long sent, long gone, long failed, long dropped)
    {
    }

    private final VapidKeys keys;
    private final String subject;
    private final int ttlSeconds;
    private final boolean allowLoopbackHttp;
    private final Consumer<URI> gone;
    private final PushMessageEncryption encryption = new PushMessageEncryption(new SecureRandom());
    private final ExecutorService preparer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), new DefaultThreadFactory("web-push", true));
    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("web-push-io", true));
    private final SslContext tls;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong goneCount = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param gone told (on the sender's threads) of an endpoint its push service says is gone
     */
    public WebPushSender(final VapidKeys keys, final String subject, final int ttlSeconds,
        final boolean allowLoopbackHttp, final Consumer<URI> gone) throws SSLException
    {
        this.keys = keys;
        this.subject = subject;
        this.ttlSeconds = ttlSeconds;
        this.allowLoopbackHttp = allowLoopbackHttp;
        this.gone = gone;
        this.tls = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).build();
    }

    /** Queues one message to one subscription (any thread); false when {@value #MAX_PENDING} are pending already. */
    public boolean send(final PushSubscription subscription, final byte[] payload)
    {
        if (pending.incrementAndGet() > MAX_PENDING)
        {
            pending.decrementAndGet();
            dropped.incrementAndGet();
            LOG.warn("push: {} messages pending, one to {} dropped", MAX_PENDING, subscription.staffNo());
            return false;
        }
        try
        {
            preparer.execute(() -> prepare(subscription, payload));
            return true;
        }
        catch (final RejectedExecutionException closed)
        {
            pending.decrementAndGet();
            dropped.incrementAndGet();
            return false;
        }
    }

    public Counters counters()
    {
        return new Counters(sent.get(), goneCount.get(), failed.get(), dropped.get());
    }

    /** On the sender's thread: the encrypted body, the token, the address; then the request on the I/O loop. */
    private void prepare(final PushSubscription subscription, final byte[] payload)
    {
        final URI endpoint = subscription.endpoint();
        try
        {
            final byte[] body = encryption.encrypt(payload, subscription.p256dh(), subscription.auth());
            final String authorization = VapidToken.authorization(keys, endpoint, subject,
                System.currentTimeMillis() / 1000);
            final InetSocketAddress address = address(subscription);
            final FullHttpRequest request = request(endpoint, body, authorization);
            connect(subscription, address, request);
        }
        catch (final GeneralSecurityException | UnknownHostException | RuntimeException ex)
        {
            done(subscription, -1, ex.toString());
        }
    }

    /**
     * The endpoint's address, looked up here (off every loop): for https the first public address (never a
     * loopback, private, link-local or multicast one, against a browser that names an inside host); for http the
     * loopback address that {@link PushSubscription#endpoint} let through.
     */
    private InetSocketAddress address(final PushSubscription subscription) throws UnknownHostException
    {
        final URI endpoint = subscription.endpoint();
        final boolean plain = subscription.plain();
        final int port = endpoint.getPort() > 0 ? endpoint.getPort() : plain ? 80 : 443;
        final String host = endpoint.getHost().startsWith("[") ? endpoint.getHost().substring(1,
            endpoint.getHost().length() - 1) : endpoint.getHost();
        for (final InetAddress candidate : InetAddress.getAllByName(host))
        {
            final boolean inside = candidate.isLoopbackAddress() || candidate.isAnyLocalAddress()
                || candidate.isLinkLocalAddress() || candidate.isSiteLocalAddress() || candidate.isMulticastAddress()
                || uniqueLocal(candidate);
            if (plain ? allowLoopbackHttp && candidate.isLoopbackAddress() : !inside || allowLoopbackHttp)
            {
                return new InetSocketAddress(candidate, port);
            }
        }
        throw new UnknownHostException(host + " has no address a push may go to");
    }

    /** IPv6 unique local addresses (fc00::/7, RFC 4193), which Java does not count as site-local. */
    private static boolean uniqueLocal(final InetAddress address)
    {
        final byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }

    private FullHttpRequest request(final URI endpoint, final byte[] body, final String authorization)
    {
        final String target = (endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/"
            : endpoint.getRawPath()) + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery());
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target,
            Unpooled.wrappedBuffer(body));
        request.headers()
            .set(HttpHeaderNames.HOST, endpoint.getRawAuthority())
            .set("TTL", ttlSeconds)
            .set("Urgency", "high")
            .set(HttpHeaderNames.CONTENT_ENCODING, "aes128gcm")
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
            .set(HttpHeaderNames.AUTHORIZATION, authorization)
            .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return request;
    }

    private void connect(final PushSubscription subscription, final InetSocketAddress address,
        final FullHttpRequest request)
    {
        final URI endpoint = subscription.endpoint();
        final AtomicBoolean answered = new AtomicBoolean();
        final Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, TIMEOUT_SECONDS * 1000)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    if (!subscription.plain())
                    {
                        channel.pipeline().addLast(new SslHandler(engine(channel, endpoint.getHost(),
                            address.getPort())));
                    }
                    channel.pipeline().addLast(new ReadTimeoutHandler(TIMEOUT_SECONDS),
                        new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                        new Answer(subscription, answered));
                }
            });
        bootstrap.connect(address).addListener((ChannelFutureListener)future ->
        {
            if (!future.isSuccess())
            {
                request.release();
                finish(subscription, answered, -1, "connect: " + future.cause());
                return;
            }
            future.channel().writeAndFlush(request);
        });
    }

    /** A TLS engine that sends the host name (SNI) and checks the certificate against it. */
    private SSLEngine engine(final Channel channel, final String host, final int port)
    {
        final SSLEngine engine = tls.newEngine(channel.alloc(), host, port);
        final SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.startsWith("[") && !host.matches("[0-9.]+"))
        {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    private void finish(final PushSubscription subscription, final AtomicBoolean answered, final int status,
        final String detail)
    {
        if (answered.compareAndSet(false, true))
        {
            done(subscription, status, detail);
        }
    }

    /** The outcome, counted once per message: sent, gone or failed. */
    private void done(final PushSubscription subscription, final int status, final String detail)
    {
        pending.decrementAndGet();
        if (status >= 200 && status < 300)
        {
            sent.incrementAndGet();
        }
        else if (status == 404 || status == 410)
        {
            goneCount.incrementAndGet();
            LOG.info("push: {}'s subscription at {} is gone ({}), removed", subscription.staffNo(),
                VapidToken.audience(subscription.endpoint()), status);
            gone.accept(subscription.endpoint());
        }
        else
        {
            failed.incrementAndGet();
            LOG.warn("push to {} at {} failed: {} {}", subscription.staffNo(),
                VapidToken.audience(subscription.endpoint()), status < 0 ? "" : status, detail);
        }
    }

    /** The push service's answer: its status decides; the connection is closed either way. */
    private final class Answer extends SimpleChannelInboundHandler<FullHttpResponse>
    {
        private final PushSubscription subscription;
        private final AtomicBoolean answered;

        Answer(final PushSubscription subscription, final AtomicBoolean answered)
        {
            this.subscription = subscription;
            this.answered = answered;
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse response)
        {
            final String text = response.content().toString(java.nio.charset.StandardCharsets.UTF_8);
            finish(subscription, answered, response.status().code(), text.substring(0, Math.min(200,
                text.length())));
            ctx.close();
        }

        /** After the codec had its last word: an answer read to the connection's end came before this. */
        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            finish(subscription, answered, -1, "closed without an answer");
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            finish(subscription, answered, -1, cause.toString());
            ctx.close();
        }
    }

    @Override
    public void close()
    {
        preparer.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
