package io.switchboard.core.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real softphone on both sides: two baresip (Debian's baresip-core, installed by scripts/test.sh) register with
 * digest, 1001 calls 1002, which answers automatically; both must see the call established and receive RTP from
 * each other (media still flows end to end), and the caller's hang-up must end the call on both legs. Loopback only.
 */
@Timeout(120)
class BaresipInteropSystemTest extends ServerSystemTest
{
    @Test
    void shouldConnectTwoBaresipPhones() throws Exception
    {
        assumeTrue(Baresip.installed(), "baresip is not installed (scripts/test.sh installs it)");
        final Path root = Files.createDirectories(Sipp.ROOT.resolve("core/target/baresip"));
        final Baresip callee = Baresip.configure(root.resolve("callee"), "1002", server.sipUdpPort(), 21000, true);
        final Baresip caller = Baresip.configure(root.resolve("caller"), "1001", server.sipUdpPort(), 22000, false);
        final long answered = server.stats().answered();

        final Process calleeProcess = callee.start("-t", "40");
        try
        {
            awaitBinding("1002");
            final Process callerProcess = caller.start("-e", "/dial 1002", "-t", "6");
            assertTrue(callerProcess.waitFor(30, TimeUnit.SECONDS), "caller baresip did not exit");
            awaitNoActiveCalls();
        }
        finally
        {
            calleeProcess.destroy();
            calleeProcess.waitFor(10, TimeUnit.SECONDS);
        }
        final String callerLog = caller.log();
        final String calleeLog = callee.log();
        assertTrue(callerLog.contains("Call established"), callerLog);
        assertTrue(calleeLog.contains("Call established"), calleeLog);
        assertTrue(callerLog.contains("incoming rtp for 'audio' established"), callerLog);
        assertTrue(calleeLog.contains("incoming rtp for 'audio' established"), calleeLog);
        assertTrue(calleeLog.contains("terminated"), "the caller's BYE reached the callee: " + calleeLog);
        assertEquals(answered + 1, server.stats().answered());
    }

    private static void awaitBinding(final String extension) throws Exception
    {
        Await.until(extension + " registered", Duration.ofSeconds(15),
            () -> server.locations().lookup(extension, System.currentTimeMillis()), bindings -> !bindings.isEmpty());
    }
}
