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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The call center through the running server: SIPp phones are the agents (registered as their extensions) and the
 * callers of the queue numbers, the HTTP API sets the agents' states and shows agents, groups and queues. Covered:
 * a queued call answered by an agent, bridged, hung up, wrap-up and back to idle; the ring timeout (CANCEL, next
 * agent, missed-call break); a busy phone (next agent, break); last-agent priority; queue positions; the API's
 * refusals; a group's queue limit and wait limit with the hang-up fallback.
 * <p>
 * Agents A1..A3 (1001..1003) are in {@code support} (number 4000), A3 with auto answer; A4 (1004) is in
 * {@code small} (number 4001: one waiting call at most, 6 s at most, then hung up), where it is never idle, and with
 * A5 (1005, whose phone never registers) in {@code remote} (4003); {@code overflow} (4002) has no agents and sends
 * its callers to {@code support} after 3 s (limits long enough that a loaded machine starting the next SIPp or
 * polling the queue does not miss them). Callers are 1010..1020, each test its own numbers, so that the ACD's
 * memory of a caller's last agent does not carry from one test to the next. Every agent phone is registered once,
 * at a fixed port, where each test starts the SIPp that plays that phone.
 */
@Timeout(60)
@ServerSystemTest.Tenant(AcdSystemTest.ACD)
class AcdSystemTest extends ServerSystemTest
{
    private static final String SUPPORT = "4000";
    private static final String SMALL = "4001";
    private static final int RING_TIMEOUT_SECONDS = 2;
    /** The ring timeout while a test tells a declined offer from one that rang out by the time it took. */
    private static final int LONG_RING_TIMEOUT_SECONDS = 40;
    private static final int WRAP_UP_SECONDS = 2;
    private static final long WAIT_MILLIS = 10_000;
    private static final List<String> AGENTS = List.of("A1", "A2", "A3", "A4", "A5");
    /** The call center (a constant, for the class's annotation). */
    static final String ACD = ", \"acd\": { \"policy\": \"longest-idle\", \"lastAgentPriority\": true, "
        + "\"ringTimeoutSeconds\": " + RING_TIMEOUT_SECONDS + ", \"wrapUpSeconds\": " + WRAP_UP_SECONDS + ", " + """
            "breakReasons": ["rest", "lunch"],
            "groups": [
              { "name": "support", "fallback": "hangup" },
              { "name": "small", "maxQueueLength": 1, "maxWaitSeconds": 6, "fallback": "hangup" },
              { "name": "overflow", "maxWaitSeconds": 3, "fallback": "support" },
              { "name": "remote", "fallback": "hangup" }
            ],
            "agents": [
              { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"] },
              { "staffNo": "A2", "name": "Agent Two", "extension": "1002", "groups": ["support"] },
              { "staffNo": "A3", "name": "Agent Three", "extension": "1003", "groups": ["support"],
                "autoAnswer": true },
              { "staffNo": "A4", "name": "Agent Four", "extension": "1004", "groups": ["small", "remote"] },
              { "staffNo": "A5", "name": "Agent Five", "extension": "1005", "groups": ["remote"] }
            ],
            "numbers": [ { "number": "4000", "group": "support" }, { "number": "4001", "group": "small" },
                         { "number": "4002", "group": "overflow" }, { "number": "4003", "group": "remote" } ]
          }
        """;

    private static CallApi api;
    /** Each agent's phone: the port its registration points at. */
    private static final Map<String, Integer> PHONES = new HashMap<>();

    private final List<Sipp> callers = new ArrayList<>();
    private final List<Sipp> phones = new ArrayList<>();

    /** The phones of the agents register once, for the whole class. */
    @BeforeAll
    static void registerAgentPhones() throws Exception
    {
        api = new CallApi(server.httpPort());
        for (final String extension : List.of("1001", "1002", "1003", "1004"))
        {
            PHONES.put(extension, registerPhone("acd", extension));
        }
    }

    /**
     * Whatever a test did or failed to do: the callers still on the line are told to hang up, every SIPp goes, no
     * call is left, and every agent is signed out (wrap-up included), so that the next test starts from scratch.
     */
    @AfterEach
    void cleanUp() throws Exception
    {
        for (final JsonNode call : api.get("/api/calls").body())
        {
            api.post("/api/calls/" + call.get("id").asLong() + "/dtmf", "{\"leg\":\"caller\",\"digits\":\"0\"}");
        }
        for (final Sipp sipp : callers)
        {
            sipp.await(20);
        }
        for (final Sipp sipp : phones)
        {
            if (sipp.await(5) != 0)
            {
                sipp.kill();
            }
        }
        awaitNoActiveCalls();
        for (final String agent : AGENTS)
        {
            final CallApi.Reply reply = state(agent, "offline", null);
            assertEquals(200, reply.status(), () -> agent + " offline: " + reply.body());
        }
    }

    // ------------------------------------------------------------------------------------------------ the tests

    @Test
    void shouldBridgeTheCallerToTheAgentThenWrapUpThenIdle() throws Exception
    {
        final Sipp phone = phone("answer", "1001", "acd/agent-answer.xml");
        final int callsBefore = api.agent("A1").get("callsToday").asInt();
        assertEquals("idle", idle("A1").get("state").asText());
        final Sipp caller = caller("answer", "1010", SUPPORT);
        final JsonNode agent = api.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        assertEquals(callsBefore + 1, agent.get("callsToday").asInt(), agent::toString);
        final long id = api.callFrom("1010").get("id").asLong();
        assertEquals(id, agent.get("call").asLong(), agent::toString);
        final JsonNode call = api.call(id);
        assertEquals(SUPPORT, call.get("to").asText(), call::toString);
        assertTrue(call.hasNonNull("callee"), "bridged to the agent's leg: " + call);

        hangUp(id);
        assertEquals(0, caller.await(20), caller::traces);
        assertEquals(0, phone.await(20), "the agent's phone gets the BYE\n" + phone.traces());
        assertTrue(phone.messages().contains("To: <sip:1001@"), "the agent's extension in the To\n"
            + phone.traces());
        final JsonNode wrapUp = api.awaitAgent("A1", "in wrap-up", a -> "wrap-up".equals(a.get("state").asText()));
        final int remaining = wrapUp.get("wrapUpRemainingSeconds").asInt();
        assertTrue(remaining >= 1 && remaining <= WRAP_UP_SECONDS, wrapUp::toString);
        assertTrue(wrapUp.get("call").isNull(), wrapUp::toString);
        final JsonNode idle = api.awaitAgent("A1", "idle after the wrap-up",
            a -> "idle".equals(a.get("state").asText()));
        assertEquals(callsBefore + 1, idle.get("callsToday").asInt(), idle::toString);
    }

    @Test
    void anAgentAnswersFromTheWorkbenchAndItsPhonePicksUpAsAnIntercomCall() throws Exception
    {
        final Sipp phone = Sipp.scenario("acd-answer-button-phone-1001", "acd/agent-answer-on-intercom.xml")
            .calls(2).port(PHONES.get("1001")).arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
        phones.add(phone);
        idle("A1");
        caller("answer-button", "1008", SUPPORT);
        final long id = api.awaitAgent("A1", "ringing", a -> "ringing".equals(a.get("state").asText()))
            .get("call").asLong();
        assertEquals(409, api.post("/api/calls/" + id + "/answer", "{\"agent\":\"A2\"}").status(),
            "the call does not ring A2");
        final CallApi.Reply answer = api.post("/api/calls/" + id + "/answer", "{\"agent\":\"A1\"}");
        assertEquals(200, answer.status(), answer.body()::toString);
        api.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        hangUp(id);
        assertEquals(0, phone.await(20), "rang, was cancelled, answered the intercom INVITE\n" + phone.traces());
        final String messages = phone.messages();
        assertTrue(messages.contains("answer-after=0"), messages);
    }

    @Test
    void shouldTransferACallerToAGroupReleasingTheAgentWhoGoesToWrapUp() throws Exception
    {
        final Sipp first = phone("transfer", "1001", "acd/agent-answer.xml");
        final Sipp second = phone("transfer", "1002", "acd/agent-answer.xml");
        idle("A1");
        caller("transfer", "1018", SUPPORT);
        final JsonNode answered = api.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        final long id = answered.get("call").asLong();
        assertEquals(404, api.post("/api/calls/" + id + "/transfer", "{\"group\":\"nope\"}").status());
        idle("A2");
        final CallApi.Reply transfer = api.post("/api/calls/" + id + "/transfer", "{\"group\":\"support\"}");
        assertEquals(200, transfer.status(), transfer.body()::toString);
        assertEquals(0, first.await(20), "the released agent's phone gets the BYE\n" + first.traces());
        final JsonNode taken = api.awaitAgent("A2", "on call", a -> "on-call".equals(a.get("state").asText()));
        assertEquals(id, taken.get("call").asLong(), "the same caller, now with A2: " + taken);
        final String state = api.agent("A1").get("state").asText();
        assertTrue("wrap-up".equals(state) || "idle".equals(state), "A1 released: " + state);
        hangUp(id);
        assertEquals(0, second.await(20), second::traces);
    }

    @Test
    void shouldOfferTheNextAgentAfterTheRingTimeoutAndPutTheFirstOnBreak() throws Exception
    {
        final Sipp ringing = phone("ring-timeout", "1001", "acd/agent-ring-no-answer.xml");
        final Sipp answering = phone("ring-timeout", "1002", "acd/agent-answer.xml");
        idle("A1");
        idle("A2");
        final int callsBefore = api.agent("A1").get("callsToday").asInt();
        final long start = System.nanoTime();
        caller("ring-timeout", "1011", SUPPORT);
        api.awaitAgent("A1", "ringing (the longest idle)", a -> "ringing".equals(a.get("state").asText()));
        final JsonNode second = api.awaitAgent("A2", "on call", a -> "on-call".equals(a.get("state").asText()));
        final long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed >= RING_TIMEOUT_SECONDS * 1000L - 200, "A2 offered after " + elapsed + " ms");
        final JsonNode first = api.agent("A1");
        assertEquals("break", first.get("state").asText(), first::toString);
        assertEquals("missed-call", first.get("reason").asText(), first::toString);
        assertEquals(callsBefore, first.get("callsToday").asInt(), first::toString);
        assertEquals(0, ringing.await(20), "the first phone's INVITE is cancelled\n" + ringing.traces());

        hangUp(second.get("call").asLong());
        assertEquals(0, answering.await(20), answering::traces);
    }

    @Test
    void shouldKeepTheCallerQueuedWhenTheOnlyAgentLetsItRingOutAndOfferItAgainLater() throws Exception
    {
        final Sipp ringing = phone("ring-out", "1001", "acd/agent-ring-no-answer.xml");
        idle("A1");
        final Sipp caller = caller("ring-out", "1017", SUPPORT);
        api.awaitAgent("A1", "on break after the ring timeout", a -> "break".equals(a.get("state").asText()));
        assertEquals(0, ringing.await(20), ringing::traces);
        final List<JsonNode> queue = awaitQueue(1);
        assertFalse(queue.get(0).get("ringing").asBoolean(), queue::toString);
        assertTrue(caller.running(), "the caller still waits");
        final long id = queue.get(0).get("call").asLong();

        final Sipp phone = phone("ring-out-again", "1001", "acd/agent-answer.xml");
        idle("A1");
        final JsonNode agent = api.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        assertEquals(id, agent.get("call").asLong(), agent::toString);
        hangUp(id);
        assertEquals(0, caller.await(20), caller::traces);
        assertEquals(0, phone.await(20), phone::traces);
    }

    @Test
    void shouldHangUpAPhoneWhoseAnswerCrossesTheWithdrawal() throws Exception
    {
        final Sipp late = phone("late-answer", "1001", "acd/agent-answer-after-cancel.xml");
        final Sipp answering = phone("late-answer", "1002", "acd/agent-answer.xml");
        idle("A1");
        idle("A2");
        caller("late-answer", "1016", SUPPORT);
        final JsonNode second = api.awaitAgent("A2", "on call", a -> "on-call".equals(a.get("state").asText()));
        assertEquals(0, late.await(20), "the late answer is acknowledged and hung up\n" + late.traces());
        final JsonNode first = api.agent("A1");
        assertEquals("break", first.get("state").asText(), first::toString);
        final JsonNode call = api.call(second.get("call").asLong());
        assertTrue(call.at("/callee/callId").asText().length() > 0, call::toString);
        assertTrue(answering.running(), "the second agent still talks to the caller");
        hangUp(second.get("call").asLong());
        assertEquals(0, answering.await(20), answering::traces);
    }

    @Test
    void shouldOfferTheNextAgentWhenAPhoneIsBusyAndPutTheFirstOnBreak() throws Exception
    {
        final Sipp busy = phone("busy", "1001", "acd/agent-busy.xml");
        final Sipp answering = phone("busy", "1002", "acd/agent-answer.xml");
        idle("A1");
        idle("A2");
        // A ring timeout far beyond what a loaded machine takes to start the caller and offer A2: only a busy phone
        // declined at once offers A2 within it (the class's 2 s is less than a slow SIPp start).
        assertEquals(200, api.post("/api/settings", "{\"ringTimeoutSeconds\": " + LONG_RING_TIMEOUT_SECONDS + "}")
            .status());
        final JsonNode second;
        final long elapsed;
        try
        {
            final long start = System.nanoTime();
            caller("busy", "1012", SUPPORT);
            second = api.awaitAgent("A2", "on call", a -> "on-call".equals(a.get("state").asText()));
            elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
        finally
        {
            assertEquals(200, api.post("/api/settings", "{\"ringTimeoutSeconds\": " + RING_TIMEOUT_SECONDS + "}")
                .status());
        }
        assertTrue(elapsed < LONG_RING_TIMEOUT_SECONDS * 1000L / 2,
            "declined at once, not at the ring timeout: " + elapsed);
        assertEquals(0, busy.await(20), busy::traces);
        final JsonNode first = api.agent("A1");
        assertEquals("break", first.get("state").asText(), first::toString);
        assertEquals("missed-call", first.get("reason").asText(), first::toString);

        hangUp(second.get("call").asLong());
        assertEquals(0, answering.await(20), answering::traces);
    }

    @Test
    void shouldOfferACallerTheirLastAgentFirstUnlessThatAgentIsNotIdle() throws Exception
    {
        // First call: only A2 is idle, so A2 answers caller 1014.
        final int callsA1 = api.agent("A1").get("callsToday").asInt();
        final int callsA2 = api.agent("A2").get("callsToday").asInt();
        idle("A2");
        answeredBy("last-1", "1014", "A2", "1002");
        // A1 goes idle while A2 is in wrap-up: A1 is the longest idle when A2's wrap-up ends.
        api.awaitAgent("A2", "in wrap-up", a -> "wrap-up".equals(a.get("state").asText()));
        idle("A1");
        final CallApi.Reply ended = api.post("/api/agents/A2/wrap-up/end", "{}");
        assertEquals(200, ended.status(), ended.body()::toString);
        assertEquals("idle", ended.body().get("state").asText(), ended.body()::toString);
        // Second call from 1014: A2 again, last agent before longest idle.
        answeredBy("last-2", "1014", "A2", "1002");
        assertEquals("idle", api.agent("A1").get("state").asText());
        // Third call from 1014, A2 busy: A1.
        api.awaitAgent("A2", "in wrap-up", a -> "wrap-up".equals(a.get("state").asText()));
        assertEquals("busy", state("A2", "busy", null).body().get("state").asText());
        answeredBy("last-3", "1014", "A1", "1001");
        assertEquals(callsA1 + 1, api.agent("A1").get("callsToday").asInt());
        assertEquals(callsA2 + 2, api.agent("A2").get("callsToday").asInt());
    }

    @Test
    void shouldQueueCallersInOrderAndOfferTheFirstWhenAnAgentIsIdle() throws Exception
    {
        final Sipp first = caller("queue-1", "1016", SUPPORT);
        final long firstId = awaitQueue(1).get(0).get("call").asLong();
        caller("queue-2", "1017", SUPPORT);
        final List<JsonNode> queue = awaitQueue(2);
        assertEquals(firstId, queue.get(0).get("call").asLong(), queue::toString);
        assertEquals(0, queue.get(0).get("ahead").asInt(), queue::toString);
        assertEquals(1, queue.get(1).get("ahead").asInt(), queue::toString);
        assertFalse(queue.get(0).get("ringing").asBoolean(), queue::toString);
        final long secondId = queue.get(1).get("call").asLong();
        assertEquals(secondId, api.callFrom("1017").get("id").asLong());
        // Both were answered by the server while they wait (they hear the queue music).
        for (final long id : List.of(firstId, secondId))
        {
            final JsonNode call = api.call(id);
            assertTrue(List.of("answered", "confirmed").contains(call.get("state").asText()), call::toString);
            assertTrue(call.get("callee").isNull(), call::toString);
        }
        final JsonNode group = support();
        assertEquals(2, group.get("queueLength").asInt(), group::toString);
        assertEquals(0, group.get("idleAgents").asInt(), group::toString);
        assertEquals(3, group.get("members").asInt(), group::toString);

        api.awaitCall(firstId, "hearing the queue music", c -> c.at("/caller/packetsOut").asLong() >= 10);

        final Sipp phone = phone("queue", "1001", "acd/agent-answer.xml");
        idle("A1");
        final JsonNode agent = api.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        assertEquals(firstId, agent.get("call").asLong(), "the first caller is offered first: " + agent);
        awaitMusicStopped(firstId);
        final List<JsonNode> after = awaitQueue(1);
        assertEquals(secondId, after.get(0).get("call").asLong(), after::toString);
        assertEquals(0, after.get(0).get("ahead").asInt(), after::toString);

        hangUp(firstId);
        assertEquals(0, first.await(20), first::traces);
        assertEquals(0, phone.await(20), phone::traces);
        // The second caller gives up while queued: the queue is empty again.
        hangUp(secondId);
        awaitQueue(0);
    }

    @Test
    void shouldRefuseForbiddenAndBadStateChangesThroughTheApi() throws Exception
    {
        final CallApi.Reply unknown = api.get("/api/agents/NOBODY");
        assertEquals(404, unknown.status(), unknown.body()::toString);
        assertEquals("unknown_agent", unknown.error());
        assertEquals(404, state("NOBODY", "idle", null).status());
        final CallApi.Reply noGroup = api.get("/api/groups/nothing/queue");
        assertEquals(404, noGroup.status(), noGroup.body()::toString);
        assertEquals("unknown_group", noGroup.error());
        final CallApi.Reply noBody = api.post("/api/agents/A3/state", "{}");
        assertEquals(400, noBody.status(), noBody.body()::toString);
        final CallApi.Reply badState = state("A3", "on-call", null);
        assertEquals(400, badState.status(), badState.body()::toString);
        assertEquals("bad_request", badState.error());
        final CallApi.Reply noReason = state("A3", "break", null);
        assertEquals(400, noReason.status(), noReason.body()::toString);
        final CallApi.Reply badReason = state("A3", "break", "nap");
        assertEquals(400, badReason.status(), badReason.body()::toString);
        final CallApi.Reply lunch = state("A3", "break", "lunch");
        assertEquals(200, lunch.status(), lunch.body()::toString);
        assertEquals("break", lunch.body().get("state").asText());
        assertEquals("lunch", lunch.body().get("reason").asText());
        final CallApi.Reply notInWrapUp = api.post("/api/agents/A3/wrap-up/end", "{}");
        assertEquals(409, notInWrapUp.status(), notInWrapUp.body()::toString);
        assertEquals("wrong_state", notInWrapUp.error());

        // On a call, the agent cannot pick a state.
        final Sipp phone = phone("api", "1003", "acd/agent-answer.xml");
        idle("A3");
        final Sipp caller = caller("api", "1015", SUPPORT);
        final JsonNode onCall = api.awaitAgent("A3", "on call", a -> "on-call".equals(a.get("state").asText()));
        assertTrue(onCall.get("autoAnswer").asBoolean(), onCall::toString);
        for (final String state : List.of("idle", "busy", "offline"))
        {
            final CallApi.Reply refused = state("A3", state, null);
            assertEquals(409, refused.status(), () -> state + ": " + refused.body());
            assertEquals("wrong_state", refused.error());
            assertFalse(refused.body().path("message").asText().isEmpty(), refused.body()::toString);
        }
        hangUp(onCall.get("call").asLong());
        assertEquals(0, caller.await(20), caller::traces);
        assertEquals(0, phone.await(20), phone::traces);
        assertTrue(phone.messages().contains("answer-after=0"), "auto answer asked of the phone\n" + phone.traces());

        // Wrap-up: extended (within 90 s in all), not beyond; ended.
        api.awaitAgent("A3", "in wrap-up", a -> "wrap-up".equals(a.get("state").asText()));
        final CallApi.Reply extended = api.post("/api/agents/A3/wrap-up/extend", "{\"seconds\":30}");
        assertEquals(200, extended.status(), extended.body()::toString);
        assertTrue(extended.body().get("wrapUpRemainingSeconds").asInt() > 30, extended.body()::toString);
        final CallApi.Reply tooMuch = api.post("/api/agents/A3/wrap-up/extend", "{\"seconds\":60}");
        assertEquals(400, tooMuch.status(), tooMuch.body()::toString);
        assertEquals("invalid", tooMuch.error());
        final CallApi.Reply outOfRange = api.post("/api/agents/A3/wrap-up/extend", "{\"seconds\":91}");
        assertEquals(400, outOfRange.status(), outOfRange.body()::toString);
        assertEquals("bad_request", outOfRange.error());
        assertEquals("wrap-up", api.agent("A3").get("state").asText());
        final CallApi.Reply ended = api.post("/api/agents/A3/wrap-up/end", "{}");
        assertEquals(200, ended.status(), ended.body()::toString);
        assertEquals("idle", ended.body().get("state").asText());
    }

    @Test
    void shouldHangUpACallerWhenTheQueueIsFullOrTheWaitTooLong() throws Exception
    {
        final long start = System.nanoTime();
        final Sipp waiting = caller("small-wait", "1018", SMALL, "acd/caller-dropped.xml");
        awaitQueue("small", 1);
        final Sipp refused = caller("small-full", "1019", SMALL, "acd/caller-dropped.xml");
        assertEquals(0, refused.await(20), "the queue is full: hung up at once\n" + refused.traces());
        assertTrue(waiting.running(), "the first caller is still waiting");
        assertEquals(0, waiting.await(20), "hung up after the group's wait limit\n" + waiting.traces());
        final long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed >= 5800, "hung up after " + elapsed + " ms");
        awaitQueue("small", 0);
    }

    @Test
    void shouldWithdrawTheOfferWhenTheCallerHangsUpWhileTheAgentRings() throws Exception
    {
        final Sipp ringing = phone("abandon", "1001", "acd/agent-ring-no-answer.xml");
        idle("A1");
        final Sipp caller = caller("abandon", "1013", SUPPORT);
        final JsonNode offered = api.awaitAgent("A1", "ringing", a -> "ringing".equals(a.get("state").asText()));
        final long id = api.callFrom("1013").get("id").asLong();
        assertEquals(id, offered.get("call").asLong(), offered::toString);
        hangUp(id);
        assertEquals(0, caller.await(20), caller::traces);
        assertEquals(0, ringing.await(20), "the agent's phone is cancelled\n" + ringing.traces());
        // Not the agent's fault: idle again, not on break.
        final JsonNode agent = api.awaitAgent("A1", "idle", a -> "idle".equals(a.get("state").asText()));
        assertTrue(agent.get("call").isNull(), agent::toString);
        awaitQueue(0);
    }

    @Test
    void shouldHangUpTheCallerWhenTheAgentHangsUp() throws Exception
    {
        final Sipp phone = phone("agent-bye", "1002", "callee-bye/callee-hangup.xml");
        final int callsBefore = api.agent("A2").get("callsToday").asInt();
        idle("A2");
        final Sipp caller = caller("agent-bye", "1020", SUPPORT, "acd/caller-dropped.xml");
        assertEquals(0, phone.await(20), phone::traces);
        assertEquals(0, caller.await(20), "the caller gets the BYE\n" + caller.traces());
        final JsonNode agent = api.awaitAgent("A2", "in wrap-up or idle",
            a -> List.of("wrap-up", "idle").contains(a.get("state").asText()));
        assertEquals(callsBefore + 1, agent.get("callsToday").asInt(), agent::toString);
    }

    @Test
    void shouldTreatAnAgentWithoutARegisteredPhoneAsMissedAndOfferTheNext() throws Exception
    {
        final Sipp phone = phone("unregistered", "1004", "acd/agent-answer.xml");
        idle("A5");
        idle("A4");
        caller("unregistered", "1019", "4003");
        final JsonNode answering = api.awaitAgent("A4", "on call", a -> "on-call".equals(a.get("state").asText()));
        final JsonNode missed = api.agent("A5");
        assertEquals("break", missed.get("state").asText(), missed::toString);
        assertEquals("missed-call", missed.get("reason").asText(), missed::toString);
        hangUp(answering.get("call").asLong());
        assertEquals(0, phone.await(20), phone::traces);
    }

    @Test
    void shouldMoveACallerToTheFallbackGroupAfterTheWaitLimit() throws Exception
    {
        final long start = System.nanoTime();
        final Sipp caller = caller("overflow", "1018", "4002");
        awaitQueue("overflow", 1);
        final long id = awaitQueue(1).get(0).get("call").asLong();
        final long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed >= 2800, "moved after " + elapsed + " ms");
        assertEquals(0, api.get("/api/groups/overflow/queue").body().size());
        final Sipp phone = phone("overflow", "1001", "acd/agent-answer.xml");
        idle("A1");
        final JsonNode agent = api.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        assertEquals(id, agent.get("call").asLong(), agent::toString);
        hangUp(id);
        assertEquals(0, caller.await(20), caller::traces);
        assertEquals(0, phone.await(20), phone::traces);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A SIPp playing an agent's phone at the port its registration points at. */
    private Sipp phone(final String test, final String extension, final String scenario) throws Exception
    {
        final Sipp sipp = Sipp.scenario("acd-" + test + "-phone-" + extension, scenario)
            .port(PHONES.get(extension)).arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
        phones.add(sipp);
        return sipp;
    }

    private Sipp caller(final String test, final String extension, final String number) throws Exception
    {
        return caller(test, extension, number, "acd/caller.xml");
    }

    private Sipp caller(final String test, final String extension, final String number, final String scenario)
        throws Exception
    {
        final Sipp sipp = Sipp.scenario("acd-" + test + "-caller-" + extension, scenario)
            .credentials(extension, "demo-" + extension).service(number).port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(server.sipUdpPort());
        callers.add(sipp);
        return sipp;
    }

    /** A call from {@code caller} answered by {@code agent}, whose phone a SIPp plays, hung up by the caller. */
    private void answeredBy(final String test, final String caller, final String agent, final String extension)
        throws Exception
    {
        final Sipp phone = phone(test, extension, "acd/agent-answer.xml");
        final Sipp uac = caller(test, caller, SUPPORT);
        final long id = api.callFrom(caller).get("id").asLong();
        final JsonNode answered = api.awaitAgent(agent, "on call with " + caller,
            a -> "on-call".equals(a.get("state").asText()) && a.get("call").asLong() == id);
        hangUp(answered.get("call").asLong());
        assertEquals(0, uac.await(20), uac::traces);
        assertEquals(0, phone.await(20), phone::traces);
    }

    /**
     * Waits (bounded) until nothing more is sent to the caller: bridged to an agent's phone that sends no RTP (SIPp),
     * the caller hears nothing once the queue music stopped.
     */
    private static void awaitMusicStopped(final long id) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        long before = api.call(id).at("/caller/packetsOut").asLong();
        while (true)
        {
            Thread.sleep(300);
            final long now = api.call(id).at("/caller/packetsOut").asLong();
            if (now == before)
            {
                return;
            }
            if (System.nanoTime() > deadline)
            {
                fail("the caller of call " + id + " still gets packets: " + before + " then " + now);
            }
            before = now;
        }
    }

    /** Makes the caller's SIPp hang up: it waits for an INFO, which a key sent to the caller's leg is. */
    private static void hangUp(final long id) throws Exception
    {
        api.dtmf(id, "caller", "0");
    }

    private static CallApi.Reply state(final String agent, final String state, final String reason) throws Exception
    {
        return api.post("/api/agents/" + agent + "/state", "{\"state\":\"" + state + "\""
            + (reason != null ? ",\"reason\":\"" + reason + "\"" : "") + "}");
    }

    private static JsonNode idle(final String agent) throws Exception
    {
        final CallApi.Reply reply = state(agent, "idle", null);
        assertEquals(200, reply.status(), () -> agent + " idle: " + reply.body());
        return reply.body();
    }

    private static JsonNode support() throws Exception
    {
        for (final JsonNode group : api.get("/api/groups").body())
        {
            if ("support".equals(group.get("name").asText()))
            {
                return group;
            }
        }
        return fail("no group support");
    }

    private static List<JsonNode> awaitQueue(final int length) throws Exception
    {
        return awaitQueue("support", length);
    }

    /** Waits (bounded) until the group's queue has {@code length} calls; returns them. */
    private static List<JsonNode> awaitQueue(final String group, final int length) throws Exception
    {
        final JsonNode queue = Await.until(length + " calls in the queue of " + group,
            () -> api.get("/api/groups/" + group + "/queue").body(), q -> q.size() == length);
        final List<JsonNode> list = new ArrayList<>();
        queue.forEach(list::add);
        return list;
    }
}
