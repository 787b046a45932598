package io.switchboard.media.dtls;

import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where DTLS handshakes run: BouncyCastle's DTLS API blocks, so handshakes go to a small bounded pool, never an event
 * loop, and their keys come back as a future the leg completes on its own loop. A pool that is full refuses (the leg
 * fails its media, the call goes on without it being accepted) rather than queue without end. One per media engine.
 */
public final class DtlsHandshakes implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(DtlsHandshakes.class);

    private final ThreadPoolExecutor pool;
    private final BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
    private final DtlsCertificate certificate;
    private final AtomicInteger failures = new AtomicInteger();

    /** {@code threads} handshakes at once, {@code queued} more waiting. */
    public DtlsHandshakes(final DtlsCertificate certificate, final int threads, final int queued)
    {
        this.certificate = certificate;
        final AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued),
            task -> {
                final Thread thread = new Thread(task, "dtls-handshake-" + n.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        // Idle threads go: a server whose browsers are all connected keeps none.
        pool.allowCoreThreadTimeOut(true);
    }

    public DtlsCertificate certificate()
    {
        return certificate;
    }

    /**
     * Accepts the handshake of a browser whose SDP fingerprint is {@code remoteFingerprint}, over {@code datagrams};
     * the future has the SRTP keys, or fails (a wrong certificate, no common profile, a timeout, the leg closed).
     */
    public CompletableFuture<SrtpKeys> accept(final String remoteFingerprint, final HandshakeDatagrams datagrams)
    {
        final CompletableFuture<SrtpKeys> keys = new CompletableFuture<>();
        try
        {
            pool.execute(() -> handshake(remoteFingerprint, datagrams, keys));
        }
        catch (final RejectedExecutionException full)
        {
            failures.incrementAndGet();
            keys.completeExceptionally(full);
        }
        return keys;
    }

    private void handshake(final String remoteFingerprint, final HandshakeDatagrams datagrams,
        final CompletableFuture<SrtpKeys> keys)
    {
        final DtlsSrtpServer server = new DtlsSrtpServer(crypto, certificate, remoteFingerprint);
        try
        {
            new DTLSServerProtocol().accept(server, datagrams);
            keys.complete(server.keys());
        }
        catch (final Exception ex)
        {
            failures.incrementAndGet();
            LOG.debug("DTLS handshake failed: {}", ex.toString());
            keys.completeExceptionally(ex);
        }
    }

    /** Handshakes that failed or were refused so far. */
    public int failures()
    {
        return failures.get();
    }

    @Override
    public void close()
    {
        pool.shutdownNow();
    }
}
