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

    /** How many calls the scenario plays before it ends (one by default): a phone rung twice plays two. */
    Sipp calls(final int count)
    {
        args.set(args.indexOf("-m") + 1, Integer.toString(count));
        return this;
    }

    Sipp service(final String extension)
    {
        return arg("-s", extension);
    }

    /** Defines the scenario's global variable {@code [$name]} (declared in its {@code <Global variables>}). */
    Sipp set(final String variable, final Object value)
    {
        return arg("-set", variable, String.valueOf(value));
    }

    /** Sends from another loopback address (a carrier's trunk at 127.0.0.2, say) instead of 127.0.0.1. */
    Sipp from(final String address)
    {
        args.set(args.indexOf("-i") + 1, address);
        return this;
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

    boolean running()
    {
        return process != null && process.isAlive();
    }

    void kill()
    {
        if (process != null && process.isAlive())
        {
            process.destroyForcibly();
        }
    }

    /** The SIP messages this run sent and received (its -trace_msg file), once it has finished. */
    String messages() throws IOException
    {
        final Path file = dir.resolve("messages.log");
        return Files.exists(file) ? Files.readString(file) : "";
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

    /** The ports {@link #freeUdpPort} gave out. */
    private static final java.util.Set<Integer> GIVEN_UDP_PORTS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_MEDIA_BLOCK =
        new java.util.concurrent.atomic.AtomicInteger(
            4 * java.util.concurrent.ThreadLocalRandom.current().nextInt(1000));

    static int freeUdpPort() throws IOException
    {
        // The kernel may hand a port it just gave out (and that was closed again) out once more, before the SIPp it
        // was for has bound it: never the same port twice in this JVM.
        for (int attempt = 0; attempt < 50; attempt++)
        {
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
            {
                if (GIVEN_UDP_PORTS.add(socket.getLocalPort()))
                {
                    return socket.getLocalPort();
                }
            }
        }
        throw new IOException("no UDP port not given out before");
    }

    /**
     * A free even port for SIPp's media ({@code -mp}), with the three above it free too (SIPp binds the port and the
     * one two above for video, and RTCP may follow): below the server's RTP range and the ephemeral ports, so that
     * neither the server nor a test socket takes it meanwhile.
     */
    static int freeMediaPort() throws IOException
    {
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++)
        {
            // Blocks of four handed out in turn: two SIPps started one after the other (the second's port chosen before
            // the first has bound its own) never get overlapping blocks, which a random pick could give.
            final int port = 16000 + Math.floorMod(NEXT_MEDIA_BLOCK.getAndAdd(4), 4000);
            final List<DatagramSocket> sockets = new ArrayList<>();
            try
            {
                for (int p = port; p < port + 4; p++)
                {
                    sockets.add(new DatagramSocket(p, loopback));
                }
                return port;
            }
            catch (final java.net.SocketException taken)
            {
                // try another
            }
            finally
            {
                sockets.forEach(DatagramSocket::close);
            }
        }
        throw new IOException("no free media port for SIPp in 16000..19999");
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
