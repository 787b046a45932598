package io.switchboard.core;

import io.netty.channel.EventLoop;
import io.switchboard.acd.AcdService;
import io.switchboard.chat.desk.ChatReplay;
import io.switchboard.core.admin.BreakReasonAdmin;
import io.switchboard.core.admin.PublishedFlowGroups;
import io.switchboard.chat.store.ChatFlowStore;
import io.switchboard.core.admin.ChatFlowEvent;
import io.switchboard.core.admin.FlowEvent;
import io.switchboard.core.admin.AgentAdmin;
import io.switchboard.core.admin.FlowAdmin;
import io.switchboard.core.admin.GroupAdmin;
import io.switchboard.core.admin.StoreChanges;
import io.switchboard.core.admin.TenantAdmin;
import io.switchboard.core.agent.AgentSignOut;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.agent.AgentReconciler;
import io.switchboard.core.api.AccountEndpoints;
import io.switchboard.core.api.AdminEndpoints;
import io.switchboard.core.api.BreakReasonEndpoints;
import io.switchboard.core.api.AgentAdminEndpoints;
import io.switchboard.core.api.AgentCallEndpoints;
import io.switchboard.core.api.AgentEndpoints;
import io.switchboard.core.api.ApiGuard;
import io.switchboard.core.api.ApiRouter;
import io.switchboard.core.api.AudioEndpoints;
import io.switchboard.core.api.CallEndpoints;
import io.switchboard.core.api.ColleagueEndpoints;
import io.switchboard.core.api.ChatFlowEndpoints;
import io.switchboard.core.api.FlowEndpoints;
import io.switchboard.core.api.GroupAdminEndpoints;
import io.switchboard.core.api.HttpApi;
import io.switchboard.core.api.OpenApiEndpoints;
import io.switchboard.core.api.PlaybackEndpoints;
import io.switchboard.core.audit.AuditLog;
import io.switchboard.core.api.RecordEndpoints;
import io.switchboard.core.api.TraceEndpoints;
import io.switchboard.core.api.SessionEndpoints;
import io.switchboard.core.api.SystemEndpoints;
import io.switchboard.core.api.MetricsEndpoints;
import io.switchboard.core.metrics.LoopWatchdog;
import io.switchboard.core.metrics.ServerMetrics;
import io.switchboard.core.api.TrunkEndpoints;
import io.switchboard.core.api.WebPhoneEndpoints;
import io.switchboard.core.api.WorkbenchEndpoints;
import io.netty.channel.ChannelHandler;
import io.switchboard.core.auth.AccountSeed;
import io.switchboard.core.chat.ChatSearchEndpoints;
import io.switchboard.core.chat.OnlineService;
import io.switchboard.core.chat.internal.InternalChatEndpoints;
import io.switchboard.core.chat.internal.InternalChatService;
import io.switchboard.core.chat.internal.InternalChats;
import io.switchboard.core.auth.AccountStore;
import io.switchboard.core.auth.LoginThrottle;
import io.switchboard.core.auth.LoginThrottleFile;
import io.switchboard.core.auth.SessionEndListeners;
import io.switchboard.core.auth.Sessions;
import io.switchboard.core.auth.WebPhoneTokens;
import io.switchboard.core.config.SwitchboardConfig;
import io.switchboard.core.events.EventHub;
import io.switchboard.core.events.EventSocket;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.push.WebPush;
import io.switchboard.core.records.ServiceRecordKeeper;
import io.switchboard.core.signalling.SipWorker;
import io.switchboard.media.engine.MediaEngine;
import io.switchboard.sip.registrar.LocationService;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP API and the agents' WebSocket on the API's loop: sign-in (accounts rebuilt from the journal, seeded from
 * {@code tenant.accounts} on the first start, sessions, log-in throttling), then every endpoint class with only the
 * parts it uses.
 */
final class ApiAssembly implements AutoCloseable
{
    /** What the endpoints serve. */
    record Parts(SipWorker[] workers, int sipUdpPort, int sipTcpPort, AcdService acd, AgentReconciler reconciler,
        AgentDirectory agents, VoiceFlows voiceFlows, SessionFlows sessionFlows, Journal journal, TrunkAssembly trunks,
        ServiceRecordKeeper records, ChatReplay chats, TenantAdmin admin, EventHub events, InternalChats internalChats,
        LocationService locations,
        MediaEngine media, WebPhoneTokens webPhones, WebPhoneEndpoints.Site webPhoneSite)
    {
    }

    private final ServerContext ctx;
    private final Parts parts;
    private HttpApi api;
    private LoopWatchdog watchdog;
    private io.switchboard.core.recording.Recordings recordings;
    private WebPush push;
    /** Who played or downloaded which recording. */
    private AuditLog audit;
    /** The log-in throttle's saved failures and blocks. */
    private LoginThrottleFile throttleFile;
    private OnlineService online;
    /** The flows' change paths, which a group's rename also goes through (their transfer nodes follow). */
    private FlowAdmin flowAdmin;
    private StoreChanges<ChatFlowStore, ChatFlowEvent> sessionFlowAdmin;
    private io.switchboard.core.chat.VisitorBlocks visitorBlocks = new io.switchboard.core.chat.VisitorBlocks();

    ApiAssembly(final ServerContext ctx, final Parts parts)
    {
        this.ctx = ctx;
        this.parts = parts;
    }

    /** Call recording, whose figures {@code /metrics} shows (null: none). */
    ApiAssembly recordings(final io.switchboard.core.recording.Recordings running)
    {
        this.recordings = running;
        return this;
    }

    /** The event-loop watchdog whose figures {@code /metrics} shows (null: none). */
    ApiAssembly watchdog(final LoopWatchdog loops)
    {
        this.watchdog = loops;
        return this;
    }

    /** The visitor blocks the journal's replay rebuilt. */
    ApiAssembly visitorBlocks(final io.switchboard.core.chat.VisitorBlocks blocks)
    {
        this.visitorBlocks = blocks;
        return this;
    }

    ApiAssembly launch() throws Exception
    {
        final SwitchboardConfig config = ctx.config();
        final ApiRouter router = new ApiRouter();
        final ApiGuard guard = signIn(router);
        new SystemEndpoints(new SystemEndpoints.Sources(parts.sipUdpPort(), parts.sipTcpPort(),
            parts.workers().length, ctx.counters(), ctx.stats(), parts.locations(), parts.media(), parts.reconciler()))
            .register(router);
        final ServerMetrics metrics = new ServerMetrics(new ServerMetrics.Sources(ctx.counters(), ctx.stats(),
            parts.media(), parts.acd(), watchdog, parts.journal(), ServerMetrics.transactions(parts.workers())));
        if (recordings != null)
        {
            metrics.recordings(recordings.queue(), recordings.writer());
        }
        new MetricsEndpoints(metrics, config.metrics, ctx.apiLoop()).register(router);
        final VoiceFlows flows = parts.voiceFlows();
        new CallEndpoints(parts.workers(), parts.acd(), parts.agents(), flows.flows()).register(router);
        new io.switchboard.core.api.SupervisionEndpoints(parts.workers(), parts.agents()).register(router);
        flowAdmin = new FlowAdmin(flows.flows(), parts.journal(), ctx.apiLoop(), flows::publishNumbers);
        new FlowEndpoints(flows.flows(), flowAdmin).queueNumbers(parts.agents()::queueNumbers).register(router);
        sessionFlowAdmin = new StoreChanges<>(parts.sessionFlows().store(), parts.journal(), ctx.apiLoop(), () -> { });
        new ChatFlowEndpoints(parts.sessionFlows().store(), sessionFlowAdmin).register(router);
        new TrunkEndpoints(parts.workers(), parts.trunks().load(), parts.trunks().registrations(),
            parts.trunks().admin()).register(router);
        new AudioEndpoints(flows.audio(), flows.flows(), flows.speechThread()).register(router);
        new WorkbenchEndpoints().register(router);
        new RecordEndpoints(parts.records().store()).register(router);
        new TraceEndpoints(parts.records().store(), parts.workers()).register(router);
        audit = new AuditLog(java.nio.file.Path.of(config.dataDir, "audit"));
        new PlaybackEndpoints(parts.records().store(), java.nio.file.Path.of(config.dataDir, "recordings"), audit)
            .register(router);
        new AdminEndpoints(parts.admin(), ctx.apiLoop()).register(router);
        new BreakReasonEndpoints(new BreakReasonAdmin(parts.journal(), ctx.apiLoop(), parts.agents()), ctx.apiLoop())
            .register(router);
        new OpenApiEndpoints().register(router);
        push = WebPush.start(config.push, java.nio.file.Path.of(config.dataDir), ctx.apiLoop());
        push.register(router);
        if (parts.acd() != null)
        {
            new AgentEndpoints(parts.acd(), parts.agents(), parts.journal()).register(router);
            final java.util.Set<String> extensions = java.util.Set.copyOf(config.tenant.allExtensions().keySet());
            new AgentCallEndpoints(parts.workers(), parts.acd(), parts.agents(),
                () -> parts.admin().live().ringTimeoutSeconds() * 1000L,
                new AgentCallEndpoints.Phones(extensions::contains, parts.locations())).register(router);
            new ColleagueEndpoints(parts.acd(), parts.agents(), parts.locations(), extensions::contains)
                .register(router);
            new InternalChatEndpoints(new InternalChatService(parts.internalChats(), parts.journal(), parts.events(),
                ctx.apiLoop(), System::currentTimeMillis, staffNo ->
                {
                    final AgentDirectory.Agent agent = parts.agents().agentByStaffNo(staffNo);
                    return agent == null ? null : agent.name();
                }), parts.agents()).register(router);
        }
        final List<Supplier<ChannelHandler>> upgrades = new ArrayList<>();
        upgrades.add(() -> new EventSocket(parts.events(), guard::listener));
        if (parts.acd() != null)
        {
            // Chats are routed by the ACD: without a call center there is no online service either.
            online = new OnlineService(ctx.apiLoop(), parts.sessionFlows().store(), parts.events(), parts.journal(),
                parts.acd(), parts.agents(), AcdAssembly.chatRing(ctx), config.tenant.chat.messageLimit,
                parts.records()::recordEnded, new OnlineService.Surveys(parts.admin()::survey,
                parts.records().store()));
            online.restore(parts.chats());
            online.blocks(visitorBlocks);
            online.files(java.nio.file.Path.of(config.dataDir, "chat-files"),
                config.tenant.chat.fileLimitMb * 1024L * 1024L, parts.records().store()::chat);
            online.afterOffer(push::chatOffered);
            online.register(router);
            new ChatSearchEndpoints(online.desk(), parts.records().store()).register(router);
            upgrades.add(online.visitorSockets());
            wallboard(router);
            upgrades.add(online.visitorFiles());
        }
        api = new HttpApi(router, guard, upgrades)
            .largeBodies(OnlineService::uploadPath, online == null ? 0 : online.largestUpload())
            .browserRequests(new io.switchboard.core.api.BrowserRequests(config.http.publicOrigin))
            .start(ctx.apiGroup(), config.http.bindAddress, config.http.port);
        return this;
    }

    /** The wallboard and the data overview, its event sent each second it changed. */
    private void wallboard(final ApiRouter router)
    {
        final io.switchboard.core.config.AcdSettingsConfig acd = ctx.config().tenant.acd;
        final java.util.Map<String, Integer> thresholds = new java.util.HashMap<>();
        acd.groups.stream().filter(g -> g.serviceLevelSeconds > 0)
            .forEach(g -> thresholds.put(g.name, g.serviceLevelSeconds));
        final java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        final io.switchboard.core.stats.Wallboard board = new io.switchboard.core.stats.Wallboard(
            parts.records().store(), parts.acd(), online.desk(),
            group -> group == null ? acd.serviceLevelSeconds : thresholds.getOrDefault(group, acd.serviceLevelSeconds),
            System::currentTimeMillis, zone);
        final io.switchboard.core.stats.WallboardEndpoints endpoints = new io.switchboard.core.stats.WallboardEndpoints(
            board, System::currentTimeMillis, zone);
        endpoints.register(router);
        endpoints.publishEverySecond(ctx.apiLoop(), parts.events());
    }

    /** Accounts, sessions and log-in throttling, all owned by the API's single loop; the sign-in endpoints. */
    private ApiGuard signIn(final ApiRouter router) throws Exception
    {
        final SwitchboardConfig config = ctx.config();
        final EventLoop loop = ctx.apiLoop();
        final AccountStore accounts = new AccountStore(parts.journal(), loop);
        AccountSeed.load(accounts, config.tenant.accounts, parts.agents());
        final SessionEndListeners ends = new SessionEndListeners().add(parts.webPhones());
        final Sessions sessions = new Sessions(System::currentTimeMillis, config.http.sessionIdleSeconds * 1000L,
            ends);
        if (parts.acd() != null)
        {
            ends.add(new AgentSignOut(accounts::find, sessions::signedIn, parts.agents(), parts.acd(),
                parts.journal()));
        }
        final LoginThrottle throttle = new LoginThrottle(System::currentTimeMillis, new LoginThrottle.Limits(
            config.http.loginFailures, config.http.loginWindowSeconds * 1000L, config.http.loginBlockSeconds * 1000L));
        // failures and blocks outlive a restart: a guesser gets no fresh allowance by crashing or waiting one out
        throttleFile = io.switchboard.core.auth.LoginThrottleFile.attach(throttle,
            java.nio.file.Path.of(config.dataDir));
        loop.scheduleAtFixedRate(() ->
        {
            sessions.sweep();
            throttle.sweep();
        }, 1, 1, TimeUnit.MINUTES);
        new SessionEndpoints(accounts, sessions, throttle, ctx.hasher(), loop).register(router);
        new WebPhoneEndpoints(parts.webPhones(), parts.webPhoneSite()).register(router);
        new AccountEndpoints(accounts, sessions, ctx.hasher(), parts.agents(), config.tenant.allExtensions().keySet(),
            loop).register(router);
        if (parts.acd() != null)
        {
            new AgentAdminEndpoints(new AgentAdmin(parts.agents(), parts.acd(), parts.journal(), accounts, sessions,
                ctx.hasher(), config.tenant.allExtensions().keySet(), loop), parts.agents(), loop).register(router);
            new GroupAdminEndpoints(new GroupAdmin(parts.agents(), parts.acd(), parts.journal(), loop,
                new PublishedFlowGroups(parts.voiceFlows().flows(), parts.sessionFlows().store()))
                .followedBy((from, to) ->
                {
                    flowAdmin.follow(new FlowEvent.GroupRenamed(from, to));
                    sessionFlowAdmin.follow(new ChatFlowEvent.GroupRenamed(from, to));
                }), parts.agents()).register(router);
        }
        return new ApiGuard(sessions, accounts);
    }

    /** The online service, or null without an ACD or an API. */
    OnlineService online()
    {
        return online;
    }

    int port()
    {
        return api != null ? api.port() : -1;
    }

    /** The routes and who may use each (none when the API is off). */
    List<ApiRouter.Route> routes()
    {
        return api != null ? api.routes() : List.of();
    }

    @Override
    public void close()
    {
        if (api != null)
        {
            api.close();
        }
        if (push != null)
        {
            push.close();
        }
        if (audit != null)
        {
            audit.close();
        }
        if (throttleFile != null)
        {
            throttleFile.close();
        }
    }
}
