package io.switchboard.core;

import io.netty.channel.EventLoop;
import io.switchboard.acd.AcdEngine;
import io.switchboard.acd.AcdService;
import io.switchboard.acd.AcdSettings;
import io.switchboard.core.admin.TenantAdmin;
import io.switchboard.core.agent.AcdMemory;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.agent.AgentPresence;
import io.switchboard.core.agent.AgentReconciler;
import io.switchboard.core.agent.AgentStates;
import io.switchboard.core.config.AcdSettingsConfig;
import io.switchboard.core.events.AgentEvents;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.records.ServiceRecordStore;
import io.switchboard.core.signalling.SipWorker;
import io.switchboard.sip.registrar.LocationService;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The call center's ACD: the engine thread with the configured and journalled groups and agents, the agents'
 * states given back from the journal, and what runs beside it on the API's loop (presence from registrations, the
 * reconciliation with the calls, the agents' state events, the daily reset). Absent (every getter null) when the
 * tenant has no skill groups or media is not anchored (queues play music).
 */
final class AcdAssembly implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AcdAssembly.class);

    /** What the ACD is fed from and reports to. */
    record Parts(TenantAdmin admin, AgentDirectory agents, AgentStates restored, LocationService locations,
        Journal journal, AgentEvents events, Supplier<SipWorker[]> workers, ServiceRecordStore records)
    {
    }

    private final AcdService service;
    private final AgentReconciler reconciler;

    private AcdAssembly(final AcdService service, final AgentReconciler reconciler)
    {
        this.service = service;
        this.reconciler = reconciler;
    }

    static AcdAssembly launch(final ServerContext ctx, final Parts parts, final boolean mediaAnchored)
        throws Exception
    {
        final AcdSettingsConfig settings = ctx.config().tenant.acd;
        if (settings.groups.isEmpty() || !mediaAnchored)
        {
            return new AcdAssembly(null, null);
        }
        final IdleStrategy idle = "backoff".equals(settings.idleStrategy)
            ? new BackoffIdleStrategy() : new SleepingMillisIdleStrategy(1);
        // The configuration's values, or those an administrator saved since (journal).
        final AcdService service = new AcdService(withChat(parts.admin().live().acd(), settings),
            (acd, listener, now) -> new AcdEngine(acd, listener, now, 1024, 1024, settings.lastAgentCapacity),
            AcdService.Config.defaults(ctx.workerCount() + 1).withIdleStrategy(idle)).start();
        service.execute(engine -> parts.agents().load(engine, System.nanoTime())).get(5, TimeUnit.SECONDS);
        restoreMemory(ctx, parts, service, settings.lastAgentCapacity);
        final List<Integer> restored = parts.restored().restore(service, parts.agents());
        final EventLoop loop = ctx.apiLoop();
        scheduleDailyReset(service, loop);
        final AgentPresence presence = new AgentPresence(service, parts.agents(), parts.locations(), parts.journal(),
            loop, parts.events()::workbenchOpen, System::currentTimeMillis)
            .restored(restored, System.currentTimeMillis() + ctx.config().registrar.maxExpires * 1000L);
        loop.scheduleAtFixedRate(presence, 5, 5, TimeUnit.SECONDS);
        AgentReconciler reconciler = null;
        if (settings.reconcileSeconds > 0)
        {
            reconciler = new AgentReconciler(service, parts.workers());
            loop.scheduleAtFixedRate(reconciler, settings.reconcileSeconds, settings.reconcileSeconds,
                TimeUnit.SECONDS);
        }
        loop.scheduleAtFixedRate(() -> service.drainAgentStates(parts.events(), 1024), 100, 100,
            TimeUnit.MILLISECONDS);
        follow(parts.admin(), service, settings);
        return new AcdAssembly(service, reconciler);
    }

    /**
     * The last agent of each caller and the calls answered today, as the service records show them (read on the
     * API's loop, which owns the store), given to the engine before any call is taken.
     */
    private static void restoreMemory(final ServerContext ctx, final Parts parts, final AcdService service,
        final int capacity) throws Exception
    {
        final ZonedDateTime now = ZonedDateTime.now();
        final long midnight = now.toLocalDate().atStartOfDay(now.getZone()).toInstant().toEpochMilli();
        final AcdMemory memory = ctx.apiLoop().submit(() -> AcdMemory.of(parts.records().copy(),
            parts.agents().snapshot(), midnight, capacity)).get(30, TimeUnit.SECONDS);
        memory.restore(service).get(30, TimeUnit.SECONDS);
        LOG.info("ACD: the last agent of {} callers and the calls today of {} agents restored from the records",
            memory.callerKeys().length, memory.agentIds().length);
    }

    /** "Calls answered today" start again at local midnight. */
    private static void scheduleDailyReset(final AcdService service, final EventLoop loop)
    {
        final ZonedDateTime now = ZonedDateTime.now();
        final long untilMidnight = Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(now.getZone()))
            .toMillis();
        loop.scheduleAtFixedRate(service::resetDailyCounts, untilMidnight, TimeUnit.DAYS.toMillis(1),
            TimeUnit.MILLISECONDS);
    }

    /** The settings administrators save reach the engine once journalled. */
    private static void follow(final TenantAdmin admin, final AcdService service, final AcdSettingsConfig config)
    {
        admin.onSettings(changed -> service.settings(withChat(changed.acd(), config))
            .whenComplete((done, failure) ->
            {
                if (failure != null)
                {
                    LOG.error("ACD: new settings not applied: {}", failure.toString());
                }
            }));
    }

    /** The administered settings with the configuration's chat rules (not administered through the API yet). */
    private static AcdSettings withChat(final AcdSettings settings, final AcdSettingsConfig config)
    {
        return settings.withChat(config.chatAutoAccept, config.chatsDuringCalls, config.callsDuringChats);
    }

    /** The ACD's decision ring for chat sessions: one past the SIP workers', drained on the API's loop. */
    static int chatRing(final ServerContext ctx)
    {
        return ctx.workerCount();
    }

    /** The ACD, or null without a call center. */
    AcdService service()
    {
        return service;
    }

    /** The reconciliation of agents with calls, or null when it is switched off or there is no ACD. */
    AgentReconciler reconciler()
    {
        return reconciler;
    }

    @Override
    public void close()
    {
        if (service != null)
        {
            service.close();
        }
    }
}
