package io.switchboard.core;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.core.auth.PasswordHasher;
import io.switchboard.core.call.CallStats;
import io.switchboard.core.config.SwitchboardConfig;
import io.switchboard.sip.SipCounters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What the server's assemblies share, made once before any of them (Aeron's {@code MediaDriver.Context} is the
 * model): the configuration, the counters and call statistics, the event loops (the SIP workers' group, the API's
 * single loop that owns administration, accounts and records) and the threads that keep blocking work off the
 * loops (name lookups, password hashing). {@link #conclude()} checks the configuration and completes what derives
 * from it; {@link #close()} releases what the context owns, after every assembly has closed.
 */
final class ServerContext implements AutoCloseable
{
    private final SwitchboardConfig config;
    private final SipCounters counters = new SipCounters();
    private final CallStats stats = new CallStats();
    private EventLoopGroup sipGroup;
    private EventLoopGroup apiGroup;
    private ExecutorService lookupThread;
    private PasswordHasher hasher;
    private Path journalDirectory;
    private boolean concluded;

    ServerContext(final SwitchboardConfig config)
    {
        this.config = config;
    }

    /**
     * Checks what the assemblies rely on, creates the data directory and starts the loops and threads. Called once;
     * nothing is started before it.
     */
    ServerContext conclude() throws IOException
    {
        if (concluded)
        {
            throw new IllegalStateException("the server's context is concluded already");
        }
        final int workers = config.sip.workers;
        if (workers < 1)
        {
            throw new IllegalArgumentException("sip.workers must be at least 1, not " + workers);
        }
        Files.createDirectories(Path.of(config.dataDir));
        journalDirectory = Path.of(config.dataDir, "journal");
        sipGroup = Epoll.isAvailable()
            ? new EpollEventLoopGroup(workers, new DefaultThreadFactory("sip-worker"))
            : new NioEventLoopGroup(workers, new DefaultThreadFactory("sip-worker"));
        apiGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("http-api"));
        // Trunks' host names resolve here, off the event loops and off the speech thread a long prompt may hold.
        lookupThread = Executors.newSingleThreadExecutor(new DefaultThreadFactory("name-lookups", true));
        hasher = new PasswordHasher();
        stats.workers(workers);
        concluded = true;
        return this;
    }

    SwitchboardConfig config()
    {
        return config;
    }

    SipCounters counters()
    {
        return counters;
    }

    CallStats stats()
    {
        return stats;
    }

    int workerCount()
    {
        return config.sip.workers;
    }

    /** One loop per SIP worker; a worker owns the calls whose Call-ID it made or was given. */
    EventLoopGroup sipGroup()
    {
        return sipGroup;
    }

    EventLoopGroup apiGroup()
    {
        return apiGroup;
    }

    /** The API's single loop: administration, accounts, sessions, records and agents' events are owned by it. */
    EventLoop apiLoop()
    {
        return apiGroup.next();
    }

    ExecutorService lookupThread()
    {
        return lookupThread;
    }

    PasswordHasher hasher()
    {
        return hasher;
    }

    Path journalDirectory()
    {
        return journalDirectory;
    }

    /** Stops the SIP loops (after the transports closed): no call work runs after this. Safe to call again. */
    void stopSipLoops()
    {
        if (sipGroup != null)
        {
            sipGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Override
    public void close()
    {
        if (lookupThread != null)
        {
            lookupThread.shutdownNow();
        }
        if (hasher != null)
        {
            hasher.close();
        }
        stopSipLoops();
        if (apiGroup != null)
        {
            apiGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
