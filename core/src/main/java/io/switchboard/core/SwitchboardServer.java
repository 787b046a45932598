package io.switchboard.core;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.switchboard.core.admin.AgentAdmin;
import io.switchboard.core.admin.GroupAdmin;
import io.switchboard.core.admin.Settings;
import io.switchboard.core.admin.TenantAdmin;
import io.switchboard.core.api.AccountEndpoints;
import io.switchboard.core.api.AdminEndpoints;
import io.switchboard.core.api.AgentAdminEndpoints;
import io.switchboard.core.api.GroupAdminEndpoints;
import io.switchboard.core.api.ApiGuard;
import io.switchboard.core.api.ApiRouter;
import io.switchboard.core.api.SessionEndpoints;
import io.switchboard.core.auth.AccountSeed;
import io.switchboard.core.auth.AccountStore;
import io.switchboard.core.auth.LoginThrottle;
import io.switchboard.core.auth.PasswordHasher;
import io.switchboard.core.auth.Sessions;
import io.switchboard.core.journal.Journal;
import io.switchboard.acd.AcdEngine;
import io.switchboard.acd.AcdService;
import io.switchboard.acd.AcdSettings;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.agent.AgentPresence;
import io.switchboard.core.agent.AcdCallPort;
import io.switchboard.core.agent.AgentReconciler;
import io.switchboard.core.agent.AgentStates;
import io.switchboard.core.api.RecordEndpoints;
import io.switchboard.core.call.CallRecords;
import io.switchboard.core.journal.ChronicleJournal;
import io.switchboard.core.records.ServiceRecordKeeper;
import io.switchboard.core.records.ServiceRecordStore;
import io.switchboard.core.api.AgentCallEndpoints;
import io.switchboard.core.api.AgentEndpoints;
import io.switchboard.core.api.AudioEndpoints;
import io.switchboard.core.api.CallEndpoints;
import io.switchboard.core.api.FlowEndpoints;
import io.switchboard.core.api.OpenApiEndpoints;
import io.switchboard.core.api.TrunkEndpoints;
import io.switchboard.core.admin.TrunkAdmin;
import io.switchboard.core.api.WorkbenchEndpoints;
import io.switchboard.core.events.AgentEvents;
import io.switchboard.core.events.EventHub;
import io.switchboard.core.events.EventSocket;
import io.switchboard.core.events.ScreenPops;
import io.switchboard.core.call.Transfers;
import io.switchboard.core.call.FlowCalls;
import io.switchboard.core.call.OutboundCalls;
import io.switchboard.core.config.TrunkSettings;
import io.switchboard.sip.client.RegistrationClient;
import io.switchboard.core.call.QueuedCalls;
import io.switchboard.ivr.store.FlowStore;
import io.switchboard.core.config.AcdSettingsConfig;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import io.switchboard.core.api.HttpApi;
import io.switchboard.core.call.CallMedia;
import io.switchboard.core.call.Leg;
import io.switchboard.core.config.MediaSettings;
import io.switchboard.media.audio.AudioClip;
import io.switchboard.media.audio.Tones;
import io.switchboard.media.audio.WavLoader;
import io.switchboard.media.engine.MediaEngine;
import io.switchboard.media.engine.MediaOptions;
import io.switchboard.core.api.SystemEndpoints;
import io.switchboard.core.call.CallController;
import io.switchboard.core.call.CallStats;
import io.switchboard.core.config.SwitchboardConfig;
import io.switchboard.core.signalling.SipDispatcher;
import io.switchboard.core.signalling.ReplacesLookup;
import io.switchboard.core.signalling.SipWorker;
import io.switchboard.core.trunk.CarrierRegistrations;
import io.switchboard.core.signalling.TenantDirectory;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.message.StatelessResponder;
import io.switchboard.sip.registrar.LocationService;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transport.SipTransports;
import io.switchboard.sip.util.TimerWheelScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The running server: SIP workers (one event loop each, owning their calls), the transports feeding them,
 * the registrar's location service, and the HTTP API on its own loop. Start with {@link #start}, stop with
 * {@link #close}; tests start it in-process on ephemeral ports.
 */
public final class SwitchboardServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardServer.class);

    private final SwitchboardConfig config;
    private final SipCounters counters = new SipCounters();
    private final CallStats stats = new CallStats();
    private final EventLoopGroup sipGroup;
    private final EventLoopGroup apiGroup;
    /** The agents' WebSocket events, on the API's loop. */
    private final EventHub events;
    private AgentEvents agentEvents;
    private final TenantDirectory tenant;
    private final SipWorker[] workers;
    private SipTransports transports;
    private MediaEngine media;
    /** The voice flows, their audio and speech, and what each number runs. */
    private final VoiceFlows voiceFlows = new VoiceFlows();
    /** Name lookups (trunks' hosts) kept off the event loops, and off the speech thread a long prompt may hold. */
    private final ExecutorService lookupThread = Executors.newSingleThreadExecutor(
        new DefaultThreadFactory("name-lookups", true));
    private AgentDirectory agents;
    /** The configuration's trunks and dial plan with the journal's changes, until the plan is built. */
    private TrunkAdmin.Replay trunkReplay;
    /** The trunks, the dial plan and the permissions as administrators change them; owned by the API's loop. */
    private TrunkAdmin trunkAdmin;
    /** The softswitch's registrations to carriers (worker 0); null until the workers exist. */
    private CarrierRegistrations carriers;
    /** Calls in progress per trunk, for its maxCalls and the API. */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> trunkLoad =
        new java.util.concurrent.ConcurrentHashMap<>();
    private AcdService acd;
    private HttpApi api;
    /** The durable journal (data/journal): accounts, service records and agents' states, replayed at start. */
    private Journal journal;
    /** Password hashing, off the event loops. */
    private final PasswordHasher hasher = new PasswordHasher();
    /** Service records: journalled, kept on the API's loop, snapshotted. */
    private final ServiceRecordKeeper records;
    /** Agents' last picked states read from the journal, given back to the ACD when it starts. */
    private final AgentStates agentStates = new AgentStates();
    private AgentReconciler reconciler;
    /** Settings, screen-pop pages and quick replies as administrators changed them; owned by the API's loop. */
    private TenantAdmin admin;

    private SwitchboardServer(final SwitchboardConfig config)
    {
        this.config = config;
        final int n = config.sip.workers;
        sipGroup = Epoll.isAvailable()
            ? new EpollEventLoopGroup(n, new DefaultThreadFactory("sip-worker"))
            : new NioEventLoopGroup(n, new DefaultThreadFactory("sip-worker"));
        apiGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("http-api"));
        events = new EventHub(apiGroup.next());
        records = new ServiceRecordKeeper(journalDirectory(), config.journal.snapshotEvery, apiGroup.next());
        tenant = new TenantDirectory(config, counters);
        workers = new SipWorker[n];
    }

    public static SwitchboardServer start(final SwitchboardConfig config) throws Exception
    {
        final SwitchboardServer server = new SwitchboardServer(config);
        try
        {
            server.startAll();
            return server;
        }
        catch (final Exception ex)
        {
            server.close();
            throw ex;
        }
    }

    private void startAll() throws Exception
    {
        stats.workers(workers.length);
        Files.createDirectories(Path.of(config.dataDir));
        journal = ChronicleJournal.open(journalDirectory());
        admin = new TenantAdmin(journal, apiGroup.next(), Settings.of(config.tenant.acd),
            ScreenPops.configured(config.tenant.screenPops));
        replayJournal();
        // Bound first so that workers can send through it; messages arriving before the workers exist are dropped
        // by the dispatcher (the peers retransmit).
        media = config.media.anchor ? new MediaEngine(mediaOptions(config.media)) : null;
        agentEvents = new AgentEvents(events, agents, admin.screenPops(), () -> admin.live().ringTimeoutSeconds(),
            () -> admin.live().wrapUpSeconds());
        acd = startAcd(config.tenant.acd, workers.length);
        followAdministration();
        // Resolved here, at start; changes through the API resolve on the blocking executor: no DNS on a loop.
        trunkAdmin = new TrunkAdmin(journal, apiGroup.next(), lookupThread, trunkReplay.build());
        trunkAdmin.onTrunkChanged(this::trunkChanged);
        tenant.plan(trunkAdmin::plan);
        trunkAdmin.plan().trunks().forEach(trunk -> trunkLoad.put(trunk.name,
            new java.util.concurrent.atomic.AtomicInteger()));
        voiceFlows.start(config.tenant.ivr, agents);
        startSip();
        carriers = new CarrierRegistrations(workers[0], transports, trunkAdmin::plan, config.sip.serverName);
        carriers.startAll();
        // Expired bindings, nonces and throttle entries are forgotten once a second, on worker 0.
        workers[0].loop().scheduleAtFixedRate(() -> tenant.housekeeping(System.currentTimeMillis()), 1, 1,
            TimeUnit.SECONDS);
        if (config.http.port >= 0)
        {
            startApi();
        }
        LOG.info("Switchboard up: SIP udp {} tcp {} on {}, {} workers, tenant {} ({} extensions), HTTP {}",
            sipUdpPort(), sipTcpPort(), config.sip.bindAddress, workers.length, config.tenant.name,
            tenant.extensionCount(), api != null ? config.http.bindAddress + ":" + api.port() : "off");
    }

    /** The transports, a worker per loop of the SIP group, and the dispatcher handing each message to its owner. */
    private void startSip() throws Exception
    {
        final SipDispatcher dispatcher = new SipDispatcher();
        transports = SipTransports.start(sipGroup, tenant.transportConfig(), dispatcher, counters);
        final List<EventLoop> loops = new ArrayList<>();
        for (final EventExecutor executor : sipGroup)
        {
            loops.add((EventLoop)executor);
        }
        for (int i = 0; i < workers.length; i++)
        {
            workers[i] = startWorker(i, loops.get(i));
        }
        final ReplacesLookup replaces = new ReplacesLookup(workers);
        for (final SipWorker worker : workers)
        {
            worker.calls().replacedDialogs(replaces);
        }
        dispatcher.ready(workers);
    }

    /** The HTTP API: sign-in, then every endpoint with the narrow things it needs. */
    private void startApi() throws Exception
    {
        final ApiRouter router = new ApiRouter();
        final ApiGuard guard = signIn(router);
        new SystemEndpoints(new SystemEndpoints.Sources(sipUdpPort(), sipTcpPort(), workers.length, counters,
            stats, tenant.locations(), media, reconciler)).register(router);
        new CallEndpoints(workers, acd, agents, voiceFlows.flows()).register(router);
        new FlowEndpoints(voiceFlows.flows(), voiceFlows::publishNumbers, journal, apiGroup.next()).register(router);
        new TrunkEndpoints(workers, trunkLoad, carriers.clients(), trunkAdmin).register(router);
        new AudioEndpoints(voiceFlows.audio(), voiceFlows.flows(), voiceFlows.speechThread()).register(router);
        new WorkbenchEndpoints().register(router);
        new RecordEndpoints(records.store()).register(router);
        new AdminEndpoints(admin, apiGroup.next()).register(router);
        new OpenApiEndpoints().register(router);
        if (acd != null)
        {
            new AgentEndpoints(acd, agents, journal).register(router);
            new AgentCallEndpoints(workers, acd, agents, () -> admin.live().ringTimeoutSeconds() * 1000L)
                .register(router);
        }
        api = new HttpApi(router, guard, () -> new EventSocket(events, guard::listener))
            .start(apiGroup, config.http.bindAddress, config.http.port);
    }

    /** One SIP worker on its loop: its timer wheel, B2BUA, transaction layer and the features of its calls. */
    private SipWorker startWorker(final int i, final EventLoop loop)
    {
        // Transaction and call timers live on a timer wheel polled by the loop every tick (O(1) schedule/cancel).
        final TimerWheelScheduler scheduler = new TimerWheelScheduler(System::nanoTime);
        loop.scheduleAtFixedRate(scheduler::poll, TimerWheelScheduler.DEFAULT_TICK_NS,
            TimerWheelScheduler.DEFAULT_TICK_NS, TimeUnit.NANOSECONDS);
        final CallMedia callMedia = media == null ? null : new CallMedia(media, loop, this::mediaAddressFor);
        final CallController calls = new CallController(i, transports, scheduler, tenant.authorizer(),
            tenant.locator(), tenant.registrar(), stats, config.tenant.domain, callMedia);
        final TransactionLayer layer = new TransactionLayer(calls, transports, scheduler, tenant.timerValues(),
            counters);
        calls.layer(layer);
        calls.records(new CallRecords(agents, () -> admin.live().wrapUpSeconds(), records::recordEnded));
        QueuedCalls queued = null;
        if (acd != null)
        {
            final int worker = i;
            queued = new QueuedCalls(calls, callMedia, new AcdCallPort(acd), agents, worker,
                () -> admin.live().autoAnswer());
            calls.queues(queued);
            // The ACD's decisions for this worker's calls are carried out on its loop, every 2 ms.
            final QueuedCalls decisions = queued;
            loop.scheduleAtFixedRate(() -> acd.drain(worker, decisions, 256), 2, 2, TimeUnit.MILLISECONDS);
        }
        if (callMedia != null)
        {
            calls.flows(new FlowCalls(calls, callMedia, queued, agents, voiceFlows.speech(),
                voiceFlows.audio(), voiceFlows::flowFor, loop));
            // Calls whose phones are gone without a BYE end by themselves (issue 12).
            loop.execute(calls.mediaTimeout(config.media.timeoutSeconds * 1000L));
            calls.sessionTimers(config.sip.sessionExpires, config.sip.minSessionExpires);
        }
        final OutboundCalls outbound = new OutboundCalls(calls, trunkAdmin::plan, trunkLoad);
        calls.outbound(outbound);
        if (callMedia != null)
        {
            calls.transfers(new Transfers(calls, queued, outbound, agents, acd == null ? null : new AcdCallPort(acd),
                loop, () -> admin.live().ringTimeoutSeconds() * 1000L));
        }
        calls.events(agentEvents);
        return new SipWorker(i, loop, layer, calls, StatelessResponder.withDefaults(counters));
    }

    /**
     * Accounts, sessions and log-in throttling for the API: the accounts rebuilt from the journal (seeded from
     * {@code tenant.accounts} on the first start), the sign-in endpoints registered. All of it is owned by the API's
     * single event loop.
     */
    private ApiGuard signIn(final ApiRouter router) throws Exception
    {
        final EventLoop loop = apiGroup.next();
        final AccountStore accounts = new AccountStore(journal, loop);
        AccountSeed.load(accounts, config.tenant.accounts, agents);
        final Sessions sessions = new Sessions(System::currentTimeMillis, config.http.sessionIdleSeconds * 1000L);
        final LoginThrottle throttle = new LoginThrottle(System::currentTimeMillis, new LoginThrottle.Limits(
            config.http.loginFailures, config.http.loginWindowSeconds * 1000L, config.http.loginBlockSeconds * 1000L));
        loop.scheduleAtFixedRate(() ->
        {
            sessions.sweep();
            throttle.sweep();
        }, 1, 1, TimeUnit.MINUTES);
        new SessionEndpoints(accounts, sessions, throttle, hasher, loop).register(router);
        new AccountEndpoints(accounts, sessions, hasher, agents, config.tenant.allExtensions().keySet(), loop)
            .register(router);
        if (acd != null)
        {
            new AgentAdminEndpoints(new AgentAdmin(agents, acd, journal, accounts, sessions, hasher,
                config.tenant.allExtensions().keySet(), loop), agents, loop).register(router);
            new GroupAdminEndpoints(new GroupAdmin(agents, acd, journal, loop), agents).register(router);
        }
        return new ApiGuard(sessions, accounts);
    }

    /** What administrators change reaches the offers (screen-pop pages) and the ACD (settings) once journalled. */
    private void followAdministration()
    {
        admin.onScreenPops(agentEvents::screenPops);
        if (acd != null)
        {
            admin.onSettings(changed -> acd.settings(changed.acd())
                .whenComplete((done, failure) ->
                {
                    if (failure != null)
                    {
                        LOG.error("ACD: new settings not applied: {}", failure.toString());
                    }
                }));
        }
    }

    public SwitchboardConfig config()
    {
        return config;
    }

    public int sipUdpPort()
    {
        return transports.udpPort();
    }

    public int sipTcpPort()
    {
        return transports.tcpPort();
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

    public SipCounters counters()
    {
        return counters;
    }

    public CallStats stats()
    {
        return stats;
    }

    public LocationService locations()
    {
        return tenant.locations();
    }

    public SipWorker[] workers()
    {
        return workers;
    }

    /** The ACD's reconciliation with the calls, or null without a call center. */
    public AgentReconciler reconciler()
    {
        return reconciler;
    }

    /**
     * Starts the ACD engine thread when the tenant has skill groups (and media is anchored: queues play music),
     * and loads the configured groups and agents into it.
     */
    private AcdService startAcd(final AcdSettingsConfig settings, final int workerCount) throws Exception
    {
        if (settings.groups.isEmpty() || media == null)
        {
            return null;
        }
        // The configuration's values, or those an administrator saved since (journal).
        final AcdSettings acdSettings = admin.live().acd();
        final IdleStrategy idle = "backoff".equals(settings.idleStrategy)
            ? new BackoffIdleStrategy() : new SleepingMillisIdleStrategy(1);
        final AcdService service = new AcdService(acdSettings, AcdEngine::new,
            AcdService.Config.defaults(workerCount).withIdleStrategy(idle)).start();
        service.execute(engine -> agents.load(engine, System.nanoTime())).get(5, TimeUnit.SECONDS);
        final List<Integer> restored = agentStates.restore(service, agents);
        scheduleDailyReset(service);
        final EventLoop presenceLoop = apiGroup.next();
        presenceLoop.scheduleAtFixedRate(new AgentPresence(service, agents, tenant.locations(), journal, presenceLoop)
            .restored(restored, System.currentTimeMillis() + config.registrar.maxExpires * 1000L), 5, 5,
            TimeUnit.SECONDS);
        if (settings.reconcileSeconds > 0)
        {
            reconciler = new AgentReconciler(service, this::workers);
            apiGroup.next().scheduleAtFixedRate(reconciler, settings.reconcileSeconds, settings.reconcileSeconds,
                TimeUnit.SECONDS);
        }
        // Agent state changes are for the agents' WebSocket (a later issue); until then they are drained here.
        apiGroup.next().scheduleAtFixedRate(() -> service.drainAgentStates(agentEvents, 1024), 100, 100,
            TimeUnit.MILLISECONDS);
        return service;
    }

    /** Rebuilds what the journal keeps (see {@link JournalReplay}) before anything is served. */
    private void replayJournal()
    {
        // The configuration's agents and groups, then those administrators created, changed or deleted since
        // (journal), applied in the order written: an agent's entry may name a group created before it.
        agents = new AgentDirectory(config.tenant.acd);
        trunkReplay = new TrunkAdmin.Replay(config.tenant);
        new JournalReplay(records, agentStates, admin, agents, trunkReplay, voiceFlows.journalled())
            .run(journal);
        stats.continueIdsAfter(records.store().highestId());
    }

    private Path journalDirectory()
    {
        return Path.of(config.dataDir, "journal");
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

    /** "Calls answered today" start again at local midnight. */
    private void scheduleDailyReset(final AcdService service)
    {
        final ZonedDateTime now = ZonedDateTime.now();
        final long untilMidnight = Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(now.getZone()))
            .toMillis();
        apiGroup.next().scheduleAtFixedRate(service::resetDailyCounts, untilMidnight, TimeUnit.DAYS.toMillis(1),
            TimeUnit.MILLISECONDS);
    }

    /**
     * An administrator saved or deleted a trunk (published already; on the API's loop): its load counter exists,
     * and its registration follows.
     */
    private void trunkChanged(final TrunkSettings before, final TrunkSettings after)
    {
        if (after != null)
        {
            trunkLoad.computeIfAbsent(after.name, name -> new java.util.concurrent.atomic.AtomicInteger());
        }
        carriers.changed(before, after);
    }

    public Map<String, java.util.concurrent.atomic.AtomicInteger> trunkLoad()
    {
        return trunkLoad;
    }

    /** The carriers' registrations by trunk name; read them on worker 0's loop. */
    public Map<String, RegistrationClient> registrations()
    {
        return carriers.clients();
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

    /** The ACD's answer to what the calls tell it needs no waiting, but a refusal is worth a line in the log. */
    /** The ACD, or null when the tenant has no skill groups. */
    public AcdService acd()
    {
        return acd;
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

    private static MediaOptions mediaOptions(final MediaSettings settings) throws IOException
    {
        final AudioClip music = settings.holdMusic == null ? Tones.holdMusic()
            : WavLoader.load(Path.of(settings.holdMusic));
        final String advertised = settings.advertisedAddress != null ? settings.advertisedAddress
            : settings.bindAddress;
        return new MediaOptions(settings.bindAddress, advertised, settings.firstPort, settings.lastPort, music);
    }

    /** The address a leg's phone sends RTP to: configured, else the one SIP itself uses towards that phone. */
    private String mediaAddressFor(final Leg leg)
    {
        if (config.media.advertisedAddress != null)
        {
            return config.media.advertisedAddress;
        }
        return transports.localAddressFor(leg.target()).host();
    }

    @Override
    public void close()
    {
        if (api != null)
        {
            api.close();
        }
        if (carriers != null)
        {
            carriers.stopAll();
        }
        if (transports != null)
        {
            transports.close();
        }
        if (acd != null)
        {
            acd.close();
        }
        voiceFlows.close();
        lookupThread.shutdownNow();
        hasher.close();
        sipGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (journal != null)
        {
            // After the workers stopped, so that the records of the last calls to end are among those written.
            journal.close();
        }
        records.close();
        apiGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
