package io.switchboard.core;

import io.switchboard.core.auth.PasswordHash;
import io.switchboard.core.auth.PasswordRule;
import io.switchboard.core.config.ConfigLoader;
import io.switchboard.core.config.SwitchboardConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Switchboard: {@code java -jar switchboard.jar [--config FILE]} (default {@code conf/switchboard.conf}).
 * {@code --hash-password} reads a password from standard input and prints its hash for {@code tenant.accounts}.
 */
public final class Main
{
    private Main()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        Path file = Path.of("conf", "switchboard.conf");
        for (int i = 0; i < args.length; i++)
        {
            if ("--config".equals(args[i]) && i + 1 < args.length)
            {
                file = Path.of(args[++i]);
            }
            else if ("--help".equals(args[i]) || "-h".equals(args[i]))
            {
                System.out.println("usage: switchboard [--config FILE]   (default conf/switchboard.conf)");
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
            config = ConfigLoader.load(file);
        }
        catch (final Exception ex)
        {
            System.err.println("bad configuration in " + file + ": " + ex.getMessage());
            System.exit(2);
            return;
        }
        final SwitchboardServer server = SwitchboardServer.start(config);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
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
