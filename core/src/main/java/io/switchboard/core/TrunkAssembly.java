package io.switchboard.core;

import io.switchboard.core.admin.TrunkAdmin;
import io.switchboard.core.config.TrunkSettings;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.signalling.SipWorker;
import io.switchboard.core.signalling.TenantDirectory;
import io.switchboard.core.trunk.CarrierRegistrations;
import io.switchboard.core.trunk.TrunkPlan;
import io.switchboard.sip.client.RegistrationClient;
import io.switchboard.sip.transport.SipTransports;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The trunks: their administration and published plan (the dial plan and permissions with them), the calls in
 * progress per trunk, and the softswitch's registrations to carriers. The plan is resolved at start (no DNS on a
 * loop later: changes resolve on the context's lookup thread); registrations start once the SIP workers exist.
 */
final class TrunkAssembly
{
    private final TrunkAdmin admin;
    /** Calls in progress per trunk, for its maxCalls and the API. */
    private final Map<String, AtomicInteger> load = new ConcurrentHashMap<>();
    /** The softswitch's registrations to carriers (worker 0); null until the workers exist. */
    private CarrierRegistrations carriers;

    TrunkAssembly(final ServerContext ctx, final Journal journal, final TrunkAdmin.Replay replayed,
        final TenantDirectory tenant)
    {
        admin = new TrunkAdmin(journal, ctx.apiLoop(), ctx.lookupThread(), replayed.build());
        admin.onTrunkChanged(this::changed);
        tenant.plan(admin::plan);
        admin.plan().trunks().forEach(trunk -> load.put(trunk.name, new AtomicInteger()));
    }

    /** Registers to the carriers that want it, from worker 0 and over the server's transports. */
    void register(final SipWorker owner, final SipTransports transports, final String userAgent) throws Exception
    {
        carriers = new CarrierRegistrations(owner, transports, admin::plan, userAgent);
        carriers.startAll();
    }

    /** Un-registers from the carriers (before the transports close). */
    void unregister()
    {
        if (carriers != null)
        {
            carriers.stopAll();
        }
    }

    /**
     * An administrator saved or deleted a trunk (published already; on the API's loop): its load counter exists,
     * and its registration follows.
     */
    private void changed(final TrunkSettings before, final TrunkSettings after)
    {
        if (after != null)
        {
            load.computeIfAbsent(after.name, name -> new AtomicInteger());
        }
        if (carriers != null)
        {
            carriers.changed(before, after);
        }
    }

    TrunkAdmin admin()
    {
        return admin;
    }

    TrunkPlan plan()
    {
        return admin.plan();
    }

    Map<String, AtomicInteger> load()
    {
        return load;
    }

    /** The carriers' registrations by trunk name; read them on worker 0's loop. */
    Map<String, RegistrationClient> registrations()
    {
        return carriers.clients();
    }
}
