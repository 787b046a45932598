package io.switchboard.bench.media;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/** The figures of one run, printed for people and as one {@code RESULT {json}} line for scripts. */
final class Report
{
    private static final double NS_PER_US = 1000.0;

    private final LoadOptions options;
    private final Lane.Tally tally;
    private final double window;
    private final long relayed;
    private final long engineDropped;
    private final Engine engine;
    private final double engineCores;
    private final double generatorCores;
    private final double processCores;
    private final double machineBusy;
    private final double machineSteal;
    private final long gcCount;
    private final long gcMillis;

    /**
     * What the engine counted: packets its endpoints sent in the window, and since the start: packets dropped,
     * datagrams its WebRTC legs refused (bad SRTP tags, replays, unverified DTLS), DTLS handshakes that failed.
     */
    record Engine(long relayed, long dropped, long webRtcRefused, long dtlsFailures)
    {
    }

    Report(final LoadOptions options, final Lane.Tally tally, final Meters.Snapshot before,
        final Meters.Snapshot after, final Engine engine)
    {
        this.options = options;
        this.tally = tally;
        this.engine = engine;
        this.relayed = engine.relayed();
        this.engineDropped = engine.dropped();
        final long nanos = after.nanos() - before.nanos();
        window = nanos / 1e9;
        engineCores = (after.engineCpu() - before.engineCpu()) / (double)nanos;
        generatorCores = (after.generatorCpu() - before.generatorCpu()) / (double)nanos;
        processCores = (after.processCpu() - before.processCpu()) / (double)nanos;
        final long total = after.machine()[0] - before.machine()[0];
        machineBusy = total > 0 ? 100.0 * (after.machine()[1] - before.machine()[1]) / total : Double.NaN;
        machineSteal = total > 0 ? 100.0 * (after.machine()[2] - before.machine()[2]) / total : Double.NaN;
        gcCount = after.gcCount() - before.gcCount();
        gcMillis = after.gcMillis() - before.gcMillis();
    }

    double lossPercent(final int direction)
    {
        final long sent = direction < 0 ? tally.sent[0] + tally.sent[1] : tally.sent[direction];
        final long received = direction < 0 ? tally.received[0] + tally.received[1] : tally.received[direction];
        return sent == 0 ? 100.0 : 100.0 * (sent - received) / sent;
    }

    /** Packets sent in the window against the nominal 50 a second per phone, in %: under 100, the generator lagged. */
    double offeredPercent()
    {
        final double nominal = 2.0 * options.calls() * (1e9 / Lane.FRAME_NANOS) * window;
        return 100.0 * (tally.sent[0] + tally.sent[1]) / nominal;
    }

    boolean meets()
    {
        final boolean loss = options.maxLossPercent() < 0 || lossPercent(-1) <= options.maxLossPercent();
        final boolean jitter = options.maxP99JitterUs() < 0
            || us(tally.jitter, 99.0) <= options.maxP99JitterUs();
        return loss && jitter;
    }

    private static double us(final Histogram h, final double percentile)
    {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / NS_PER_US;
    }

    private static double max(final Histogram h)
    {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / NS_PER_US;
    }

    void print(final int portsInUse)
    {
        final int calls = options.calls();
        final double perCallPercent = 100.0 * engineCores / calls;
        final double usPerPacket = relayed == 0 ? Double.NaN : engineCores * window * 1e6 / relayed;
        final Histogram j = tally.jitter;
        final Histogram t = tally.transit;
        final Histogram l = tally.lateness;
        final StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT,
            "mode %s, calls %d, window %.1f s, engine threads %d, generator threads %d%n", options.mode(), calls,
            window, options.engineThreads(), options.generatorThreads()));
        text.append(String.format(Locale.ROOT, "offered %.2f %% of the nominal %d packets/s (%d skipped, too late)%n",
            offeredPercent(), calls * 100, tally.skipped));
        text.append(String.format(Locale.ROOT,
            "packets A->B sent %d received %d (loss %.4f %%), B->A sent %d received %d (loss %.4f %%)%n",
            tally.sent[0], tally.received[0], lossPercent(0), tally.sent[1], tally.received[1], lossPercent(1)));
        text.append(String.format(Locale.ROOT,
            "duplicates %d, reordered %d, foreign %d, engine relayed %d in window, engine dropped %d%n",
            tally.duplicates, tally.reordered, tally.foreign, relayed, engineDropped));
        text.append(String.format(Locale.ROOT,
            "added jitter D(i,j) us: p50 %.1f p99 %.1f p99.9 %.1f max %.1f (n=%d)%n",
            us(j, 50), us(j, 99), us(j, 99.9), max(j), j.getTotalCount()));
        text.append(String.format(Locale.ROOT, "transit us: p50 %.1f p99 %.1f p99.9 %.1f max %.1f%n",
            us(t, 50), us(t, 99), us(t, 99.9), max(t)));
        text.append(String.format(Locale.ROOT, "generator send lateness us: p50 %.1f p99 %.1f max %.1f%n",
            us(l, 50), us(l, 99), max(l)));
        text.append(String.format(Locale.ROOT,
            "engine CPU %.3f cores = %.4f %% of a core per call = %.2f us per relayed packet; generator %.3f cores;"
                + " process %.3f cores; machine busy %.1f %% (steal %.1f %%); GC %d collections %d ms%n",
            engineCores, perCallPercent, usPerPacket, generatorCores, processCores, machineBusy, machineSteal,
            gcCount, gcMillis));
        if (options.webrtc())
        {
            text.append(String.format(Locale.ROOT,
                "webrtc: SRTP the browsers could not open %d, refused by the engine %d, DTLS failures %d,"
                    + " consent checks %d sent %d answered%n", tally.unopened, engine.webRtcRefused(),
                engine.dtlsFailures(), tally.consentSent, tally.consentAnswered));
        }
        text.append(String.format(Locale.ROOT, "ports in use after close: %d%n", portsInUse));
        System.out.print(text);
        System.out.println(String.format(Locale.ROOT, "RESULT {\"mode\":\"%s\",\"calls\":%d,\"window_s\":%.2f,"
                + "\"engine_threads\":%d,\"generator_threads\":%d,\"shared_sockets\":%b,\"offered_pct\":%.2f,"
                + "\"sent\":%d,\"received\":%d,\"loss_pct\":%.5f,\"loss_ab_pct\":%.5f,\"loss_ba_pct\":%.5f,"
                + "\"duplicates\":%d,\"reordered\":%d,\"jitter_p50_us\":%.1f,"
                + "\"jitter_p99_us\":%.1f,\"jitter_p999_us\":%.1f,\"jitter_max_us\":%.1f,\"transit_p50_us\":%.1f,"
                + "\"transit_p99_us\":%.1f,\"transit_max_us\":%.1f,\"send_late_p99_us\":%.1f,"
                + "\"engine_cores\":%.4f,\"engine_pct_core_per_call\":%.5f,\"engine_us_per_packet\":%.3f,"
                + "\"generator_cores\":%.4f,\"process_cores\":%.4f,\"machine_busy_pct\":%.1f,\"steal_pct\":%.1f,"
                + "\"gc_count\":%d,\"gc_ms\":%d,\"srtp_unopened\":%d,\"webrtc_refused\":%d,\"dtls_failures\":%d,"
                + "\"consent_sent\":%d,\"consent_answered\":%d,\"ports_in_use\":%d}",
            options.mode(), calls, window, options.engineThreads(), options.generatorThreads(), options.shared(),
            offeredPercent(), tally.sent[0] + tally.sent[1], tally.received[0] + tally.received[1], lossPercent(-1),
            lossPercent(0), lossPercent(1),
            tally.duplicates, tally.reordered, us(j, 50), us(j, 99), us(j, 99.9), max(j), us(t, 50), us(t, 99),
            max(t), us(l, 99), engineCores, perCallPercent, usPerPacket, generatorCores, processCores, machineBusy,
            machineSteal, gcCount, gcMillis, tally.unopened, engine.webRtcRefused(), engine.dtlsFailures(),
            tally.consentSent, tally.consentAnswered, portsInUse).replace("NaN", "null"));
    }
}
