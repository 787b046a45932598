package io.switchboard.core;

import io.switchboard.core.config.ConfigLoader;
import io.switchboard.core.config.SwitchboardConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Starts Switchboard: {@code java -jar switchboard.jar [--config FILE]} (default {@code conf/switchboard.conf}). */
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
}
