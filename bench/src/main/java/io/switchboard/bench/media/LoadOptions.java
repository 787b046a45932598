package io.switchboard.bench.media;

/**
 * The settings of one {@link RelayLoad} run, from {@code --name value} arguments.
 *
 * @param calls            concurrent anchored calls (sessions), each with two phones
 * @param seconds          measured window
 * @param warmupSeconds    load before the window, not recorded
 * @param drainSeconds     wait after the last packet is sent before packets are counted
 * @param engineThreads    event loops of the media engine (the server uses one per core)
 * @param generatorThreads event loops of the load generator (the phones)
 * @param firstPort        first port of the engine's RTP range
 * @param tickMicros       shortest wait between two sending rounds of one generator loop
 * @param maxLossPercent   exit 2 when the loss is above this (negative: no check)
 * @param maxP99JitterUs   exit 2 when the p99 added jitter is above this, in µs (negative: no check)
 * @param shared           one socket per generator loop for all its phones (sendmmsg/recvmmsg batches) instead of
 *                         one socket per phone: a cheaper generator, the engine sees the same traffic per endpoint
 * @param webrtc           the first leg of every call is a browser's WebRTC leg (ICE-lite, DTLS-SRTP, SRTP per
 *                         packet, played by {@link BrowserPhone}), the second plain RTP; needs a socket per phone
 * @param record           every call is recorded as the server records calls (a tap on the session copying each
 *                         packet onto the recording queue, the {@code recording-writer} thread writing stereo WAVs)
 */
record LoadOptions(int calls, int seconds, int warmupSeconds, int drainSeconds, int engineThreads,
    int generatorThreads, int firstPort, int tickMicros, double maxLossPercent, double maxP99JitterUs,
    boolean shared, boolean webrtc, boolean record)
{
    static final String USAGE = "RelayLoad [--calls 1000] [--seconds 30] [--warmup 5] [--drain 2]"
        + " [--engine-threads 2] [--generator-threads 1] [--first-port 20000] [--tick-micros 250]"
        + " [--max-loss-percent P] [--max-p99-jitter-us U] [--phone-sockets per-phone|shared] [--webrtc]"
        + " [--record]";

    static LoadOptions parse(final String[] args)
    {
        int calls = 1000;
        int seconds = 30;
        int warmup = 5;
        int drain = 2;
        int engineThreads = Runtime.getRuntime().availableProcessors();
        int generatorThreads = 1;
        int firstPort = 20000;
        int tick = 250;
        double maxLoss = -1;
        double maxJitter = -1;
        boolean shared = false;
        boolean webrtc = false;
        boolean record = false;
        int i = 0;
        while (i < args.length)
        {
            if ("--webrtc".equals(args[i]) || "--record".equals(args[i]))
            {
                // The options without a value.
                webrtc |= "--webrtc".equals(args[i]);
                record |= "--record".equals(args[i]);
                i++;
                continue;
            }
            if (i + 1 >= args.length)
            {
                throw new IllegalArgumentException("no value after " + args[i] + "\n" + USAGE);
            }
            final String value = args[i + 1];
            switch (args[i])
            {
                case "--calls" -> calls = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--drain" -> drain = Integer.parseInt(value);
                case "--engine-threads" -> engineThreads = Integer.parseInt(value);
                case "--generator-threads" -> generatorThreads = Integer.parseInt(value);
                case "--first-port" -> firstPort = Integer.parseInt(value);
                case "--tick-micros" -> tick = Integer.parseInt(value);
                case "--max-loss-percent" -> maxLoss = Double.parseDouble(value);
                case "--max-p99-jitter-us" -> maxJitter = Double.parseDouble(value);
                case "--phone-sockets" -> shared = sharedSockets(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
            i += 2;
        }
        if (calls < 1 || seconds < 1 || warmup < 0 || drain < 1 || engineThreads < 1 || generatorThreads < 1
            || tick < 1 || firstPort < 1024 || firstPort + 4L * calls + 64 > 65534)
        {
            throw new IllegalArgumentException("bad settings\n" + USAGE);
        }
        if (webrtc && shared)
        {
            throw new IllegalArgumentException("--webrtc needs a socket per phone (its ICE candidate)\n" + USAGE);
        }
        return new LoadOptions(calls, seconds, warmup, drain, engineThreads, generatorThreads, firstPort, tick,
            maxLoss, maxJitter, shared, webrtc, record);
    }

    private static boolean sharedSockets(final String value)
    {
        return switch (value)
        {
            case "shared" -> true;
            case "per-phone" -> false;
            default -> throw new IllegalArgumentException("--phone-sockets per-phone or shared\n" + USAGE);
        };
    }

    /** The kind of the first leg of every call, for the report: plain or webrtc. */
    String mode()
    {
        return (webrtc ? "webrtc" : "plain") + (record ? "+recorded" : "");
    }

    /** The engine's port range: four ports a call (RTP and RTCP of two endpoints) and a few spare. */
    int lastPort()
    {
        return firstPort + 4 * calls + 63;
    }
}
