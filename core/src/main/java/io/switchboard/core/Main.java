package io.switchboard.core;

import io.switchboard.core.auth.DemoPasswords;
import io.switchboard.core.auth.PasswordHash;
import io.switchboard.core.auth.PasswordRule;
import io.switchboard.core.config.ConfigLoader;
import io.switchboard.core.config.SwitchboardConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Switchboard: {@code java -jar switchboard.jar [--config FILE] [--allow-demo-passwords]} (default
 * {@code conf/switchboard.conf}). {@code --hash-password} reads a password from standard input and prints its hash
 * for {@code tenant.accounts}. A server that would serve the demo's published passwords beyond loopback refuses to
 * start ({@link DemoPasswords}) with exit status 3, unless {@code --allow-demo-passwords}.
 */
public final class Main
{
    private Main()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        Path file = Path.of("conf", "switchboard.conf");
        boolean allowDemoPasswords = false;
        for (int i = 0; i < args.length; i++)
        {
            if ("--config".equals(args[i]) && i + 1 < args.length)
            {
                file = Path.of(args[++i]);
            }
            else if ("--allow-demo-passwords".equals(args[i]))
            {
                allowDemoPasswords = true;
            }
            else if ("--help".equals(args[i]) || "-h".equals(args[i]))
            {
                System.out.println("usage: switchboard [--config FILE] [--allow-demo-passwords]");
                System.out.println("       (default conf/switchboard.conf; --allow-demo-passwords: start with the"
                    + " demo's passwords even on an address beyond loopback)");
                System.out.println("       switchboard --hash-password   (reads a password, prints its passwordHash)");
                return;
            }
            else if ("--hash-password".equals(args[i]))
            {
                hashPassword();
                return;
            }
            else
            {
                System.err.println("unknown argument: " + args[i] + " (try --help)");
                System.exit(2);
            }
        }
        if (!Files.isReadable(file))
        {
            System.err.println("cannot read configuration file " + file.toAbsolutePath());
            System.exit(2);
        }
        final SwitchboardConfig config;
        try
        {
            config = configuration(file, allowDemoPasswords);
        }
        catch (final Exception ex)
        {
            System.err.println("bad configuration in " + file + ": " + ex.getMessage());
            System.exit(2);
            return;
        }
        final SwitchboardServer server;
        try
        {
            server = SwitchboardServer.start(config);
        }
        catch (final DemoPasswords.Refused refused)
        {
            System.err.println(refused.getMessage());
            System.exit(3);
            return;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    /**
     * The configuration the server starts on: the file, concluded, with {@code --allow-demo-passwords} applied (the
     * flag only allows; it never takes back a file's {@code allowDemoPasswords: true}).
     */
    public static SwitchboardConfig configuration(final Path file, final boolean allowDemoPasswords) throws Exception
    {
        final SwitchboardConfig config = ConfigLoader.load(file);
        config.allowDemoPasswords |= allowDemoPasswords;
        return config;
    }

    /** Prints the hash of a password read from the terminal (not echoed) or from standard input. */
    private static void hashPassword() throws java.io.IOException
    {
        final java.io.Console console = System.console();
        final String password = console != null ? new String(console.readPassword("password: "))
            : new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8)).readLine();
        final String problem = PasswordRule.violation(password);
        if (problem != null)
        {
            System.err.println(problem);
            System.exit(2);
        }
        System.out.println(PasswordHash.hash(password));
    }
}
