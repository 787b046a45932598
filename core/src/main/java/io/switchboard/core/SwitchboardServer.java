package io.switchboard.core;

import io.switchboard.core.publish.Published;
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
import io.switchboard.core.journal.JournalSnapshot;
import io.switchboard.core.records.ServiceRecord;
import io.switchboard.core.records.ServiceRecordStore;
import io.switchboard.core.api.AgentCallEndpoints;
import io.switchboard.core.api.AgentEndpoints;
import io.switchboard.core.api.AudioEndpoints;
import io.switchboard.core.api.CallEndpoints;
import io.switchboard.core.api.FlowEndpoints;
import io.switchboard.core.api.FlowJournal;
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
import io.switchboard.sip.auth.UacCredentials;
import io.switchboard.sip.client.RegistrationClient;
import io.switchboard.sip.client.RegistrationConfig;
import io.switchboard.sip.client.TransactionLayerRegistrationSender;
import io.switchboard.sip.dialog.Identifiers;
import io.switchboard.sip.transport.Target;
import io.switchboard.core.call.QueuedCalls;
import io.switchboard.core.config.IvrSettings;
import io.switchboard.core.flows.AudioStore;
import io.switchboard.core.flows.FlowLoader;
import io.switchboard.core.flows.SpeechSynthesizer;
import io.switchboard.ivr.flow.Flow;
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
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
    /** Blocking work kept off the event loops: speech rendering, audio decoding and files. */
    private final ExecutorService speechThread = Executors.newSingleThreadExecutor(
        new DefaultThreadFactory("speech-and-audio", true));
    /** Name lookups (trunks' hosts) kept off the event loops, and off the speech thread a long prompt may hold. */
    private final ExecutorService lookupThread = Executors.newSingleThreadExecutor(
        new DefaultThreadFactory("name-lookups", true));
    private SpeechSynthesizer speech;
    private AudioStore audio;
    private FlowStore flows;
    /** The journal's flow and number entries, read by the replay and applied once the flows are loaded. */
    private final List<FlowJournal.Entry> flowEntries = new ArrayList<>();
    /** What each number runs, as workers read it: replaced whole (never changed in place) when bindings change. */
    private final Published<Map<String, Flow>> numberFlows = new Published<>(Map.of());
    private AgentDirectory agents;
    /** The configuration's trunks and dial plan with the journal's changes, until the plan is built. */
    private TrunkAdmin.Replay trunkReplay;
    /** The trunks, the dial plan and the permissions as administrators change them; owned by the API's loop. */
    private TrunkAdmin trunkAdmin;
    private final Map<String, RegistrationClient> registrations = new java.util.concurrent.ConcurrentHashMap<>();
    /** Calls in progress per trunk, for its maxCalls and the API. */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> trunkLoad =
        new java.util.concurrent.ConcurrentHashMap<>();
    private AcdService acd;
    private HttpApi api;
    /** The durable journal (data/journal): accounts, service records and agents' states, replayed at start. */
    private Journal journal;
    /** Password hashing, off the event loops. */
    private final PasswordHasher hasher = new PasswordHasher();
    /** Service records, owned by the API's loop once it serves (filled from the journal before). */
    private final ServiceRecordStore records = new ServiceRecordStore();
    /** Snapshots of the records are written here, off the event loops. */
    private final ExecutorService snapshotThread = Executors.newSingleThreadExecutor(
        new DefaultThreadFactory("journal-snapshot", true));
    /** Records handed to the journal and not yet in the store: a snapshot is taken only when there are none. */
    private final java.util.concurrent.atomic.AtomicInteger recordsInFlight =
        new java.util.concurrent.atomic.AtomicInteger();
    /** The journal position of the last record put in the store (API loop); what a snapshot taken now covers. */
    private long lastRecordIndex = -1;
    /** Records put in the store since the last snapshot (API loop), and whether one is being written. */
    private int recordsSinceSnapshot;
    private boolean snapshotting;
    /** Whether the replay finished, so that the store is whole and a snapshot of it may be written. */
    private volatile boolean replayed;
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
            screenPops(config.tenant.screenPops));
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
        startIvr(config.tenant.ivr);
        startSip();
        registerToCarriers();
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

    /**
     * Accounts, sessions and log-in throttling for the API: the accounts rebuilt from the journal (seeded from
     * {@code tenant.accounts} on the first start), the sign-in endpoints registered. All of it is owned by the API's
     * single event loop.
     */
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
        new CallEndpoints(workers, acd, agents, flows).register(router);
        new FlowEndpoints(flows, this::publishNumbers, journal, apiGroup.next()).register(router);
        new TrunkEndpoints(workers, trunkLoad, registrations, trunkAdmin).register(router);
        new AudioEndpoints(audio, flows, speechThread).register(router);
        new WorkbenchEndpoints().register(router);
        new RecordEndpoints(records).register(router);
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
        calls.records(new CallRecords(agents, () -> admin.live().wrapUpSeconds(), this::recordEnded));
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
            calls.flows(new FlowCalls(calls, callMedia, queued, agents, speech, audio,
                number -> numberFlows.get().get(number), loop));
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

    /**
     * Rebuilds what the journal keeps, before anything is served: the service records (into the store) and each
     * agent's last picked state (given to the ACD when it starts). An entry that cannot be read is skipped and
     * counted, rather than keep the server from starting.
     */
    private void replayJournal()
    {
        // The configuration's agents and groups, then those administrators created, changed or deleted since
        // (journal), applied in the order written: an agent's entry may name a group created before it.
        agents = new AgentDirectory(config.tenant.acd);
        trunkReplay = new TrunkAdmin.Replay(config.tenant);
        final long started = System.nanoTime();
        final int[] counts = new int[3];
        // The newest snapshot's records, then only the record entries after it; every other type from the start.
        final long covered = snapshotsOn() ? JournalSnapshot.loadNewest(journalDirectory()).map(snapshot ->
        {
            snapshot.records().forEach(records::add);
            counts[2] = snapshot.records().size();
            LOG.info("journal: snapshot {} loaded: {} service records", snapshot.file().getFileName(),
                snapshot.records().size());
            return snapshot.index();
        }).orElse(-1L) : -1L;
        lastRecordIndex = covered;
        journal.replay((index, type) -> index > covered || !ServiceRecord.JOURNAL_TYPE.equals(type),
            (index, type, json) ->
        {
            counts[0]++;
            try
            {
                replayed(index, type, json);
            }
            catch (final IOException | RuntimeException ex)
            {
                counts[1]++;
                LOG.warn("journal: a {} entry could not be read: {}", type, ex.toString());
            }
        });
        stats.continueIdsAfter(records.highestId());
        replayed = true;
        snapshotAfterReplay();
        LOG.info("journal: {} entries replayed in {} ms: {} service records ({} from the snapshot), {} agents' "
            + "states, {} unreadable", counts[0], (System.nanoTime() - started) / 1_000_000, records.size(),
            counts[2], agentStates.size(), counts[1]);
    }

    /** One journal entry at start: each type goes to the one {@code apply} that also serves the live path. */
    private void replayed(final long index, final String type, final byte[] json) throws IOException
    {
        switch (type)
        {
            case ServiceRecord.JOURNAL_TYPE ->
            {
                records.add(ServiceRecord.fromJson(json));
                lastRecordIndex = Math.max(lastRecordIndex, index);
                recordsSinceSnapshot++;
            }
            case AgentStates.JOURNAL_TYPE -> agentStates.replayed(json);
            case TenantAdmin.SETTINGS, TenantAdmin.SCREEN_POPS, TenantAdmin.QUICK_REPLIES -> admin.apply(type, json);
            case AgentAdmin.CREATED, AgentAdmin.UPDATED, AgentAdmin.DELETED -> AgentAdmin.apply(agents, type, json);
            case FlowJournal.SAVED, FlowJournal.DELETED, FlowJournal.PUBLISHED, FlowJournal.UNPUBLISHED,
                FlowJournal.NUMBER_BOUND -> flowEntries.add(new FlowJournal.Entry(type, json));
            case GroupAdmin.CREATED, GroupAdmin.UPDATED, GroupAdmin.DELETED, GroupAdmin.MEMBER_ADDED,
                GroupAdmin.MEMBER_REMOVED -> GroupAdmin.apply(agents, type, json);
            case TrunkAdmin.SAVED, TrunkAdmin.DELETED, TrunkAdmin.DIAL_PLAN -> trunkReplay.apply(type, json);
            default -> LOG.debug("journal: entry type {} is not read by this version", type);
        }
    }

    /**
     * Many records past the last snapshot (or none yet): one now, off the loops, so that the next start is fast
     * even if this server is killed rather than stopped.
     */
    private void snapshotAfterReplay()
    {
        if (snapshotsOn() && recordsSinceSnapshot >= config.journal.snapshotEvery && lastRecordIndex >= 0)
        {
            final long index = lastRecordIndex;
            final List<ServiceRecord> copy = records.copy();
            recordsSinceSnapshot = 0;
            snapshotting = true;
            final EventLoop loop = apiGroup.next();
            snapshotThread.execute(() ->
            {
                writeSnapshot(index, copy);
                loop.execute(() -> snapshotting = false);
            });
        }
    }

    private boolean snapshotsOn()
    {
        return config.journal.snapshotEvery > 0;
    }

    private Path journalDirectory()
    {
        return Path.of(config.dataDir, "journal");
    }

    /**
     * A record reached the store (API loop): every {@code journal.snapshotEvery} records a snapshot is written on
     * the snapshot thread, of the store as it is once no record is between the journal and the store (so that it
     * holds every record up to its position and none after); with some still in flight, the next record tries again.
     */
    private void recordStored(final Long position)
    {
        if (position != null)
        {
            lastRecordIndex = Math.max(lastRecordIndex, position);
        }
        recordsSinceSnapshot++;
        if (recordsInFlight.decrementAndGet() != 0 || !snapshotsOn() || snapshotting
            || recordsSinceSnapshot < config.journal.snapshotEvery || lastRecordIndex < 0)
        {
            return;
        }
        final long index = lastRecordIndex;
        final List<ServiceRecord> copy = records.copy();
        recordsSinceSnapshot = 0;
        snapshotting = true;
        final EventLoop loop = apiGroup.next();
        try
        {
            snapshotThread.execute(() ->
            {
                writeSnapshot(index, copy);
                loop.execute(() -> snapshotting = false);
            });
        }
        catch (final java.util.concurrent.RejectedExecutionException stopping)
        {
            snapshotting = false;
        }
    }

    private void writeSnapshot(final long index, final List<ServiceRecord> copy)
    {
        final long started = System.nanoTime();
        try
        {
            final Path file = JournalSnapshot.write(journalDirectory(), index, copy);
            LOG.info("journal: snapshot {} written: {} service records in {} ms", file.getFileName(), copy.size(),
                (System.nanoTime() - started) / 1_000_000);
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.warn("journal: snapshot not written: {}", ex.toString());
        }
    }

    /** At a clean shutdown, once the journal is closed: a snapshot of every record, if any came since the last. */
    private void snapshotAtShutdown()
    {
        if (!replayed || !snapshotsOn())
        {
            return;
        }
        try
        {
            // The records the journal's last writes handed to the API loop are queued before this.
            final Object[] state = apiGroup.next().submit(() -> recordsInFlight.get() == 0 && !snapshotting
                && recordsSinceSnapshot > 0 && lastRecordIndex >= 0
                ? new Object[] {lastRecordIndex, records.copy()} : null).get(5, TimeUnit.SECONDS);
            if (state != null)
            {
                @SuppressWarnings("unchecked")
                final List<ServiceRecord> copy = (List<ServiceRecord>)state[1];
                writeSnapshot((Long)state[0], copy);
            }
        }
        catch (final Exception ex)
        {
            LOG.warn("journal: no snapshot at shutdown: {}", ex.toString());
        }
    }

    /**
     * A call ended (on its worker's loop): its record is journalled, then added to the store on the API's loop.
     * Nothing here waits; a record the journal could not take is still shown, and the failure logged.
     */
    private void recordEnded(final ServiceRecord record)
    {
        final byte[] json = record.toJson();
        recordsInFlight.incrementAndGet();
        journal.append(ServiceRecord.JOURNAL_TYPE, json).whenComplete((position, failure) ->
        {
            if (failure != null)
            {
                LOG.error("call {}: service record not journalled: {}", record.id(), failure.toString());
            }
            try
            {
                apiGroup.next().execute(() ->
                {
                    records.add(record);
                    recordStored(failure == null ? position : null);
                });
            }
            catch (final java.util.concurrent.RejectedExecutionException stopping)
            {
                recordsInFlight.decrementAndGet();
                LOG.debug("call {}: record not shown, the API is stopping", record.id());
            }
        });
    }

    /** The service records; read them on the API's loop. */
    public ServiceRecordStore records()
    {
        return records;
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
     * The trunks that ask for it register the softswitch to their carrier, from worker 0 (its Call-ID carries the
     * worker, so the carrier's answers come back to it), refreshed before expiry and retried with back-off.
     */
    private void registerToCarriers() throws Exception
    {
        for (final TrunkSettings trunk : trunkAdmin.plan().trunks())
        {
            if (trunk.register)
            {
                workers[0].loop().submit(() -> startRegistration(trunk)).get(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts the trunk's registration on worker 0 (on its loop), replacing one it had. */
    private void startRegistration(final TrunkSettings trunk)
    {
        final SipWorker owner = workers[0];
        final InetSocketAddress carrier = trunkAdmin.plan().addresses().get(trunk.name);
        final Target target = new Target("tcp".equalsIgnoreCase(trunk.transport) ? "TCP" : "UDP", carrier, null);
        final var local = transports.localAddressFor(target);
        final RegistrationConfig registration = new RegistrationConfig()
            .registrar("sip:" + trunk.host + ":" + trunk.port)
            .aor("sip:" + trunk.registerUser + "@" + trunk.registerDomain)
            .contact("<sip:" + trunk.registerUser + "@" + local.uriHost() + ":" + local.port() + ">")
            .expiresSeconds(trunk.registerExpires)
            .credentials(trunk.username == null ? List.of()
                : List.of(new UacCredentials(trunk.realm, trunk.username, trunk.password)))
            .userAgent(config.sip.serverName)
            .conclude();
        final RegistrationClient started = new RegistrationClient(registration,
            new TransactionLayerRegistrationSender(owner.layer(), transports, target),
            owner.calls().scheduler(), Identifiers.callId(0));
        final RegistrationClient old = registrations.put(trunk.name, started);
        if (old != null)
        {
            old.stop();
        }
        started.start();
    }

    /**
     * An administrator saved or deleted a trunk (published already; on the API's loop): its load counter exists,
     * and its registration is started, replaced or stopped (unregistered) on worker 0.
     */
    private void trunkChanged(final TrunkSettings before, final TrunkSettings after)
    {
        if (after != null)
        {
            trunkLoad.computeIfAbsent(after.name, name -> new java.util.concurrent.atomic.AtomicInteger());
        }
        final String name = after != null ? after.name : before.name;
        workers[0].loop().execute(() ->
        {
            if (after != null && after.register)
            {
                startRegistration(after);
            }
            else
            {
                final RegistrationClient old = registrations.remove(name);
                if (old != null)
                {
                    old.stop();
                }
            }
        });
    }

    public Map<String, java.util.concurrent.atomic.AtomicInteger> trunkLoad()
    {
        return trunkLoad;
    }

    /** The carriers' registrations by trunk name; read them on worker 0's loop. */
    public Map<String, RegistrationClient> registrations()
    {
        return registrations;
    }

    /** Loads the audio library and the flows, publishes them, binds their numbers. */
    private void startIvr(final IvrSettings settings) throws IOException
    {
        audio = new AudioStore(Path.of(settings.audioDir));
        speech = new SpeechSynthesizer(Path.of(settings.speechCacheDir), speechThread);
        flows = FlowLoader.load(settings, FlowLoader.catalog(agents, audio, speech));
        // Then what administrators changed through the API since (journal), in the order written.
        final int skipped = FlowJournal.replay(flows, flowEntries);
        LOG.info("journal: {} flow and number entries replayed, {} skipped", flowEntries.size() - skipped, skipped);
        flowEntries.clear();
        publishNumbers();
    }

    /** Hands the workers what each number runs now: a new immutable map, read through a volatile. */
    private void publishNumbers()
    {
        final Map<String, Flow> bound = new HashMap<>();
        for (final FlowStore.PhoneNumber number : flows.numbers())
        {
            final Flow flow = flows.flowForNumber(number.number());
            if (flow != null)
            {
                bound.put(number.number(), flow);
            }
        }
        numberFlows.publish(Map.copyOf(bound));
    }

    public FlowStore flows()
    {
        return flows;
    }

    private static ScreenPops screenPops(final List<io.switchboard.core.config.TenantSettings.ScreenPop> pages)
    {
        final List<ScreenPops.Page> list = new ArrayList<>();
        for (final io.switchboard.core.config.TenantSettings.ScreenPop page : pages)
        {
            list.add(new ScreenPops.Page(page.name, page.url, page.enabled));
        }
        try
        {
            return new ScreenPops(list);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("configuration: tenant.screenPops: " + ex.getMessage(), ex);
        }
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
        if (!registrations.isEmpty() && workers[0] != null)
        {
            // Unregister from the carriers (Expires: 0) before the sockets close; best effort, bounded.
            try
            {
                workers[0].loop().submit(() -> registrations.values().forEach(RegistrationClient::stop))
                    .get(2, TimeUnit.SECONDS);
            }
            catch (final Exception ex)
            {
                LOG.debug("unregistering from carriers: {}", ex.toString());
            }
        }
        if (transports != null)
        {
            transports.close();
        }
        if (acd != null)
        {
            acd.close();
        }
        speechThread.shutdownNow();
        lookupThread.shutdownNow();
        hasher.close();
        sipGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (journal != null)
        {
            // After the workers stopped, so that the records of the last calls to end are among those written.
            journal.close();
        }
        // A snapshot being written is finished (not cut off by the process exiting), then one of what came since.
        snapshotThread.shutdown();
        try
        {
            if (!snapshotThread.awaitTermination(60, TimeUnit.SECONDS))
            {
                LOG.warn("journal: a snapshot is still being written; stopping without it");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (journal != null)
        {
            snapshotAtShutdown();
        }
        apiGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
