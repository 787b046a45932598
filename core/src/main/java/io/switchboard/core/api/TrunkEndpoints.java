package io.switchboard.core.api;

import io.switchboard.core.SwitchboardServer;
import io.switchboard.core.config.TrunkSettings;
import io.switchboard.sip.client.RegistrationClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/trunks}: the carriers' trunks as configured (never their passwords) and, for those that register,
 * the registration's state, read on the worker that owns it.
 */
public final class TrunkEndpoints
{
    private final SwitchboardServer server;

    public TrunkEndpoints(final SwitchboardServer server)
    {
        this.server = server;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/trunks", Access.ADMIN, request -> ApiResponse.later(trunks()));
    }

    private CompletableFuture<List<Map<String, Object>>> trunks()
    {
        return CompletableFuture.supplyAsync(() ->
        {
            final long now = server.workers()[0].calls().scheduler().nanoTime() / 1_000_000L;
            final List<Map<String, Object>> list = new ArrayList<>();
            for (final TrunkSettings trunk : server.config().tenant.trunks)
            {
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", trunk.name);
                row.put("host", trunk.host);
                row.put("port", trunk.port);
                row.put("transport", trunk.transport);
                row.put("numbers", trunk.numbers);
                row.put("callerId", trunk.callerId);
                row.put("maxCalls", trunk.maxCalls);
                final var load = server.trunkLoad().get(trunk.name);
                row.put("activeCalls", load == null ? 0 : load.get());
                final RegistrationClient client = server.registrations().get(trunk.name);
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
        }, server.workers()[0].loop());
    }
}
