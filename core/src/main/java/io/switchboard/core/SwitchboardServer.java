package io.switchboard.core;

import io.switchboard.acd.AcdService;
import io.switchboard.chat.desk.ChatReplay;
import io.switchboard.core.admin.Settings;
import io.switchboard.core.admin.TenantAdmin;
import io.switchboard.core.admin.TrunkAdmin;
import io.switchboard.core.metrics.LoopWatchdog;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.agent.AgentReconciler;
import io.switchboard.core.agent.AgentStates;
import io.switchboard.core.api.ApiRouter;
import io.switchboard.core.api.WebPhoneEndpoints;
import io.switchboard.core.auth.WebPhoneTokens;
import io.switchboard.core.call.CallStats;
import io.switchboard.core.config.MediaSettings;
import io.switchboard.core.config.SwitchboardConfig;
import io.switchboard.core.events.AgentEvents;
import io.switchboard.core.events.EventHub;
import io.switchboard.core.events.ScreenPops;
import io.switchboard.core.journal.ChronicleJournal;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.records.InterruptedCalls;
import io.switchboard.core.records.ServiceRecordKeeper;
import io.switchboard.core.records.ServiceRecordStore;
import io.switchboard.core.signalling.SipWorker;
import io.switchboard.core.signalling.TenantDirectory;
import io.switchboard.ivr.store.FlowStore;
import io.switchboard.media.audio.AudioClip;
import io.switchboard.media.audio.Tones;
import io.switchboard.media.audio.WavLoader;
import io.switchboard.media.engine.MediaEngine;
import io.switchboard.media.engine.MediaOptions;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.client.RegistrationClient;
import io.switchboard.sip.registrar.LocationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running server, composed and nothing else: a {@link ServerContext} (configuration, counters, loops, helper
 * threads), then the assemblies in the order they depend on each other: the journal and what it rebuilds (records,
 * agents, administration, trunks, flows), media, the ACD, the trunks, the voice flows, SIP, the carriers'
 * registrations, the HTTP API. Each part launched is pushed on a stack; {@link #close} closes them in reverse order
 * (the API first, the journal after the SIP loops stopped, the context last). Start with {@link #start}; tests start
 * it in-process on ephemeral ports.
 */
public final class SwitchboardServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardServer.class);

    private final ServerContext ctx;
    /** What was launched, closed from the top down. */
    private final Deque<AutoCloseable> launched = new ArrayDeque<>();
    private final TenantDirectory tenant;
    /** The workbench phones' SIP passwords: issued by the API, checked by the SIP workers' digest. */
    private final WebPhoneTokens webPhones = new WebPhoneTokens();
    /** The voice flows, their audio and speech, and what each number runs. */
    private final VoiceFlows voiceFlows = new VoiceFlows();
    /** The session flows and website channels of the online service. */
    private final SessionFlows sessionFlows = new SessionFlows();
    /** Agents' last picked states read from the journal, given back to the ACD when it starts. */
    private final AgentStates agentStates = new AgentStates();
    /** The agents' WebSocket events, on the API's loop. */
    private EventHub events;
    /** The durable journal (data/journal): accounts, service records and agents' states, replayed at start. */
    private Journal journal;
    /** Service records: journalled, kept on the API's loop, snapshotted. */
    private ServiceRecordKeeper records;
    /** The chat sessions the journal holds still live, and the highest id: made live again by the online service. */
    private ChatReplay chats;
    /** The agents' internal chats: rebuilt by the replay, then owned by the API's loop. */
    private final io.switchboard.core.chat.internal.InternalChats internalChats =
        new io.switchboard.core.chat.internal.InternalChats();
    /** The visitors administrators blocked: rebuilt by the replay, then owned by the API's loop. */
    private final io.switchboard.core.chat.VisitorBlocks visitorBlocks = new io.switchboard.core.chat.VisitorBlocks();
    /** Settings, screen-pop pages and quick replies as administrators changed them; owned by the API's loop. */
    private TenantAdmin admin;
    private AgentDirectory agents;
    /** The configuration's trunks and dial plan with the journal's changes, until the trunks are assembled. */
    private TrunkAdmin.Replay trunkReplay;
    private MediaEngine media;
    private AgentEvents agentEvents;
    private AcdAssembly acd;
    private TrunkAssembly trunks;
    private SipAssembly sip;
    /** Call recording (anchored media only): the writer thread and the workers' recorders. */
    private io.switchboard.core.recording.Recordings recordings;
    private ApiAssembly api;

    private SwitchboardServer(final ServerContext ctx)
    {
        this.ctx = ctx;
        this.tenant = new TenantDirectory(ctx.config(), ctx.counters(), webPhones);
    }

    /** Concludes a context from the configuration and launches every part on it; on failure, closes what started. */
    public static SwitchboardServer start(final SwitchboardConfig config) throws Exception
    {
        final ServerContext ctx = new ServerContext(config);
        final SwitchboardServer server = new SwitchboardServer(ctx);
        server.launched.push(ctx);
        try
        {
            ctx.conclude();
            server.launch();
            return server;
        }
        catch (final Exception ex)
        {
            server.close();
            throw ex;
        }
    }

    private void launch() throws Exception
    {
        final SwitchboardConfig config = ctx.config();
        events = new EventHub(ctx.apiLoop());
        records = new ServiceRecordKeeper(ctx.journalDirectory(), config.journal.snapshotEvery, ctx.apiLoop());
        launched.push(records::close);
        journal = ChronicleJournal.open(ctx.journalDirectory());
        // After the SIP loops stopped, so that the records of the last calls to end are among those written.
        launched.push(journal);
        admin = new TenantAdmin(journal, ctx.apiLoop(), Settings.of(config.tenant.acd),
            ScreenPops.configured(config.tenant.screenPops));
        replayJournal();
        // before anything binds: the demo's published passwords are not served beyond loopback unless allowed
        io.switchboard.core.auth.DemoPasswords.refuseIfExposed(config, journal);
        media = config.media.anchor ? new MediaEngine(mediaOptions(config.media)) : null;
        // 0 when the switch is off: the page counts up (wrap-up kept) or shows no ring countdown
        agentEvents = new AgentEvents(events, agents, admin.screenPops(),
            () -> admin.live().ringTimeoutEnabled() ? admin.live().ringTimeoutSeconds() : 0,
            () -> admin.live().stateRecoveryEnabled() ? admin.live().wrapUpSeconds() : 0);
        admin.onScreenPops(agentEvents::screenPops);
        acd = AcdAssembly.launch(ctx, new AcdAssembly.Parts(admin, agents, agentStates, tenant.locations(), journal,
            agentEvents, this::workers, records.store()), media != null);
        launched.push(acd);
        trunks = new TrunkAssembly(ctx, journal, trunkReplay, tenant);
        voiceFlows.start(config.tenant.ivr, agents);
        launched.push(voiceFlows);
        sessionFlows.start(config.tenant.chat, agents);
        agents.replayDone();
        // Before SIP and closed after its loops stopped: the recordings of calls still up are written out.
        recordings = media == null ? null
            : io.switchboard.core.recording.Recordings.launch(config.tenant.recording, Path.of(config.dataDir));
        if (recordings != null)
        {
            launched.push(recordings);
        }
        sip = new SipAssembly(ctx, new SipAssembly.Parts(tenant, media, acd.service(), agents, admin, voiceFlows,
            trunks, records, agentEvents, recordings));
        launched.push(sip);
        sip.launch();
        final java.util.concurrent.ScheduledFuture<?> alive = InterruptedCalls.heartbeat(journal, ctx.apiLoop(),
            ctx.stats()::active);
        launched.push(() -> alive.cancel(false));
        trunks.register(sip.workers()[0], sip.transports(), config.sip.serverName);
        launched.push(trunks::unregister);
        final java.util.List<LoopWatchdog.Named> loops = new java.util.ArrayList<>(
            LoopWatchdog.of("sip-worker", ctx.sipGroup()));
        loops.addAll(LoopWatchdog.of("http-api", ctx.apiGroup()));
        final LoopWatchdog watchdog = new LoopWatchdog(loops, config.metrics.stallThresholdMillis,
            config.metrics.watchdogPeriodMillis);
        launched.push(watchdog);
        if (config.http.port >= 0)
        {
            api = new ApiAssembly(ctx, new ApiAssembly.Parts(sip.workers(), sipUdpPort(), sipTcpPort(),
                acd.service(), acd.reconciler(), agents, voiceFlows, sessionFlows, journal, trunks, records,
                chats, admin, events, internalChats,
                tenant.locations(), media, webPhones, new WebPhoneEndpoints.Site(config.tenant.domain, wsPort(),
                wssPort(), config.sip.webSocketPath)));
            launched.push(api);
            api.visitorBlocks(visitorBlocks).watchdog(watchdog).recordings(recordings).launch();
        }
        LOG.info("Switchboard up: SIP udp {} tcp {} tls {} ws {} wss {} on {}, {} workers, tenant {} ({} extensions),"
            + " HTTP {}", sipUdpPort(), sipTcpPort(), port(sipTlsPort()), port(wsPort()), port(wssPort()),
            config.sip.bindAddress, ctx.workerCount(), config.tenant.name, tenant.extensionCount(),
            api != null ? config.http.bindAddress + ":" + api.port() : "off");
    }

    private static String port(final int port)
    {
        return port < 0 ? "off" : Integer.toString(port);
    }

    /** Rebuilds what the journal keeps (see {@link JournalReplay}) before anything is served. */
    private void replayJournal() throws InterruptedException
    {
        // The configuration's agents and groups, then those administrators created, changed or deleted since
        // (journal), applied in the order written: an agent's entry may name a group created before it.
        agents = new AgentDirectory(ctx.config().tenant.acd);
        trunkReplay = new TrunkAdmin.Replay(ctx.config().tenant);
        chats = new ChatReplay(ctx.config().tenant.chat.messageLimit);
        final JournalReplay replay = new JournalReplay(records, agentStates, admin, agents, trunkReplay,
            voiceFlows.journalled(), sessionFlows.journalled(), chats).internalChats(internalChats)
            .visitorBlocks(visitorBlocks);
        replay.run(journal);
        // Calls a crash cut off get their records now (journalled: the next start finds them ended), in the store
        // before anything is served.
        final InterruptedCalls.Finished cutOff = replay.interrupted().finish(records::recordEnded);
        try
        {
            cutOff.stored().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex)
        {
            LOG.warn("journal: the records of calls cut off are not all stored yet: {}", ex.toString());
        }
        ctx.stats().continueIdsAfter(Math.max(records.store().highestId(), cutOff.highestId()));
    }

    private static MediaOptions mediaOptions(final MediaSettings settings) throws IOException
    {
        final AudioClip music = settings.holdMusic == null ? Tones.holdMusic()
            : WavLoader.load(Path.of(settings.holdMusic));
        final String advertised = settings.advertisedAddress != null ? settings.advertisedAddress
            : settings.bindAddress;
        return new MediaOptions(settings.bindAddress, advertised, settings.firstPort, settings.lastPort, music);
    }

    /** The online service (chat), or null without an ACD or an API. */
    public io.switchboard.core.chat.OnlineService online()
    {
        return api != null ? api.online() : null;
    }

    public SwitchboardConfig config()
    {
        return ctx.config();
    }

    public int sipUdpPort()
    {
        return sip.transports().udpPort();
    }

    public int sipTcpPort()
    {
        return sip.transports().tcpPort();
    }

    /** SIP over TLS, or -1 when off. */
    public int sipTlsPort()
    {
        return sip.transports().tlsPort();
    }

    /** SIP over WebSocket (ws), or -1 when off. */
    public int wsPort()
    {
        return sip.transports().wsPort();
    }

    /** SIP over secure WebSocket (wss), or -1 when off. */
    public int wssPort()
    {
        return sip.transports().wssPort();
    }

    public int httpPort()
    {
        return api != null ? api.port() : -1;
    }

    /** The HTTP API's routes and who may use each (none when the API is off). */
    public List<ApiRouter.Route> apiRoutes()
    {
        return api != null ? api.routes() : List.of();
    }

    /** Call recording (null without anchored media). */
    public io.switchboard.core.recording.Recordings recordings()
    {
        return recordings;
    }

    public SipCounters counters()
    {
        return ctx.counters();
    }

    public CallStats stats()
    {
        return ctx.stats();
    }

    public LocationService locations()
    {
        return tenant.locations();
    }

    /** The SIP workers (none before SIP is launched). */
    public SipWorker[] workers()
    {
        return sip != null ? sip.workers() : new SipWorker[0];
    }

    /** The ACD's reconciliation with the calls, or null without a call center. */
    public AgentReconciler reconciler()
    {
        return acd.reconciler();
    }

    /** The service records; read them on the API's loop. */
    public ServiceRecordStore records()
    {
        return records.store();
    }

    public Journal journal()
    {
        return journal;
    }

    public Map<String, AtomicInteger> trunkLoad()
    {
        return trunks.load();
    }

    /** The carriers' registrations by trunk name; read them on worker 0's loop. */
    public Map<String, RegistrationClient> registrations()
    {
        return trunks.registrations();
    }

    public FlowStore flows()
    {
        return voiceFlows.flows();
    }

    /** The agents' events (WebSocket), for the accounts to decide who may listen. */
    public EventHub events()
    {
        return events;
    }

    /** The ACD, or null when the tenant has no skill groups. */
    public AcdService acd()
    {
        return acd.service();
    }

    public AgentDirectory agents()
    {
        return agents;
    }

    /** The media engine, or null when media is not anchored. */
    public MediaEngine media()
    {
        return media;
    }

    /** Closes every part launched, the last launched first; one that fails to close does not keep the rest open. */
    @Override
    public void close()
    {
        while (!launched.isEmpty())
        {
            final AutoCloseable part = launched.pop();
            try
            {
                part.close();
            }
            catch (final Exception ex)
            {
                LOG.warn("closing {}: {}", part, ex.toString());
            }
        }
    }
}
