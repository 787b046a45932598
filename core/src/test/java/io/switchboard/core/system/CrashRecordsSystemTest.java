package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls cut by a crash get their service records (issue 19 item 5), with the real server in a process of its own:
 * one call talking with an agent, one waiting in a queue nobody serves, and one that ended before; the server is
 * killed with SIGKILL and started again on the same data directory. Every call that started then has exactly one
 * record: the two cut off end {@code server-restart} with their start, group and agent as the journal knew them and
 * an end no later than the kill; the one that ended keeps its own record alone. No call is live after the restart,
 * the agent is not left on the call that no longer exists, and a second restart adds no record.
 */
@Tag("system")
@Timeout(180)
class CrashRecordsSystemTest extends ProcessSystemTest
{
    private static final String ACD = ", \"acd\": { \"ringTimeoutSeconds\": 10, \"wrapUpSeconds\": 1, " + """
            "groups": [
              { "name": "support", "fallback": "hangup" },
              { "name": "nobody", "maxWaitSeconds": 1, "fallback": "hangup" },
              { "name": "hold", "fallback": "hangup" }
            ],
            "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] } ],
            "numbers": [ { "number": "4000", "group": "support" }, { "number": "4001", "group": "nobody" },
                         { "number": "4002", "group": "hold" } ]
          }
        """;

    @Test
    void everyCallThatStartedHasExactlyOneRecordAfterAKill() throws Exception
    {
        rig = new ServerProcess.Rig("switchboard-crash-records", ACD);
        final int sipPort = rig.sipPort;
        final int httpPort = rig.httpPort;
        final ServerProcess first = rig.start("server-1.log");
        final CallApi api = new CallApi(httpPort);

        // A call that ends before the kill: it waits a second in a group that then hangs up.
        final Sipp ended = sipp(Sipp.scenario("crash-records-ended", "acd/caller-dropped.xml")
            .credentials("1012", "demo-1012").service("4001").calls(1));
        assertEquals(0, ended.start(sipPort).await(30), ended::traces);
        final long endedId = Await.until("the ended call's record", () -> api.get("/api/records").body(),
            body -> body.get("total").asInt() == 1).get("records").get(0).get("id").asLong();

        // The agent's phone answers and stays; a call to the agent's queue, and one to a queue nobody serves.
        final int phonePort = Sipp.freeUdpPort();
        final Sipp register = Sipp.scenario("crash-records-register", "register/register.xml")
            .registering("1001", 600).credentials("1001", "demo-1001").port(phonePort);
        assertEquals(0, register.run(sipPort), register::traces);
        assertEquals(200, api.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        rig.sipp(Sipp.scenario("crash-records-phone", "acd/agent-answer.xml").port(phonePort)
            .arg("-mp", Integer.toString(Sipp.freeMediaPort()))).start(sipPort);
        sipp(Sipp.scenario("crash-records-talking", "acd/caller.xml").credentials("1010", "demo-1010")
            .service("4000")).start(sipPort);
        api.awaitAgent("A1", "on call", agent -> "on-call".equals(agent.get("state").asText()));
        sipp(Sipp.scenario("crash-records-queued", "acd/caller.xml").credentials("1013", "demo-1013")
            .service("4002")).start(sipPort);
        final long talkingId = api.callFrom("1010").get("id").asLong();
        final long queuedId = api.callFrom("1013").get("id").asLong();
        final long startedBefore = System.currentTimeMillis();

        first.kill();
        final long killedAt = System.currentTimeMillis();
        rig.killSipps();

        final ServerProcess second = rig.start("server-2.log");
        final CallApi restarted = new CallApi(httpPort);
        final Map<Long, JsonNode> records = Await.until("a record for each call", () -> records(restarted),
            found -> found.size() >= 3);
        assertEquals(Set.of(endedId, talkingId, queuedId), records.keySet(), records::toString);
        assertEquals("unanswered", records.get(endedId).get("ending").asText(), records::toString);

        final JsonNode talking = records.get(talkingId);
        assertEquals("server-restart", talking.get("ending").asText(), talking::toString);
        assertEquals("A1", talking.get("agent").asText(), talking::toString);
        assertEquals("[\"A1\"]", talking.get("agents").toString(), talking::toString);
        assertEquals("support", talking.get("group").asText(), talking::toString);
        assertTrue(talking.get("answered").asBoolean(), talking::toString);
        assertTimes(talking, startedBefore, killedAt);

        final JsonNode queued = records.get(queuedId);
        assertEquals("server-restart", queued.get("ending").asText(), queued::toString);
        assertEquals("hold", queued.get("group").asText(), queued::toString);
        assertTrue(!queued.get("answered").asBoolean() && queued.get("agent").isNull(), queued::toString);
        assertTimes(queued, startedBefore, killedAt);

        assertEquals(0, restarted.get("/api/calls").body().size(), "no call is live after the restart");
        final String state = restarted.get("/api/agents/A1").body().get("state").asText();
        assertTrue(Set.of("idle", "offline").contains(state), () -> "A1 is " + state + " after the restart");

        // The records made at the restart were journalled: a second start finds the calls ended, adds nothing.
        second.close();
        rig.start("server-3.log");
        final CallApi again = new CallApi(httpPort);
        assertEquals(records.keySet(), records(again).keySet());
        assertEquals("server-restart", records(again).get(talkingId).get("ending").asText());
        // New calls are numbered after those cut off.
        final Sipp after = sipp(Sipp.scenario("crash-records-after", "acd/caller-dropped.xml")
            .credentials("1012", "demo-1012").service("4001").calls(1));
        assertEquals(0, after.start(sipPort).await(30), after::traces);
        final Map<Long, JsonNode> all = Await.until("the new call's record", () -> records(again),
            found -> found.size() == 4);
        all.keySet().removeAll(records.keySet());
        assertTrue(all.keySet().iterator().next() > Math.max(talkingId, queuedId), all::toString);
    }

    /** Started before the kill, ended between the start and the kill (the journal's last word, not the restart). */
    private static void assertTimes(final JsonNode record, final long startedBefore, final long killedAt)
    {
        final long started = record.get("startedAt").asLong();
        final long ended = record.get("endedAt").asLong();
        assertTrue(started <= startedBefore && started <= ended && ended <= killedAt, record::toString);
    }

    /** The calls' records by id; a call's id twice fails. */
    private static Map<Long, JsonNode> records(final CallApi api) throws Exception
    {
        final Map<Long, JsonNode> byId = new HashMap<>();
        for (final JsonNode record : api.get("/api/records?limit=1000").body().get("records"))
        {
            assertEquals(null, byId.put(record.get("id").asLong(), record), () -> "a record twice: " + record);
        }
        return byId;
    }

    private Sipp sipp(final Sipp sipp) throws Exception
    {
        return rig.sipp(sipp.port(Sipp.freeUdpPort()).arg("-mp", Integer.toString(Sipp.freeMediaPort())));
    }
}
