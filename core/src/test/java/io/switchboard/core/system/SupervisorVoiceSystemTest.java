package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The supervisor role on the voice side, over real sockets (SIPp phones for the agents, a SIPp caller of the queue
 * number): a supervisor account (no agent of its own) sees every agent with its state, time in state and call, and
 * every live call with its agent and group; it forces an agent's state, transfers A1's call to A2 (A2's phone rings
 * and answers, A1 is released to wrap-up) and follows it all on its events socket; it is refused every
 * administration write, and an agent is refused what only a supervisor may do to another agent's work.
 * <p>
 * The tenant is {@link TransferSystemTest}'s: A1..A3 (1001..1003) in {@code support} (4000).
 */
@Timeout(90)
@ServerSystemTest.Tenant(TransferSystemTest.TENANT)
class SupervisorVoiceSystemTest extends ServerSystemTest
{
    private static final String LEAD = "voice-lead@demo.switchboard";

    private static CallApi admin;
    private static CallApi lead;
    private static String leadToken;
    private static final Map<String, Integer> PHONES = new HashMap<>();
    private final List<Sipp> sipps = new ArrayList<>();

    @BeforeAll
    static void supervisorAndPhones() throws Exception
    {
        admin = new CallApi(server.httpPort());
        final CallApi.Reply created = admin.post("/api/accounts",
            "{\"email\":\"" + LEAD + "\",\"name\":\"Team lead\",\"role\":\"supervisor\"}");
        assertEquals(201, created.status(), created.body()::toString);
        leadToken = CallApi.login(server.httpPort(), LEAD, created.body().get("password").asText());
        lead = new CallApi(server.httpPort(), leadToken);
        for (final String extension : List.of("1001", "1002"))
        {
            PHONES.put(extension, registerPhone("supervoice", extension));
        }
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        hangUpEverything(admin, sipps);
        for (final String agent : List.of("A1", "A2", "A3"))
        {
            assertEquals(200, admin.post("/api/agents/" + agent + "/state", "{\"state\":\"offline\"}").status());
        }
    }

    @Test
    void aSupervisorSeesA1sCallAndTransfersItToA2() throws Exception
    {
        final Sipp first = phone("1001");
        final Sipp second = phone("1002");
        final AgentEventsClient events = AgentEventsClient.open(server.httpPort(), leadToken);
        try
        {
            // the supervisor brings A1 online (a forced state) and a caller of the queue reaches A1
            assertEquals(200, lead.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
            final Sipp caller = Sipp.scenario("supervoice-caller-1011", "acd/caller.xml")
                .credentials("1011", "demo-1011").service("4000").port(Sipp.freeUdpPort())
                .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(server.sipUdpPort());
            sipps.add(caller);
            final JsonNode a1 = lead.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
            final long id = a1.get("call").asLong();
            final JsonNode call = lead.awaitCall(id, "bridged to A1", c -> c.at("/callee/codec").isTextual());

            // what the supervisor sees: the call with its agent and group, the agent with its time in state
            assertEquals("A1", call.at("/callee/agent").asText(), call::toString);
            assertEquals("support", call.get("group").asText(), call::toString);
            assertEquals("1011", call.get("from").asText(), call::toString);
            assertTrue(call.get("startedAt").asLong() > 0, call::toString);
            assertTrue(lead.get("/api/calls").body().toString().contains("\"id\":" + id), "every call listed");
            final JsonNode listed = agentIn(lead.get("/api/agents").body(), "A1");
            assertEquals(id, listed.get("call").asLong(), listed::toString);
            assertTrue(listed.get("stateSeconds").isIntegralNumber(), listed::toString);
            await(events, "A1 on call, on the supervisor's socket", e -> "state".equals(e.path("type").asText())
                && "A1".equals(e.path("agent").asText()) && "on-call".equals(e.path("state").asText()));

            // the supervisor makes A2 available and moves the call there
            assertEquals(200, lead.post("/api/agents/A2/state", "{\"state\":\"idle\"}").status());
            final CallApi.Reply moved = lead.post("/api/calls/" + id + "/transfer", "{\"agent\":\"A2\"}");
            assertEquals(200, moved.status(), moved.body()::toString);
            assertEquals(0, first.await(20), "A1's phone is released with a BYE\n" + first.traces());
            lead.awaitAgent("A2", "on call", a -> "on-call".equals(a.get("state").asText()));
            final JsonNode bridged = lead.awaitCall(id, "bridged to A2", c -> "A2".equals(c.at("/callee/agent")
                .asText()) && c.at("/callee/codec").isTextual());
            assertEquals("[\"agent:1\"]", bridged.get("transfers").toString(), bridged::toString);
            assertTrue(second.messages().contains("sip:1011@"), "A2's phone sees the caller\n" + second.messages());
            final String released = lead.agent("A1").get("state").asText();
            assertTrue("wrap-up".equals(released) || "idle".equals(released), "A1 after the transfer: " + released);
            await(events, "A2 connected, on the supervisor's socket", e -> "connected".equals(e.path("type")
                .asText()) && "A2".equals(e.path("agent").asText()) && e.path("call").asLong() == id);

            admin.dtmf(id, "caller", "0");
            assertEquals(0, second.await(20), second::traces);
            await(events, "the call over for A2", e -> "ended".equals(e.path("type").asText())
                && "A2".equals(e.path("agent").asText()));
        }
        finally
        {
            events.close();
        }
    }

    @Test
    void aSupervisorAdministersNothingAndAnAgentSupervisesNothing() throws Exception
    {
        final Sipp first = phone("1001");
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        final Sipp caller = Sipp.scenario("supervoice-caller-1012", "acd/caller.xml")
            .credentials("1012", "demo-1012").service("4000").port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(server.sipUdpPort());
        sipps.add(caller);
        final long id = admin.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()))
            .get("call").asLong();

        // administration writes: refused to the supervisor, whatever it is
        final Map<String, CallApi.Reply> writes = new java.util.LinkedHashMap<>();
        writes.put("POST /api/groups", lead.post("/api/groups", "{\"name\":\"night\"}"));
        writes.put("POST /api/settings", lead.post("/api/settings", "{\"wrapUpSeconds\":5}"));
        writes.put("POST /api/accounts", lead.post("/api/accounts",
            "{\"email\":\"x@demo.switchboard\",\"name\":\"X\",\"role\":\"admin\"}"));
        writes.put("POST /api/agents/A3", lead.post("/api/agents/A3", "{\"name\":\"Renamed\"}"));
        writes.put("DELETE /api/agents/A3", lead.delete("/api/agents/A3"));
        writes.put("PUT /api/trunks/other", lead.put("/api/trunks/other", "{\"host\":\"127.0.0.1\"}"));
        writes.put("POST /api/agents/A1/dial (an agent's own work)", lead.post("/api/agents/A1/dial",
            "{\"number\":\"1002\"}"));
        writes.forEach((write, reply) ->
        {
            assertEquals(403, reply.status(), write + ": " + reply.body());
            assertEquals("forbidden", reply.error(), write);
        });
        assertEquals("Agent Three", agentIn(admin.get("/api/agents").body(), "A3").get("name").asText());

        // an agent (A3) reaches neither another agent's call nor its state
        final CallApi agent = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            DemoAccounts.email("1003"), DemoAccounts.password("1003")));
        assertEquals(403, agent.post("/api/calls/" + id + "/transfer", "{\"agent\":\"A3\"}").status());
        assertEquals(403, agent.get("/api/calls/" + id).status());
        assertEquals(403, agent.post("/api/agents/A1/state", "{\"state\":\"offline\"}").status());
        assertEquals(403, agent.post("/api/agents/A1/wrap-up/end", "").status());
        assertEquals(403, agent.get("/api/chats").status());
        assertEquals("on-call", admin.agent("A1").get("state").asText(), "nothing changed");

        // bad input from the supervisor: clear errors, nothing changed
        assertEquals(400, lead.post("/api/calls/" + id + "/transfer", "{}").status());
        assertEquals(404, lead.post("/api/calls/" + id + "/transfer", "{\"agent\":\"A99\"}").status());
        assertEquals(404, lead.post("/api/calls/999999/transfer", "{\"agent\":\"A2\"}").status());
        assertEquals(409, lead.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status(),
            "the state table holds for a supervisor too");
        admin.dtmf(id, "caller", "0");
        assertEquals(0, first.await(20), first::traces);
    }

    /** Waits (bounded) for an event the socket received, earlier or now. */
    private static JsonNode await(final AgentEventsClient events, final String what,
        final java.util.function.Predicate<JsonNode> wanted) throws Exception
    {
        return Await.until(what, () -> events.received.stream().filter(wanted).findFirst().orElse(null),
            java.util.Objects::nonNull);
    }

    private static JsonNode agentIn(final JsonNode agents, final String staffNo)
    {
        for (final JsonNode agent : agents)
        {
            if (staffNo.equals(agent.get("staffNo").asText()))
            {
                return agent;
            }
        }
        throw new AssertionError("no " + staffNo + " in " + agents);
    }

    /** A SIPp phone of an agent's extension that answers one call. */
    private Sipp phone(final String extension) throws Exception
    {
        final Sipp sipp = Sipp.scenario("supervoice-phone-" + extension, "acd/agent-answer.xml")
            .port(PHONES.get(extension)).arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
        sipps.add(sipp);
        return sipp;
    }
}
