package io.switchboard.core.system;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real server in a JVM of its own, for the crash tests: its main class with this JVM's class path and its
 * Chronicle opens and exports, started on a configuration file and killed with SIGKILL
 * ({@code Process.destroyForcibly} on Linux), then started again on the same data directory.
 */
final class ServerProcess implements AutoCloseable
{
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;

    private ServerProcess(final Process process)
    {
        this.process = process;
    }

    /** Starts the server and waits (bounded) until its API answers {@code /api/health}. */
    static ServerProcess start(final Path config, final Path log, final int httpPort) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports"))
            {
                command.add(argument);
            }
        }
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.switchboard.core.Main",
            "--config", config.toString()));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
            .start();
        final ServerProcess server = new ServerProcess(process);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            try
            {
                final HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + httpPort + "/api/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode(), health::body);
                return server;
            }
            catch (final IOException notYet)
            {
                if (!process.isAlive() || System.nanoTime() > deadline)
                {
                    server.close();
                    fail("the server did not start: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
    }

    /** Kills the server with SIGKILL and waits until it is gone. */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the server is gone");
    }

    @Override
    public void close() throws InterruptedException
    {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * One crash test's ground: a data directory with the server's configuration on free ports, the servers started on
     * it and the SIPps used, all killed at {@link #close}.
     */
    static final class Rig implements AutoCloseable
    {
        final Path dataDir;
        final int sipPort;
        final int httpPort;
        private final Path config;
        private final List<ServerProcess> servers = new ArrayList<>();
        private final List<Sipp> sipps = new ArrayList<>();

        Rig(final String name, final String tenantMore) throws IOException
        {
            dataDir = Files.createTempDirectory(name);
            sipPort = Sipp.freeUdpPort();
            httpPort = freeTcpPort();
            config = dataDir.resolve("switchboard.conf");
            Files.writeString(config, TestServers.configJson(tenantMore, dataDir.resolve("data").toString(), sipPort,
                httpPort));
        }

        /** Starts a server on the rig's data, its output in {@code log} under the data directory. */
        ServerProcess start(final String log) throws Exception
        {
            final ServerProcess server = ServerProcess.start(config, dataDir.resolve(log), httpPort);
            servers.add(server);
            return server;
        }

        /** A SIPp to kill at the end. */
        Sipp sipp(final Sipp sipp)
        {
            sipps.add(sipp);
            return sipp;
        }

        /** Kills the SIPps (a kill cuts their calls off; they would wait for the server). */
        void killSipps()
        {
            sipps.forEach(Sipp::kill);
        }

        @Override
        public void close() throws InterruptedException
        {
            killSipps();
            for (final ServerProcess server : servers)
            {
                server.close();
            }
        }
    }

    /** A TCP port free on the loopback address now (for the server's HTTP API). */
    static int freeTcpPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
