package io.switchboard.core.system;

import io.switchboard.core.SwitchboardServer;
import io.switchboard.core.config.ConfigLoader;
import io.switchboard.core.config.SwitchboardConfig;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Starts an in-process server on loopback with ephemeral ports and the demo tenant (1001..1020, demo-N) with its
 * accounts (see {@link DemoAccounts}).
 */
final class TestServers
{
    /** RTP ports per test server: 50 calls at once, far more than any system test holds. */
    private static final int RTP_PORTS = 200;
    /** The next block of RTP ports (numbered from 10000 in steps of {@link #RTP_PORTS}) to try. */
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_BLOCK =
        new java.util.concurrent.atomic.AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

    private TestServers()
    {
    }

    /**
     * A block of RTP ports of its own for each test server, found free at start, below SIPp's media ports
     * (16000..19999) and the ephemeral ports: the default range (20000..39999) is shared with whatever else runs on
     * the machine (another server, a media benchmark), and the engine gives up a call after a few taken ports.
     */
    private static int freeRtpRange() throws IOException
    {
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++)
        {
            // whole blocks handed out in turn from a random one: two servers of this JVM (two in one test, or one not
            // yet closed when the next starts) never share a block, which a free check alone cannot tell as servers
            // bind their RTP ports only at calls
            final int block = Math.floorMod(NEXT_BLOCK.getAndIncrement(), (16000 - 10000) / RTP_PORTS);
            final int first = 10000 + block * RTP_PORTS;
            int free = 0;
            for (int port = first; port < first + RTP_PORTS; port++)
            {
                try (DatagramSocket socket = new DatagramSocket(port, loopback))
                {
                    free++;
                }
                catch (final SocketException taken)
                {
                    break;
                }
            }
            if (free == RTP_PORTS)
            {
                return first;
            }
        }
        throw new IOException("no free block of " + RTP_PORTS + " UDP ports in 10000..15999");
    }

    static SwitchboardServer start() throws Exception
    {
        return start("");
    }

    /**
     * The test server with more of the tenant's configuration: {@code tenantMore} is JSON members (each starting
     * with a comma) added after the tenant's domain and extensions, e.g. {@code , "acd": {...}}.
     */
    static SwitchboardServer start(final String tenantMore) throws Exception
    {
        return start(tenantMore, Files.createTempDirectory("switchboard-test").toString());
    }

    /** The same, with more of the media configuration ({@code mediaMore}: members each ending with a comma). */
    static SwitchboardServer startWithMedia(final String tenantMore, final String mediaMore) throws Exception
    {
        return startWith(tenantMore, mediaMore, "");
    }

    /** The same, with more of the top level ({@code more}: members each ending with a comma, e.g. metrics). */
    static SwitchboardServer startWith(final String tenantMore, final String mediaMore, final String more)
        throws Exception
    {
        final String json = configJson(tenantMore, Files.createTempDirectory("switchboard-test").toString(), 0, 0)
            .replace("\"media\": { ", "\"media\": { " + mediaMore + " ")
            .replace("\"dataDir\": ", more + " \"dataDir\": ");
        return SwitchboardServer.start(ConfigLoader.parse(json).conclude());
    }

    /** The test server on a data directory of the test's choosing (a restart on the same journal). */
    static SwitchboardServer start(final String tenantMore, final String dataDir) throws Exception
    {
        return SwitchboardServer.start(config(tenantMore, dataDir));
    }

    /**
     * The test server's configuration as JSON, with the given SIP UDP and HTTP ports (0: any free one; SIP over TCP
     * always takes any). A server started in another process reads it from a file.
     */
    static String configJson(final String tenantMore, final String dataDir, final int sipPort, final int httpPort)
        throws IOException
    {
        final int rtp = freeRtpRange();
        return """
            {
              "sip": { "bindAddress": "127.0.0.1", "udpPort": %d, "tcpPort": 0, "workers": 2 },
              "http": { "bindAddress": "127.0.0.1", "port": %d },
              "media": { "bindAddress": "127.0.0.1", "firstPort": %d, "lastPort": %d },
              "dataDir": "%s",
              "tenant": { "domain": "demo.switchboard",
                          "extensionRange": { "first": 1001, "last": 1020, "passwordPattern": "demo-{n}" }
                          %s %s }
            }
            """.formatted(sipPort, httpPort, rtp, rtp + RTP_PORTS - 1, dataDir.replace("\\", "\\\\"),
            DemoAccounts.tenantMember(), tenantMore);
    }

    private static SwitchboardConfig config(final String tenantMore, final String dataDir) throws IOException
    {
        return ConfigLoader.parse(configJson(tenantMore, dataDir, 0, 0)).conclude();
    }
}
