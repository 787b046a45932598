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
import static org.junit.jupiter.api.Assertions.fail;

/** The real server in a JVM of its own, for the tests that kill it (SIGKILL) and look at what it left on disk. */
final class ServerProcess
{
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The running process and the demo administrator's session on it. */
    record Started(Process process, String token)
    {
    }

    private ServerProcess()
    {
    }

    /**
     * Starts the server's main class with this JVM's class path and its Chronicle opens and exports, and waits
     * (bounded) until its API answers; then signs the administrator in (sessions do not outlive a server). The
     * process goes to {@code started} at once, so that a start that fails is still cleaned up.
     */
    static Started start(final Path config, final Path log, final int httpPort, final List<Process> started)
        throws Exception
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
        started.add(process);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            try
            {
                final HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + httpPort + "/api/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode(), health::body);
                return new Started(process, CallApi.login(httpPort, DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD));
            }
            catch (final IOException notYet)
            {
                if (!process.isAlive() || System.nanoTime() > deadline)
                {
                    fail("the server did not start: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
    }

    static int freeTcpPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
