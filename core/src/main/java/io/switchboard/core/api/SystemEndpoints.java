package io.switchboard.core.api;

import io.switchboard.sip.registrar.Binding;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/health}, {@code GET /api/registrations}, {@code GET /api/counters}. */
public final class SystemEndpoints
{
    /**
     * What the system endpoints show, as the server has it once started.
     *
     * @param sipUdpPort the SIP UDP port
     * @param sipTcpPort the SIP TCP port
     * @param workers    how many SIP workers
     * @param counters   the SIP stack's counters
     * @param stats      the calls' counters
     * @param locations  the registered phones
     * @param media      the media engine, or null without anchored media
     * @param reconciler the ACD's reconciliation, or null without a call center
     */
    public record Sources(int sipUdpPort, int sipTcpPort, int workers, io.switchboard.sip.SipCounters counters,
        io.switchboard.core.call.CallStats stats, io.switchboard.sip.registrar.LocationService locations,
        io.switchboard.media.engine.MediaEngine media, io.switchboard.core.agent.AgentReconciler reconciler)
    {
    }

    private final Sources server;

    public SystemEndpoints(final Sources sources)
    {
        this.server = sources;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/health", Access.PUBLIC, request -> ApiResponse.ok(health()));
        router.get("/api/registrations", Access.ADMIN, request -> ApiResponse.ok(registrations()));
        router.get("/api/counters", Access.ADMIN, request -> ApiResponse.ok(counters()));
    }

    private Map<String, Object> health()
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "up");
        body.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        body.put("sipUdpPort", server.sipUdpPort());
        body.put("sipTcpPort", server.sipTcpPort());
        body.put("workers", server.workers());
        body.put("activeCalls", server.stats().active());
        body.put("registeredContacts", server.locations().bindingCount());
        return body;
    }

    private List<Map<String, Object>> registrations()
    {
        final long now = System.currentTimeMillis();
        final List<Map<String, Object>> list = new ArrayList<>();
        server.locations().snapshot().forEach((aor, bindings) ->
        {
            for (final Binding b : bindings)
            {
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("extension", aor);
                row.put("contact", b.contact());
                row.put("expiresInSeconds", Math.max(0, (b.expiresAtMs() - now) / 1000));
                row.put("source", b.flow() != null ? b.flow().remote().getAddress().getHostAddress() + ":"
                    + b.flow().remote().getPort() : null);
                row.put("transport", b.flow() != null ? b.flow().transport().name() : null);
                row.put("userAgent", b.userAgent());
                list.add(row);
            }
        });
        return list;
    }

    private Map<String, Object> counters()
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        final Map<String, Long> sip = new LinkedHashMap<>();
        server.counters().snapshot().forEach((id, value) -> sip.put(id.name().toLowerCase(), value));
        body.put("sip", sip);
        final Map<String, Long> calls = new LinkedHashMap<>();
        calls.put("started", server.stats().started());
        calls.put("answered", server.stats().answered());
        calls.put("ended", server.stats().ended());
        calls.put("unanswered", server.stats().unanswered());
        calls.put("active", server.stats().active());
        calls.put("unexpectedTransitions", server.stats().unexpectedTransitions());
        body.put("calls", calls);
        body.put("callStates", server.stats().callStatesEntered());
        body.put("legStates", server.stats().legStatesEntered());
        if (server.reconciler() != null)
        {
            body.put("acd", Map.of("reconciled", server.reconciler().fixes()));
        }
        if (server.media() != null)
        {
            final Map<String, Long> media = new LinkedHashMap<>();
            media.put("sessionsOpened", server.media().sessionsOpened());
            media.put("sessionsClosed", server.media().sessionsClosed());
            media.put("sessionsRefused", server.media().sessionsRefused());
            media.put("portsInUse", (long)server.media().ports().inUse());
            media.put("portPairs", (long)server.media().ports().capacity());
            media.put("webRtcRefused", server.media().webRtcRefused());
            media.put("dtlsFailures", server.media().dtlsFailures());
            body.put("media", media);
        }
        return body;
    }
}
