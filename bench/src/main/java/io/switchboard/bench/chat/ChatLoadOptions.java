package io.switchboard.bench.chat;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings of one {@link ChatLoad} run, from {@code --name value} arguments.
 *
 * @param host           the server's HTTP address (loopback)
 * @param port           its HTTP port
 * @param pid            its process id (heap and CPU are measured on it)
 * @param sessions       visitor sessions opened and kept open
 * @param rate           visitor messages per second, all sessions together (round robin over them)
 * @param seconds        measured window
 * @param warmupSeconds  load before the window, not recorded
 * @param agents         agents B001.. (accounts b001@demo.switchboard ..) that serve the sessions
 * @param password       the agents' password
 * @param channel        the website channel the visitors open
 * @param origin         their pages' Origin
 * @param perAddress     visitor sockets per source address (the server allows 20)
 * @param openRate       visitor sockets opened per second at most
 * @param threads        event loops of the generator
 * @param transfers      served sessions transferred a second during the load (0: none), each to the group (the
 *                       best receivable agent other than the serving one), as an administrator through the API
 * @param pool           visitors a second that open the pool channel and wait in group "pool"'s unassigned pool,
 *                       each picked by two agents racing for it (0: none); see {@link PoolPicks}
 * @param poolChannel    the website channel whose flow hands its visitors to group "pool"
 */
record ChatLoadOptions(String host, int port, long pid, int sessions, int rate, int seconds, int warmupSeconds,
    int agents, String password, String channel, String origin, int perAddress, int openRate, int threads,
    int transfers, int pool, String poolChannel)
{
    static final String USAGE = "ChatLoad --pid PID [--host 127.0.0.1] [--port 8093] [--sessions 10000]"
        + " [--rate 1000] [--seconds 60] [--warmup 10] [--agents 100] [--password P] [--channel load]"
        + " [--origin http://127.0.0.1] [--per-address 20] [--open-rate 500] [--threads 2]"
        + " [--transfers 0] [--pool 0] [--pool-channel pool]";
    /** The server's per-widget message rate after the burst (VisitorLimits.PER_SECOND). */
    static final double WIDGET_RATE = 2.0;

    static ChatLoadOptions parse(final String[] args)
    {
        final Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2)
        {
            if (!args[i].startsWith("--") || i + 1 >= args.length)
            {
                throw new IllegalArgumentException("expected --name value at " + args[i] + "\n" + USAGE);
            }
            given.put(args[i].substring(2), args[i + 1]);
        }
        final Values v = new Values(given);
        final ChatLoadOptions options = new ChatLoadOptions(v.text("host", "127.0.0.1"), v.number("port", 8093),
            v.number("pid", -1), v.number("sessions", 10_000), v.number("rate", 1000), v.number("seconds", 60),
            v.number("warmup", 10), v.number("agents", 100), v.text("password", "Admin#demo1"),
            v.text("channel", "load"), v.text("origin", "http://127.0.0.1"), v.number("per-address", 20),
            v.number("open-rate", 500), v.number("threads", 2), v.number("transfers", 0),
            v.number("pool", 0), v.text("pool-channel", "pool"));
        if (!given.isEmpty())
        {
            throw new IllegalArgumentException("unknown options " + given.keySet() + "\n" + USAGE);
        }
        options.check();
        return options;
    }

    private void check()
    {
        if (pid <= 0 || sessions < 1 || rate < 1 || seconds < 1 || warmupSeconds < 0 || agents < 1
            || perAddress < 1 || openRate < 1 || threads < 1 || transfers < 0 || pool < 0)
        {
            throw new IllegalArgumentException("--pid, --sessions, --rate, --seconds, --agents, --per-address,"
                + " --open-rate and --threads must be positive, --warmup not negative\n" + USAGE);
        }
        if ((double)rate / sessions > WIDGET_RATE)
        {
            throw new IllegalArgumentException("--rate " + rate + " over " + sessions + " sessions is more than "
                + WIDGET_RATE + " messages a second per widget, which the server refuses (too_many)");
        }
        if ((long)sessions / perAddress + 1 > 250 * 250)
        {
            throw new IllegalArgumentException("not enough source addresses for " + sessions + " sessions");
        }
    }

    /** Messages sent in all: warm-up and window. */
    long totalMessages()
    {
        return (long)rate * (warmupSeconds + seconds);
    }

    /** The source address of visitor {@code index}: {@code perAddress} visitors on each of 127.1.0.1, .2 ... */
    String source(final int index)
    {
        final int address = index / perAddress;
        return "127.1." + address / 250 + "." + (address % 250 + 1);
    }

    /** Takes the options given one by one, so that what is left over is unknown. */
    private record Values(Map<String, String> given)
    {
        String text(final String name, final String otherwise)
        {
            final String value = given.remove(name);
            return value == null ? otherwise : value;
        }

        int number(final String name, final int otherwise)
        {
            final String value = given.remove(name);
            return value == null ? otherwise : Integer.parseInt(value);
        }
    }
}
