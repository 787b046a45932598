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
 * Blind transfers from the API and the calls agents make themselves, through the running server, with SIPp phones
 * for the agents (registered as their extensions), SIPp callers of the queue number, and a SIPp carrier on loopback
 * behind the tenant's trunk. Covered: a transfer to another agent, to a phone that is nobody's, to an outside
 * number; a transfer whose target does not answer (the caller goes back to the transferring agent, the target goes
 * on break); a transfer to an agent who is not available; click-to-dial with extension digits sent by the agent;
 * internal calls to an agent by e-mail, and to an offline agent's mobile number through the trunk.
 * <p>
 * Agents A1..A3 (1001..1003) are in {@code support} (4000); A3 has a mobile number and is never online here. 1009
 * is a plain phone. The trunk's carrier listens on 127.0.0.1:{@value #CARRIER}.
 */
@Timeout(60)
@ServerSystemTest.Tenant(TransferSystemTest.TENANT)
class TransferSystemTest extends ServerSystemTest
{
    private static final int CARRIER = 17091;
    private static final int RING_TIMEOUT_SECONDS = 2;
    static final String TENANT = ", \"acd\": { \"ringTimeoutSeconds\": " + RING_TIMEOUT_SECONDS + ", "
        + "\"wrapUpSeconds\": 1, " + """
            "groups": [ { "name": "support", "fallback": "hangup" } ],
            "agents": [
              { "staffNo": "A1", "name": "Agent One", "email": "one@demo.example", "extension": "1001",
                "groups": ["support"] },
              { "staffNo": "A2", "name": "Agent Two", "email": "two@demo.example", "extension": "1002",
                "groups": ["support"] },
              { "staffNo": "A3", "name": "Agent Three", "email": "three@demo.example", "extension": "1003",
                "mobile": "01701234567", "groups": ["support"] }
            ],
            "numbers": [ { "number": "4000", "group": "support" } ]
          },
          "trunks": [ { "name": "carrier", "host": "127.0.0.1", "port": 17091, "inboundAddresses": [],
                        "callerId": "+4930123456" } ],
          "dialPlan": { "country": "49", "nationalPrefix": "0", "internationalPrefix": "00",
                        "rules": [ { "prefix": "+49", "trunks": ["carrier"] } ] },
          "outbound": { "allowed": ["1001-1003"] }
        """;
    private static final List<String> AGENTS = List.of("A1", "A2", "A3");

    private static CallApi api;
    private static final Map<String, Integer> PHONES = new HashMap<>();
    /** The call records the server writes (logger io.switchboard.calls), kept in memory for the assertions. */
    private static final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> RECORDS =
        new ch.qos.logback.core.read.ListAppender<>();
    private final List<Sipp> sipps = new ArrayList<>();

    @BeforeAll
    static void registerPhones() throws Exception
    {
        api = new CallApi(server.httpPort());
        RECORDS.start();
        ((ch.qos.logback.classic.Logger)org.slf4j.LoggerFactory.getLogger("io.switchboard.calls")).addAppender(RECORDS);
        for (final String extension : List.of("1001", "1002", "1009"))
        {
            PHONES.put(extension, registerPhone("transfer", extension));
        }
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        hangUpEverything(api, sipps);
        for (final String agent : AGENTS)
        {
            assertEquals(200, state(agent, "offline").status(), agent);
        }
    }

    // ------------------------------------------------------------------------------------------ transfers

    @Test
    void aTransferToAnotherAgentReleasesTheFirstAndBridgesTheCallerToTheSecond() throws Exception
    {
        final Sipp first = phone("to-agent", "1001", "acd/agent-answer.xml");
        final Sipp second = phone("to-agent", "1002", "acd/agent-answer.xml");
        final long id = queuedCallAnsweredByA1("to-agent", "1011");
        final String before = api.call(id).at("/callee/callId").asText();
        assertEquals(200, state("A2", "idle").status());

        final CallApi.Reply transfer = api.post("/api/calls/" + id + "/transfer", "{\"agent\":\"A2\"}");
        assertEquals(200, transfer.status(), transfer.body()::toString);
        assertEquals(0, first.await(20), "A1's phone is released with a BYE\n" + first.traces());
        final JsonNode taken = api.awaitAgent("A2", "on call", a -> "on-call".equals(a.get("state").asText()));
        assertEquals(1, taken.get("callsToday").asInt(), "a transferred call taken counts: " + taken);
        final JsonNode call = api.awaitCall(id, "bridged to A2", c -> !c.path("callee").isNull()
            && !before.equals(c.at("/callee/callId").asText()));
        assertEquals("1011", call.get("from").asText(), call::toString);
        assertEquals("[\"agent:1\"]", call.get("transfers").toString(), call::toString);
        assertTrue(second.messages().contains("From: <sip:1011@") || second.messages().contains("sip:1011@"),
            "A2's phone sees the caller\n" + second.messages());
        final String released = api.agent("A1").get("state").asText();
        assertTrue("wrap-up".equals(released) || "idle".equals(released), "A1 after the transfer: " + released);

        api.dtmf(id, "caller", "0");
        assertEquals(0, second.await(20), second::traces);
        api.awaitAgent("A2", "in wrap-up after its call", a -> !"on-call".equals(a.get("state").asText()));
        awaitNoActiveCalls();
        final List<String> records = records(id);
        assertEquals(1, records.size(), "one record for the call, whatever its transfers: " + records);
        assertTrue(records.get(0).contains("\"transfers\":[\"agent:1\"]") && records.get(0).contains(
            "\"outcome\":\"answered\""), records.get(0));
        // The service record names both agents, and the one who transferred the call sees it too.
        final JsonNode record = awaitServiceRecord(api, id);
        assertEquals("A2", record.get("agent").asText(), record::toString);
        assertEquals("[\"A1\",\"A2\"]", record.get("agents").toString(), record::toString);
        final CallApi agentOne = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            "1001@demo.switchboard", "Demo#1001"));
        assertEquals(id, awaitServiceRecord(agentOne, id).get("id").asLong());
    }

    /** The service record of a call, as the API gives it to that session (bounded wait: it comes as the call ends). */
    private static JsonNode awaitServiceRecord(final CallApi session, final long id) throws Exception
    {
        return Await.until("the service record of call " + id, () ->
        {
            for (final JsonNode record : session.get("/api/records").body().path("records"))
            {
                if (record.get("id").asLong() == id)
                {
                    return record;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    /** The call records written for one call so far. */
    private static List<String> records(final long id)
    {
        synchronized (RECORDS)
        {
            return RECORDS.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .filter(record -> record.startsWith("{\"call\":" + id + ",")).toList();
        }
    }

    @Test
    void aTransferToAPhoneThatIsNobodysBridgesTheCallerToIt() throws Exception
    {
        final Sipp agent = phone("to-phone", "1001", "acd/agent-answer.xml");
        final Sipp phone = phone("to-phone", "1009", "acd/agent-answer.xml");
        final long id = queuedCallAnsweredByA1("to-phone", "1012");

        assertEquals(404, api.post("/api/calls/" + id + "/transfer", "{\"extension\":\"1999\"}").status());
        final CallApi.Reply transfer = api.post("/api/calls/" + id + "/transfer", "{\"extension\":\"1009\"}");
        assertEquals(200, transfer.status(), transfer.body()::toString);
        assertEquals(0, agent.await(20), agent::traces);
        api.awaitCall(id, "bridged to 1009", c -> c.at("/callee/codec").isTextual());
        assertTrue(phone.messages().contains("INVITE sip:1009@") || phone.messages().contains("To: <sip:1009@"),
            phone.messages());
        api.dtmf(id, "caller", "0");
        assertEquals(0, phone.await(20), phone::traces);
    }

    @Test
    void aTransferToAnOutsideNumberGoesThroughTheTrunk() throws Exception
    {
        final Sipp agent = phone("to-number", "1001", "acd/agent-answer.xml");
        final Sipp carrier = carrier("to-number", "transfer/carrier-answer.xml");
        final long id = queuedCallAnsweredByA1("to-number", "1013");

        final CallApi.Reply transfer = api.post("/api/calls/" + id + "/transfer", "{\"number\":\"030 555 0100\"}");
        assertEquals(200, transfer.status(), transfer.body()::toString);
        assertEquals(0, agent.await(20), agent::traces);
        api.awaitCall(id, "bridged to the carrier", c -> c.at("/callee/codec").isTextual());
        assertTrue(carrier.messages().contains("+49305550100"), "E.164 at the carrier\n" + carrier.messages());
        api.dtmf(id, "caller", "0");
        assertEquals(0, carrier.await(20), carrier::traces);
        final String trunks = api.get("/api/trunks").body().toString();
        awaitNoActiveCalls();
        assertTrue(api.get("/api/trunks").body().toString().contains("\"activeCalls\":0"), trunks);
    }

    @Test
    void aTransferNobodyAnswersBringsTheCallerBackToTheTransferringAgent() throws Exception
    {
        final Sipp first = phone("fallback", "1001", "acd/agent-answer.xml", 2);
        final Sipp second = phone("fallback", "1002", "acd/agent-ring-no-answer.xml");
        final long id = queuedCallAnsweredByA1("fallback", "1014");
        assertEquals(200, state("A2", "idle").status());

        assertEquals(200, api.post("/api/calls/" + id + "/transfer", "{\"agent\":\"A2\"}").status());
        api.awaitAgent("A2", "ringing", a -> "ringing".equals(a.get("state").asText()));
        final JsonNode missed = api.awaitAgent("A2", "on break after the ring timeout",
            a -> "break".equals(a.get("state").asText()));
        assertEquals("missed-call", missed.get("reason").asText(), missed::toString);
        assertEquals(0, second.await(20), "A2's phone is cancelled\n" + second.traces());
        api.awaitAgent("A1", "on call again", a -> "on-call".equals(a.get("state").asText()));
        api.awaitCall(id, "back with A1", c -> c.at("/callee/codec").isTextual());

        api.dtmf(id, "caller", "0");
        assertEquals(0, first.await(20), "A1 took the caller back, then the caller hung up\n" + first.traces());
        awaitNoActiveCalls();
        assertEquals(1, records(id).size(), () -> "one record for the call: " + records(id));
    }

    @Test
    void aTransferNobodyAnswersAfterTheAgentSignedOutPutsTheCallerInItsQueue() throws Exception
    {
        final Sipp first = phone("to-queue", "1001", "acd/agent-answer.xml");
        final Sipp second = phone("to-queue", "1002", "acd/agent-ring-no-answer.xml");
        final long id = queuedCallAnsweredByA1("to-queue", "1016");
        assertEquals(200, state("A2", "idle").status());

        assertEquals(200, api.post("/api/calls/" + id + "/transfer", "{\"agent\":\"A2\"}").status());
        assertEquals(0, first.await(20), first::traces);
        assertEquals(200, state("A1", "offline").status(), "A1 signs out after transferring");
        final JsonNode queued = api.awaitCall(id, "waiting in the support queue", c -> c.has("queueGroup")
            && c.path("callee").isNull());
        assertEquals(0, queued.get("ahead").asInt(), queued::toString);
        assertEquals(0, second.await(20), "A2's phone rang out\n" + second.traces());
        assertEquals("missed-call", api.agent("A2").get("reason").asText());
        assertTrue(api.call(id).at("/caller/packetsOut").asLong() > 0, "the caller hears the queue music");
        api.dtmf(id, "caller", "0");
    }

    @Test
    void aTransferToAnAgentWhoIsNotAvailableComesStraightBack() throws Exception
    {
        final Sipp first = phone("unavailable", "1001", "acd/agent-answer.xml", 2);
        final long id = queuedCallAnsweredByA1("unavailable", "1015");
        assertEquals(200, api.post("/api/agents/A2/state", "{\"state\":\"break\",\"reason\":\"lunch\"}").status());

        assertEquals(200, api.post("/api/calls/" + id + "/transfer", "{\"agent\":\"A2\"}").status());
        api.awaitAgent("A1", "on call again", a -> "on-call".equals(a.get("state").asText()));
        assertEquals("lunch", api.agent("A2").get("reason").asText(), "A2 stays on its break");
        api.dtmf(id, "caller", "0");
        assertEquals(0, first.await(20), first::traces);
    }

    @Test
    void aTransferToABusyAgentRingsAndTheAgentIsBusyAgainAfterTheCall() throws Exception
    {
        final Sipp first = phone("busy-transfer", "1001", "acd/agent-answer.xml");
        final Sipp second = phone("busy-transfer", "1002", "acd/agent-answer.xml");
        final long id = queuedCallAnsweredByA1("busy-transfer", "1018");
        assertEquals(200, state("A2", "busy").status());

        final CallApi.Reply transfer = api.post("/api/calls/" + id + "/transfer", "{\"agent\":\"A2\"}");
        assertEquals(200, transfer.status(), transfer.body()::toString);
        assertEquals(0, first.await(20), "A1's phone is released\n" + first.traces());
        api.awaitAgent("A2", "on call: busy (示忙) still takes transfers",
            a -> "on-call".equals(a.get("state").asText()));
        api.awaitCall(id, "bridged to A2", c -> c.at("/callee/codec").isTextual());
        api.dtmf(id, "caller", "0");
        assertEquals(0, second.await(20), second::traces);
        api.awaitAgent("A2", "busy again after the call and its wrap-up", a -> "busy".equals(a.get("state").asText()));
    }

    @Test
    void anInternalCallToABusyAgentRingsButAQueuedCallWaits() throws Exception
    {
        final Sipp caller = phone("busy-internal", "1001", "acd/agent-answer.xml");
        final Sipp callee = phone("busy-internal", "1002", "acd/agent-answer.xml");
        final long id = internalCall("busy", "A2");
        assertTrue(callee.messages().contains("INVITE sip:1002@") || callee.messages().contains("To: <sip:1002@"),
            "A2's phone rang\n" + callee.messages());
        assertEquals(200, api.post("/api/calls/" + id + "/hangup", "{}").status());
        assertEquals(0, caller.await(20), caller::traces);
        assertEquals(0, callee.await(20), callee::traces);
        api.awaitAgent("A2", "busy again", a -> "busy".equals(a.get("state").asText()));

        // A queued call is not offered to a busy agent: with A1 signed out it waits, and A2 stays busy.
        assertEquals(200, state("A1", "offline").status());
        final Sipp queued = Sipp.scenario("transfer-busy-internal-caller-1019", "acd/caller.xml")
            .credentials("1019", "demo-1019").service("4000").port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(server.sipUdpPort());
        sipps.add(queued);
        final JsonNode waiting = Await.until("the call waiting in the support queue", () ->
        {
            for (final JsonNode c : api.get("/api/calls").body())
            {
                if (c.has("queueGroup") && c.path("callee").isNull())
                {
                    return c;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
        assertEquals(0, waiting.get("ahead").asInt(), waiting::toString);
        assertEquals("busy", api.agent("A2").get("state").asText());
        assertTrue(api.call(waiting.get("id").asLong()).path("callee").isNull(), "nobody rings for it");
    }

    // ------------------------------------------------------------------------------------ agents' own calls

    @Test
    void clickToDialRingsTheAgentFirstThenTheNumberAndCarriesTheAgentsDigits() throws Exception
    {
        final CallApi.Reply offline = api.post("/api/agents/A1/dial", "{\"number\":\"0305550100\"}");
        assertEquals(409, offline.status(), "an offline agent cannot dial: " + offline.body());
        final Sipp agent = phone("dial", "1001", "acd/agent-answer.xml");
        final Sipp carrier = carrier("dial", "transfer/carrier-answer-dtmf.xml");
        assertEquals(200, api.post("/api/agents/A1/state", "{\"state\":\"busy\"}").status());

        final CallApi.Reply dial = api.post("/api/agents/A1/dial", "{\"number\":\"0305550100\"}");
        assertEquals(200, dial.status(), dial.body()::toString);
        final long id = dial.body().get("id").asLong();
        assertEquals("outbound", dial.body().get("type").asText(), dial.body()::toString);
        api.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        final JsonNode bridged = api.awaitCall(id, "bridged to the carrier", c -> c.at("/callee/codec").isTextual());
        assertEquals("1001", bridged.get("from").asText(), bridged::toString);
        assertTrue(carrier.messages().contains("From: <sip:+4930123456@"), "the trunk's caller ID\n"
            + carrier.messages());
        assertTrue(agent.messages().contains("0305550100"), "the agent's phone shows the number it calls\n"
            + agent.messages());
        assertEquals(409, api.post("/api/agents/A1/dial", "{\"number\":\"0305550100\"}").status(),
            "an agent on call cannot dial");

        api.dtmf(id, "callee", "12");
        // The keys go one INFO at a time, each after the previous one's answer: hang up once both have arrived.
        awaitReceived(carrier, "INFO sip:", 2);
        final CallApi.Reply hangUp = api.post("/api/calls/" + id + "/hangup", "{}");
        assertEquals(200, hangUp.status(), hangUp.body()::toString);
        assertEquals(0, carrier.await(20), "two INFOs, then the BYE\n" + carrier.traces());
        assertEquals(0, agent.await(20), agent::traces);
        api.awaitAgent("A1", "in wrap-up after its call", a -> "wrap-up".equals(a.get("state").asText()));
        awaitNoActiveCalls();
        final List<String> records = records(id);
        assertEquals(1, records.size(), () -> "one record for the call: " + records);
        assertTrue(records.get(0).contains("\"type\":\"outbound\""), records.get(0));
    }

    /** Waits (bounded) until the SIPp run's message log has the text {@code count} times. */
    private static void awaitReceived(final Sipp sipp, final String text, final int count) throws Exception
    {
        Await.until(count + " x " + text + " in " + sipp.traces(),
            () -> sipp.messages().split(java.util.regex.Pattern.quote(text), -1).length - 1, seen -> seen >= count);
    }

    @Test
    void anInternalCallByEmailRingsTheOtherAgentsPhone() throws Exception
    {
        final Sipp caller = phone("internal", "1001", "acd/agent-answer.xml");
        final Sipp callee = phone("internal", "1002", "acd/agent-answer.xml");
        final long id = internalCall("idle", "TWO@demo.example");
        api.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        assertEquals(404, api.post("/api/agents/A1/call", "{\"to\":\"nobody@demo.example\"}").status());

        assertEquals(200, api.post("/api/calls/" + id + "/hangup", "{}").status());
        assertEquals(0, caller.await(20), caller::traces);
        assertEquals(0, callee.await(20), callee::traces);
    }

    @Test
    void anInternalCallToAnOfflineAgentGoesToItsMobileThroughTheTrunk() throws Exception
    {
        final Sipp caller = phone("mobile", "1001", "acd/agent-answer.xml");
        final Sipp carrier = carrier("mobile", "transfer/carrier-answer.xml");
        assertEquals(200, state("A1", "idle").status());

        final CallApi.Reply call = api.post("/api/agents/A1/call", "{\"to\":\"A3\"}");
        assertEquals(200, call.status(), call.body()::toString);
        final long id = call.body().get("id").asLong();
        api.awaitCall(id, "bridged to the mobile", c -> c.at("/callee/codec").isTextual());
        assertTrue(carrier.messages().contains("+491701234567"), "A3's mobile, E.164\n" + carrier.messages());

        assertEquals(200, api.post("/api/calls/" + id + "/hangup", "{}").status());
        assertEquals(0, carrier.await(20), carrier::traces);
        assertEquals(0, caller.await(20), caller::traces);
    }

    // -------------------------------------------------------------------------------------------- helpers

    /** A1 (idle) calls A2 (in {@code a2State}) by {@code to}: A2 answers, the internal call is bridged; its id. */
    private long internalCall(final String a2State, final String to) throws Exception
    {
        assertEquals(200, state("A1", "idle").status());
        assertEquals(200, state("A2", a2State).status());
        final CallApi.Reply call = api.post("/api/agents/A1/call", "{\"to\":\"" + to + "\"}");
        assertEquals(200, call.status(), call.body()::toString);
        final long id = call.body().get("id").asLong();
        api.awaitAgent("A2", "on call", a -> "on-call".equals(a.get("state").asText()));
        assertEquals("internal", api.awaitCall(id, "bridged", c -> c.at("/callee/codec").isTextual())
            .get("type").asText());
        return id;
    }

    /** A caller of the support queue, answered by A1 (whose phone the test started); returns the call's id. */
    private long queuedCallAnsweredByA1(final String test, final String extension) throws Exception
    {
        assertEquals(200, state("A1", "idle").status());
        final Sipp caller = Sipp.scenario("transfer-" + test + "-caller-" + extension, "acd/caller.xml")
            .credentials(extension, "demo-" + extension).service("4000").port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(server.sipUdpPort());
        sipps.add(caller);
        final JsonNode agent = api.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        final long id = agent.get("call").asLong();
        api.awaitCall(id, "bridged to A1", c -> c.at("/callee/codec").isTextual());
        return id;
    }

    private Sipp phone(final String test, final String extension, final String scenario) throws Exception
    {
        return phone(test, extension, scenario, 1);
    }

    /** A phone that answers {@code calls} calls, one after the other (an agent rung again after a transfer). */
    private Sipp phone(final String test, final String extension, final String scenario, final int calls)
        throws Exception
    {
        final Sipp sipp = Sipp.scenario("transfer-" + test + "-phone-" + extension, scenario).calls(calls)
            .port(PHONES.get(extension)).arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
        sipps.add(sipp);
        return sipp;
    }

    private Sipp carrier(final String test, final String scenario) throws Exception
    {
        final Sipp sipp = Sipp.scenario("transfer-" + test + "-carrier", scenario).port(CARRIER)
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
        sipps.add(sipp);
        return sipp;
    }

    private static CallApi.Reply state(final String agent, final String state) throws Exception
    {
        return api.post("/api/agents/" + agent + "/state", "{\"state\":\"" + state + "\"}");
    }
}
