package io.switchboard.core;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.switchboard.acd.AcdService;
import io.switchboard.core.admin.TenantAdmin;
import io.switchboard.core.agent.AcdCallPort;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.call.CallController;
import io.switchboard.core.config.SipSettings;
import io.switchboard.core.call.CallMedia;
import io.switchboard.core.call.CallProgress;
import io.switchboard.core.call.CallRecords;
import io.switchboard.core.call.FlowCalls;
import io.switchboard.core.call.Leg;
import io.switchboard.core.call.OutboundCalls;
import io.switchboard.core.call.QueuedCalls;
import io.switchboard.core.call.Transfers;
import io.switchboard.core.events.AgentEvents;
import io.switchboard.core.records.InterruptedCalls;
import io.switchboard.core.records.ServiceRecordKeeper;
import io.switchboard.core.signalling.ReplacesLookup;
import io.switchboard.core.signalling.SipDispatcher;
import io.switchboard.core.signalling.SipWorker;
import io.switchboard.core.signalling.TenantDirectory;
import io.switchboard.core.trace.SipTraces;
import io.switchboard.media.engine.MediaEngine;
import io.switchboard.sip.message.StatelessResponder;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transport.SipTransports;
import io.switchboard.sip.transport.TlsIdentity;
import io.switchboard.sip.util.TimerWheelScheduler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The SIP side of the server: the transports, one worker per loop of the SIP group (its timer wheel, transaction
 * layer and call layer with the features of its calls) and the dispatcher that hands each message to the worker
 * owning its Call-ID. Closing it closes the transports and stops the loops, so no call work runs after it.
 */
final class SipAssembly implements AutoCloseable
{
    /** What the call layer's features are built from. */
    record Parts(TenantDirectory tenant, MediaEngine media, AcdService acd, AgentDirectory agents,
        TenantAdmin admin, VoiceFlows voiceFlows, TrunkAssembly trunks, ServiceRecordKeeper records,
        AgentEvents events, io.switchboard.core.recording.Recordings recordings)
    {
    }

    /** How long a supervisor's phones ring before the supervision is given up. */
    private static final long SUPERVISOR_RING_MILLIS = 30_000;

    private final ServerContext ctx;
    private final Parts parts;
    private final SipWorker[] workers;
    private SipTransports transports;

    SipAssembly(final ServerContext ctx, final Parts parts)
    {
        this.ctx = ctx;
        this.parts = parts;
        this.workers = new SipWorker[ctx.workerCount()];
    }

    /**
     * Binds the transports first, so that workers can send through them; messages arriving before the workers
     * exist are dropped by the dispatcher (the peers retransmit).
     */
    SipAssembly launch() throws Exception
    {
        final SipDispatcher dispatcher = new SipDispatcher();
        transports = SipTransports.start(ctx.sipGroup(), parts.tenant().transportConfig(tlsIdentity()), dispatcher,
            ctx.counters());
        final List<EventLoop> loops = new ArrayList<>();
        for (final EventExecutor executor : ctx.sipGroup())
        {
            loops.add((EventLoop)executor);
        }
        for (int i = 0; i < workers.length; i++)
        {
            workers[i] = startWorker(i, loops.get(i));
        }
        final int traceBytes = ctx.config().sip.traceBytes;
        if (traceBytes > 0)
        {
            final SipTraces traces = new SipTraces(loops.subList(0, workers.length).toArray(new EventLoop[0]),
                traceBytes, transports::localSocketOf);
            for (final SipWorker worker : workers)
            {
                // Set on the worker's own loop, its ring's owner, before the dispatcher hands it any message.
                worker.loop().submit(() -> worker.trace(traces)).sync();
            }
            transports.tap(traces);
        }
        final ReplacesLookup replaces = new ReplacesLookup(workers);
        for (final SipWorker worker : workers)
        {
            worker.calls().replacedDialogs(replaces);
        }
        dispatcher.ready(workers);
        // Expired bindings, nonces and throttle entries are forgotten once a second, on worker 0.
        workers[0].loop().scheduleAtFixedRate(() -> parts.tenant().housekeeping(System.currentTimeMillis()), 1, 1,
            TimeUnit.SECONDS);
        return this;
    }

    /**
     * The certificate of TLS and wss: the configured PEM files, else one made at first start and kept in
     * {@code dataDir/tls}; none when both are off.
     */
    private TlsIdentity tlsIdentity() throws IOException
    {
        final SipSettings sip = ctx.config().sip;
        if (sip.tlsPort < 0 && sip.wssPort < 0)
        {
            return null;
        }
        if (sip.tlsCertificate != null)
        {
            return TlsIdentity.fromPem(Path.of(sip.tlsCertificate), Path.of(sip.tlsKey));
        }
        final List<String> hosts = new ArrayList<>();
        if (sip.advertisedHost != null)
        {
            hosts.add(sip.advertisedHost);
        }
        if (!"0.0.0.0".equals(sip.bindAddress) && !"::".equals(sip.bindAddress))
        {
            hosts.add(sip.bindAddress);
        }
        hosts.addAll(List.of("localhost", "127.0.0.1"));
        return TlsIdentity.selfSigned(Path.of(ctx.config().dataDir, "tls"), hosts);
    }

    /** One SIP worker on its loop: its timer wheel, B2BUA, transaction layer and the features of its calls. */
    private SipWorker startWorker(final int i, final EventLoop loop)
    {
        // Transaction and call timers live on a timer wheel polled by the loop every tick (O(1) schedule/cancel).
        final TimerWheelScheduler scheduler = new TimerWheelScheduler(System::nanoTime);
        loop.scheduleAtFixedRate(scheduler::poll, TimerWheelScheduler.DEFAULT_TICK_NS,
            TimerWheelScheduler.DEFAULT_TICK_NS, TimeUnit.NANOSECONDS);
        final CallMedia callMedia = parts.media() == null ? null
            : new CallMedia(parts.media(), loop, this::mediaAddressFor);
        final TenantDirectory tenant = parts.tenant();
        final CallController calls = new CallController(i, transports, scheduler, tenant.authorizer(),
            tenant.locator(), tenant.registrar(), ctx.stats(), ctx.config().tenant.domain, callMedia);
        final TransactionLayer layer = new TransactionLayer(calls, transports, scheduler, tenant.timerValues(),
            ctx.counters());
        calls.layer(layer);
        calls.records(new CallRecords(parts.agents(), () -> parts.admin().live().wrapUpSeconds(),
            parts.records()::recordEnded));
        calls.progress(new CallProgress(parts.agents(), InterruptedCalls.appender(parts.records().journal())));
        final QueuedCalls queued = parts.acd() == null ? null : queues(i, loop, calls, callMedia);
        if (callMedia != null)
        {
            final VoiceFlows flows = parts.voiceFlows();
            calls.flows(new FlowCalls(calls, callMedia, queued, parts.agents(), flows.speech(), flows.audio(),
                flows::flowFor, loop).survey(parts.admin()::liveSurvey));
            // Calls whose phones are gone without a BYE end by themselves (issue 12).
            loop.execute(calls.mediaTimeout(ctx.config().media.timeoutSeconds * 1000L));
            calls.sessionTimers(ctx.config().sip.sessionExpires, ctx.config().sip.minSessionExpires);
        }
        final OutboundCalls outbound = new OutboundCalls(calls, parts.trunks()::plan, parts.trunks().load());
        calls.outbound(outbound);
        if (callMedia != null)
        {
            calls.transfers(new Transfers(calls, queued, outbound, parts.agents(),
                parts.acd() == null ? null : new AcdCallPort(parts.acd()), loop,
                () -> parts.admin().live().ringTimeoutSeconds() * 1000L));
            calls.supervisions(new io.switchboard.core.call.Supervisions(calls, calls.commands(),
                () -> ctx.config().tenant.supervision.notice, () -> SUPERVISOR_RING_MILLIS));
        }
        calls.events(parts.events());
        if (callMedia != null && parts.recordings() != null)
        {
            calls.listen(parts.recordings().recorder(parts.agents(), System::nanoTime));
        }
        return new SipWorker(i, loop, layer, calls, StatelessResponder.withDefaults(ctx.counters()));
    }

    /** The worker's queued calls, and the ACD's decisions for them carried out on its loop every 2 ms. */
    private QueuedCalls queues(final int worker, final EventLoop loop, final CallController calls,
        final CallMedia callMedia)
    {
        final AcdService acd = parts.acd();
        final QueuedCalls queued = new QueuedCalls(calls, callMedia, new AcdCallPort(acd), parts.agents(), worker,
            () -> parts.admin().live().autoAnswer());
        calls.queues(queued);
        loop.scheduleAtFixedRate(() -> acd.drain(worker, queued, 256), 2, 2, TimeUnit.MILLISECONDS);
        return queued;
    }

    /** The address a leg's phone sends RTP to: configured, else the one SIP itself uses towards that phone. */
    private String mediaAddressFor(final Leg leg)
    {
        final String advertised = ctx.config().media.advertisedAddress;
        return advertised != null ? advertised : transports.localAddressFor(leg.target()).host();
    }

    SipWorker[] workers()
    {
        return workers;
    }

    SipTransports transports()
    {
        return transports;
    }

    @Override
    public void close()
    {
        if (transports != null)
        {
            transports.close();
        }
        ctx.stopSipLoops();
    }
}
