package io.switchboard.core.system;

import io.switchboard.core.SwitchboardServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What every system test class shares: one in-process server on loopback per class, and waiting for calls to end. */
@Tag("system")
abstract class ServerSystemTest
{
    static SwitchboardServer server;

    @BeforeAll
    static void startServer() throws Exception
    {
        server = TestServers.start();
    }

    @AfterAll
    static void stopServer()
    {
        if (server != null)
        {
            server.close();
            server = null;
        }
    }

    /** Waits (bounded) until every call has ended on both legs, and fails if some did not. */
    static void awaitNoActiveCalls() throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.stats().active() != 0 && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
        assertEquals(0, server.stats().active(), "calls still active");
    }
}
