package io.switchboard.core.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.switchboard.acd.AcdService;
import io.switchboard.core.call.CallStats;
import io.switchboard.core.journal.ChronicleJournal;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.signalling.SipWorker;
import io.switchboard.core.recording.RecordingQueue;
import io.switchboard.core.recording.RecordingWriter;
import io.switchboard.media.engine.MediaEngine;
import io.switchboard.sip.SipCounters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The server's figures in the Prometheus text format ({@code GET /metrics}). Every metric is a callback read at scrape
 * time from the counters the server keeps anyway (atomic counters and adders, volatile fields): nothing is added on
 * the SIP, media or ACD paths. The ACD's figures are owned by its engine thread, so a scrape first asks the engine
 * for them ({@link AcdService#query}, as the API does) and renders when the answer comes, on the API's loop.
 */
public final class ServerMetrics
{
    /**
     * What the metrics read; media, acd, watchdog, journal, transactions may be null (not running).
     *
     * @param journal      the journal: its lag is read when it is the Chronicle one (a memory journal has none)
     * @param transactions the SIP workers' live transactions, summed (see {@link #transactions})
     */
    public record Sources(SipCounters sip, CallStats calls, MediaEngine media, AcdService acd, LoopWatchdog watchdog,
        Journal journal, IntSupplier transactions)
    {
    }

    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Sources sources;
    /** The ACD's figures of the scrape being rendered (written and read on the API's loop). */
    private volatile AcdFigures acd = AcdFigures.NONE;

    public ServerMetrics(final Sources sources)
    {
        this.sources = sources;
        sip();
        calls();
        if (sources.media() != null)
        {
            media(sources.media());
        }
        if (sources.acd() != null)
        {
            acd();
        }
        if (sources.watchdog() != null)
        {
            loops(sources.watchdog());
        }
        if (sources.journal() instanceof ChronicleJournal chronicle)
        {
            journal(chronicle);
        }
        if (sources.transactions() != null)
        {
            gauge("switchboard_sip_transactions", "live SIP transactions (client and server, all workers)",
                cb -> cb.call(sources.transactions().getAsInt()));
        }
        JvmMetrics.builder().register(registry);
    }

    /**
     * The live transactions of every worker's layer, summed. Each table's size is read from the scraping thread
     * without asking its owner loop: a plain read of its maps' sizes, possibly a moment stale, never torn, and
     * answered even when a loop is stalled (when the figure matters most).
     */
    public static IntSupplier transactions(final SipWorker[] workers)
    {
        return () ->
        {
            int live = 0;
            for (final SipWorker worker : workers)
            {
                live += worker.layer().size();
            }
            return live;
        };
    }

    /** The content type of {@link #scrape}'s text. */
    public static String contentType()
    {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** The text of one scrape: the ACD asked first (when there is one), the text written on {@code renderOn}. */
    public CompletableFuture<byte[]> scrape(final Executor renderOn)
    {
        if (sources.acd() == null)
        {
            return CompletableFuture.supplyAsync(this::render, renderOn);
        }
        return sources.acd().query(AcdFigures::of).handleAsync((figures, failure) ->
        {
            acd = figures != null ? figures : AcdFigures.NONE;
            return render();
        }, renderOn);
    }

    private byte[] render()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try
        {
            WRITER.write(out, registry.scrape());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private void sip()
    {
        final SipCounters sip = sources.sip();
        counter("switchboard_sip_messages", "SIP messages received and sent (retransmissions included)",
            cb ->
            {
                cb.call(sip.get(SipCounters.Id.MESSAGES_RECEIVED), "received");
                cb.call(sip.get(SipCounters.Id.MESSAGES_SENT), "sent");
            }, "direction");
        counter("switchboard_sip_events", "SIP stack events and errors by kind (the SIP counters of /api/counters)",
            cb ->
            {
                for (final SipCounters.Id id : SipCounters.Id.values())
                {
                    if (id != SipCounters.Id.MESSAGES_RECEIVED && id != SipCounters.Id.MESSAGES_SENT)
                    {
                        cb.call(sip.get(id), id.name().toLowerCase(Locale.ROOT));
                    }
                }
            }, "kind");
    }

    private void calls()
    {
        final CallStats calls = sources.calls();
        counter("switchboard_calls_started", "calls started", calls::started);
        counter("switchboard_calls_answered", "calls answered", calls::answered);
        counter("switchboard_calls_ended", "calls ended", calls::ended);
        counter("switchboard_calls_unanswered", "calls ended without an answer", calls::unanswered);
        gauge("switchboard_calls_active", "calls in progress", cb -> cb.call(calls.active()));
        counter("switchboard_call_states_entered", "how often calls entered each state",
            cb -> calls.callStatesEntered().forEach((state, n) -> cb.call(n, state)), "state");
        counter("switchboard_leg_states_entered", "how often call legs entered each state",
            cb -> calls.legStatesEntered().forEach((state, n) -> cb.call(n, state)), "state");
        counter("switchboard_call_unexpected_transitions", "state changes the tables do not allow (should stay 0)",
            calls::unexpectedTransitions);
    }

    private void media(final MediaEngine media)
    {
        counter("switchboard_media_sessions_opened", "media sessions (anchored calls) opened", media::sessionsOpened);
        counter("switchboard_media_sessions_closed", "media sessions closed", media::sessionsClosed);
        counter("switchboard_media_sessions_refused", "media sessions refused (no ports)", media::sessionsRefused);
        gauge("switchboard_media_ports_in_use", "RTP/RTCP port pairs in use", cb -> cb.call(media.ports().inUse()));
        gauge("switchboard_media_port_pairs", "RTP/RTCP port pairs configured",
            cb -> cb.call(media.ports().capacity()));
        counter("switchboard_media_dtls_failures", "WebRTC DTLS handshakes that failed", media::dtlsFailures);
        counter("switchboard_rtp_packets", "RTP packets of the media sessions closed so far (counted at the end)",
            cb ->
            {
                cb.call(media.packetsIn(), "received");
                cb.call(media.packetsOut(), "sent");
            }, "direction");
        counter("switchboard_rtp_dropped", "datagrams the media sessions closed so far dropped (not RTP, a foreign "
            + "source, a codec not agreed)", media::packetsDropped);
        counter("switchboard_rtp_lost", "RTP packets the media sessions closed so far sent that the phones' RTCP "
            + "receiver reports say were lost (phones without RTCP report none)", media::packetsReportedLost);
    }

    private void journal(final ChronicleJournal journal)
    {
        counter("switchboard_journal_entries_written", "journal entries written since the server started",
            journal::appended);
        gauge("switchboard_journal_pending", "journal entries handed over and not yet written (the writer's lag)",
            cb -> cb.call(journal.pending()));
        counter("switchboard_journal_rejected", "journal entries refused because the writer was too far behind",
            journal::rejected);
    }

    private void acd()
    {
        gauge("switchboard_acd_queue_length", "calls waiting in each group's queue",
            cb -> acd.groups().forEach(g -> cb.call(g.queueLength(), g.name())), "group");
        gauge("switchboard_acd_longest_wait_seconds", "how long the longest-waiting call of each group has waited",
            cb -> acd.groups().forEach(g -> cb.call(g.longestWaitSeconds(), g.name())), "group");
        gauge("switchboard_acd_agents", "agents by state",
            cb -> acd.agentsByState().forEach((state, n) -> cb.call(n, state)), "state");
        gauge("switchboard_chats_waiting", "chat sessions waiting in each group's queue (offered included)",
            cb -> acd.groups().forEach(g -> cb.call(g.chatsWaiting(), g.name())), "group");
        gauge("switchboard_chats_open", "chat sessions open at agents (offered or served)",
            cb -> cb.call(acd.chatsOpen()));
    }

    /** Call recording's figures: dropped audio, the disk guard's alert, recordings open, failures. */
    public void recordings(final RecordingQueue queue, final RecordingWriter writer)
    {
        counter("switchboard_recording_dropped_packets", "audio packets the recorders dropped because the writer's "
            + "queue was full (each gap is marked in its recording)", queue::dropped);
        gauge("switchboard_recording_disk_low", "1 while recording is stopped because the recordings' disk is below "
            + "its free-space threshold (an alert: calls go on unrecorded)", cb -> cb.call(queue.diskLow() ? 1 : 0));
        gauge("switchboard_recordings_open", "recordings being written", cb -> cb.call(writer.openCount()));
        counter("switchboard_recording_failures", "recordings that could not be created, written or closed",
            writer::failures);
    }

    private void loops(final LoopWatchdog watchdog)
    {
        gauge("switchboard_eventloop_latency_seconds",
            "how long the watchdog's last no-op task waited on each event loop (a pending one counts as it waits)",
            cb -> watchdog.loops().forEach(loop -> cb.call(loop.latencySeconds(), loop.name())), "loop");
        counter("switchboard_eventloop_stalls", "event loops found not running tasks for longer than the threshold",
            watchdog::stalls);
    }

    private void counter(final String name, final String help, final LongSupplier value)
    {
        counter(name, help, cb -> cb.call(value.getAsLong()));
    }

    private void counter(final String name, final String help, final Consumer<CounterWithCallback.Callback> callback,
        final String... labels)
    {
        CounterWithCallback.builder().name(name).help(help).labelNames(labels).callback(callback).register(registry);
    }

    private void gauge(final String name, final String help, final Consumer<GaugeWithCallback.Callback> callback,
        final String... labels)
    {
        GaugeWithCallback.builder().name(name).help(help).labelNames(labels).callback(callback).register(registry);
    }
}
