package io.switchboard.core.system;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs SIPp (Debian's sip-tester) against the server on loopback, with scenarios from {@code scripts/sipp/}.
 * Every run is bounded: one call ({@code -m 1}), SIPp's own {@code -timeout}, and a process timeout here.
 * Traces (messages, errors, screen) go to {@code target/sipp/<name>/} and are printed when a run fails.
 */
final class Sipp
{
    static final Path ROOT = findRoot();
    private static final Path LOGS = ROOT.resolve("core/target/sipp");

    private final String name;
    private final List<String> args = new ArrayList<>();
    private final Path dir;
    private Process process;

    private Sipp(final String name, final String scenario)
    {
        this.name = name;
        this.dir = LOGS.resolve(name);
        args.add("sipp");
        args.add("-sf");
        args.add(ROOT.resolve("scripts/sipp").resolve(scenario).toString());
        args.addAll(List.of("-i", "127.0.0.1", "-bind_local", "-nostdin", "-m", "1", "-timeout", "20s",
            "-timeout_error", "-max_recv_loops", "1000", "-trace_msg", "-trace_err", "-trace_screen"));
    }

    static Sipp scenario(final String name, final String scenario)
    {
        return new Sipp(name, scenario);
    }

    Sipp port(final int port)
    {
        return arg("-p", Integer.toString(port));
    }

    Sipp credentials(final String user, final String password)
    {
        return arg("-au", user).arg("-ap", password).arg("-key", "caller", user);
    }

    Sipp service(final String extension)
    {
        return arg("-s", extension);
    }

    Sipp arg(final String... more)
    {
        args.addAll(List.of(more));
        return this;
    }

    /** Registers an extension with this sipp's port as contact: a CSV with the extension and the expiry. */
    Sipp registering(final String extension, final int expires) throws IOException
    {
        Files.createDirectories(dir);
        final Path csv = dir.resolve("register.csv");
        Files.writeString(csv, "SEQUENTIAL\n" + extension + ";" + expires + ";\n");
        return arg("-inf", csv.toString());
    }

    Sipp start(final int serverPort) throws IOException
    {
        Files.createDirectories(dir);
        final List<String> command = new ArrayList<>(args);
        command.addAll(List.of("-message_file", dir.resolve("messages.log").toString(),
            "-error_file", dir.resolve("errors.log").toString(),
            "-screen_file", dir.resolve("screen.log").toString()));
        if (serverPort > 0)
        {
            command.add("127.0.0.1:" + serverPort);
        }
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve("sipp.out").toFile()).start();
        return this;
    }

    /** Waits for SIPp to finish (bounded) and returns its exit code: 0 means every call succeeded. */
    int await(final long seconds) throws Exception
    {
        if (!process.waitFor(seconds, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return -999;
        }
        return process.exitValue();
    }

    int run(final int serverPort) throws Exception
    {
        return start(serverPort).await(30);
    }

    void kill()
    {
        if (process != null && process.isAlive())
        {
            process.destroyForcibly();
        }
    }

    /** The traces of this run, for an assertion message. */
    String traces()
    {
        final StringBuilder out = new StringBuilder("sipp ").append(name).append(" traces in ").append(dir)
            .append('\n');
        for (final String file : List.of("sipp.out", "errors.log", "messages.log"))
        {
            try
            {
                final Path p = dir.resolve(file);
                if (Files.exists(p))
                {
                    final String text = Files.readString(p);
                    out.append("--- ").append(file).append('\n')
                        .append(text.length() > 6000 ? text.substring(text.length() - 6000) : text).append('\n');
                }
            }
            catch (final IOException ignored)
            {
                // best effort
            }
        }
        return out.toString();
    }

    static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private static Path findRoot()
    {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("scripts/sipp")))
        {
            p = p.getParent();
        }
        if (p == null)
        {
            throw new IllegalStateException("cannot find the project root (scripts/sipp)");
        }
        return p;
    }
}
