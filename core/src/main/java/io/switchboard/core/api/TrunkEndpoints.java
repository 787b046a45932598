package io.switchboard.core.api;

import io.switchboard.core.admin.TrunkAdmin;
import io.switchboard.core.signalling.SipWorker;
import io.switchboard.core.config.TrunkSettings;
import io.switchboard.core.trunk.TrunkPlan;
import io.switchboard.sip.client.RegistrationClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The carriers' trunks and the dial plan. {@code GET /api/trunks}: the trunks as last saved (never their passwords)
 * and, for those that register, the registration's state, read on the worker that owns it. {@code PUT
 * /api/trunks/{name}} creates or replaces a trunk (without {@code password} it keeps the one it had), {@code DELETE
 * /api/trunks/{name}} deletes one the dial plan does not route to (409), {@code GET} and {@code PUT /api/dial-plan}
 * show and replace {@code {"dialPlan": {...}, "outbound": {...}}}. Changes are journalled before the answer.
 */
public final class TrunkEndpoints
{
    private final SipWorker[] workers;
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> trunkLoad;
    private final Map<String, RegistrationClient> registrations;
    private final TrunkAdmin admin;

    /**
     * @param workers       the SIP workers (worker 0 owns the registrations to carriers)
     * @param trunkLoad     the calls each trunk carries now
     * @param registrations the server's registrations to carriers, by trunk
     */
    public TrunkEndpoints(final SipWorker[] workers,
        final Map<String, java.util.concurrent.atomic.AtomicInteger> trunkLoad,
        final Map<String, RegistrationClient> registrations, final TrunkAdmin admin)
    {
        this.workers = workers;
        this.trunkLoad = trunkLoad;
        this.registrations = registrations;
        this.admin = admin;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/trunks", Access.ADMIN, request -> ApiResponse.later(trunks()));
        router.put("/api/trunks/{name}", Access.ADMIN, request -> answer(admin.saveTrunk(request.pathParam("name"),
            CallEndpoints.body(request)), TrunkAdmin::view));
        router.delete("/api/trunks/{name}", Access.ADMIN, request -> answer(admin.deleteTrunk(
            request.pathParam("name")), gone ->
            {
                final Map<String, Object> view = TrunkAdmin.view(gone);
                view.put("deleted", true);
                return view;
            }));
        router.get("/api/dial-plan", Access.ADMIN, request -> ApiResponse.ok(dialPlan(admin.plan())));
        router.put("/api/dial-plan", Access.ADMIN, request -> answer(admin.saveDialPlan(CallEndpoints.body(request)),
            TrunkEndpoints::dialPlan));
    }

    private static Object dialPlan(final TrunkPlan plan)
    {
        return TrunkAdmin.view(plan.dialPlanSettings(), plan.outboundSettings());
    }

    private static <T> ApiResponse answer(final CompletableFuture<T> change, final Function<T, Object> view)
    {
        return ApiResponse.later(change.handle((done, failure) ->
        {
            if (failure != null)
            {
                throw AgentAdminEndpoints.refusal(failure);
            }
            return view.apply(done);
        }));
    }

    private CompletableFuture<List<Map<String, Object>>> trunks()
    {
        final List<TrunkSettings> trunks = admin.plan().trunks();
        return CompletableFuture.supplyAsync(() ->
        {
            final long now = workers[0].calls().scheduler().nanoTime() / 1_000_000L;
            final List<Map<String, Object>> list = new ArrayList<>();
            for (final TrunkSettings trunk : trunks)
            {
                final Map<String, Object> row = TrunkAdmin.view(trunk);
                final var load = trunkLoad.get(trunk.name);
                row.put("activeCalls", load == null ? 0 : load.get());
                final RegistrationClient client = registrations.get(trunk.name);
                if (client != null)
                {
                    final Map<String, Object> registration = new LinkedHashMap<>();
                    registration.put("state", client.state().name().toLowerCase(Locale.ROOT));
                    registration.put("lastStatus", client.lastStatus());
                    registration.put("failures", client.failures());
                    registration.put("expiresInSeconds", client.expiresAtMillis() > 0
                        ? Math.max(0, (client.expiresAtMillis() - now) / 1000) : null);
                    row.put("registration", registration);
                }
                list.add(row);
            }
            return list;
        }, workers[0].loop());
    }
}
