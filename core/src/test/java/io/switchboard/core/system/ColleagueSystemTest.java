package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 员工内线通话 ("员工或话机"): the colleague search finds agents by name, staff number, e-mail, skill group or
 * extension, and phones (extensions of no agent); an agent calls a phone that belongs to no agent. Agents A1 (1001,
 * support) and A2 "Berta Braun" (1002, sales, with a mobile number the search never shows); 1009 is a SIPp phone
 * registered with no agent, 1010 an extension with nothing registered.
 */
@Timeout(60)
@ServerSystemTest.Tenant(ColleagueSystemTest.TENANT)
class ColleagueSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "ringTimeoutSeconds": 10, "wrapUpSeconds": 1,
            "groups": [ { "name": "support", "fallback": "hangup" }, { "name": "sales", "fallback": "hangup" } ],
            "agents": [
              { "staffNo": "A1", "name": "Agent One", "email": "one@demo.example", "extension": "1001",
                "groups": ["support"] },
              { "staffNo": "A2", "name": "Berta Braun", "email": "berta@demo.example", "extension": "1002",
                "mobile": "01701234567", "groups": ["sales"] } ]
          }
        """;

    private static CallApi admin;
    private static CallApi agentOne;
    private static int phoneOfA1;
    private static int phone1009;
    private final List<Sipp> sipps = new ArrayList<>();

    @BeforeAll
    static void signInAndRegister() throws Exception
    {
        admin = new CallApi(server.httpPort());
        agentOne = new CallApi(server.httpPort(), CallApi.login(server.httpPort(), DemoAccounts.email("1001"),
            DemoAccounts.password("1001")));
        phoneOfA1 = registerPhone("colleague", "1001");
        phone1009 = registerPhone("colleague", "1009");
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        hangUpEverything(admin, sipps);
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"offline\"}").status());
    }

    @Test
    void theSearchFindsAgentsByEachFieldAndPhonesOfNoAgent() throws Exception
    {
        for (final String q : List.of("berta", "Braun", "A2", "BERTA@demo", "sales", "1002"))
        {
            assertEquals(Set.of("A2"), found(q), "by " + q);
        }
        assertEquals(Set.of("A1"), found("support"));
        assertEquals(Set.of("A1", "A2", "phone 1009"), found("100"), "extensions from 100: both agents and the phone");
        assertEquals(Set.of("phone 1009"), found("1009"));
        assertEquals(Set.of(), found("nobody"));

        final JsonNode berta = search("berta").get(0);
        assertEquals(Set.of("kind", "staffNo", "name", "email", "extension", "state", "groups"), names(berta),
            "what an agent needs, nothing more: " + berta);
        assertEquals("Berta Braun", berta.get("name").asText());
        assertEquals("offline", berta.get("state").asText());
        assertEquals("[\"sales\"]", berta.get("groups").toString());
        final JsonNode phone = search("1009").get(0);
        assertTrue(phone.get("registered").asBoolean(), phone::toString);
        final JsonNode unregistered = search("1010").get(0);
        assertEquals("phone", unregistered.get("kind").asText(), unregistered::toString);
        assertFalse(unregistered.get("registered").asBoolean(), "the exact extension, even unregistered");
        assertFalse(agentOne.get("/api/colleagues?q=").body().toString().contains("0170"), "no mobile numbers");

        assertEquals(400, agentOne.get("/api/colleagues?q=" + "x".repeat(101)).status());
        assertEquals(401, new CallApi(server.httpPort(), null).get("/api/colleagues?q=berta").status());
    }

    @Test
    void anAgentCallsAPhoneThatBelongsToNoAgent() throws Exception
    {
        assertEquals(200, agentOne.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        final Sipp mine = phone("calls-phone-a1", phoneOfA1);
        final Sipp target = phone("calls-phone-1009", phone1009);

        final CallApi.Reply call = agentOne.post("/api/agents/A1/call", "{\"extension\":\"1009\"}");
        assertEquals(200, call.status(), call.body()::toString);
        final long id = call.body().get("id").asLong();
        final JsonNode bridged = admin.awaitCall(id, "bridged to 1009", c -> c.at("/callee/codec").isTextual());
        assertEquals("internal", bridged.get("type").asText(), bridged::toString);
        assertEquals("1009", bridged.at("/callee/party").asText(), bridged::toString);
        admin.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        assertTrue(target.messages().contains("INVITE sip:1009@"), "1009's phone rang\n" + target.messages());

        assertEquals(200, admin.post("/api/calls/" + id + "/hangup", "{}").status());
        assertEquals(0, mine.await(20), mine::traces);
        assertEquals(0, target.await(20), target::traces);
        awaitNoActiveCalls();
    }

    @Test
    void anUnknownOrUnregisteredExtensionIsAClearRefusal() throws Exception
    {
        assertEquals(200, agentOne.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        final CallApi.Reply unknown = agentOne.post("/api/agents/A1/call", "{\"extension\":\"1999\"}");
        assertEquals(404, unknown.status(), unknown.body()::toString);
        assertEquals("unknown_extension", unknown.error());
        final CallApi.Reply unregistered = agentOne.post("/api/agents/A1/call", "{\"extension\":\"1010\"}");
        assertEquals(409, unregistered.status(), unregistered.body()::toString);
        assertEquals("not_registered", unregistered.error());
        final CallApi.Reply byTo = agentOne.post("/api/agents/A1/call", "{\"to\":\"1010\"}");
        assertEquals("not_registered", byTo.error(), "a \"to\" naming an extension is that extension");
        final CallApi.Reply self = agentOne.post("/api/agents/A1/call", "{\"extension\":\"1001\"}");
        assertEquals(404, self.status(), "an agent's own extension is itself: " + self.body());
        assertEquals(0, server.stats().active(), "nothing was started");
    }

    private Sipp phone(final String name, final int port) throws Exception
    {
        final Sipp sipp = Sipp.scenario("colleague-" + name, "acd/agent-answer.xml").port(port)
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
        sipps.add(sipp);
        return sipp;
    }

    private static JsonNode search(final String q) throws Exception
    {
        final CallApi.Reply reply = agentOne.get("/api/colleagues?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertEquals(200, reply.status(), reply.body()::toString);
        return reply.body();
    }

    /** The staff numbers and phones ("phone 1009") the search finds. */
    private static Set<String> found(final String q) throws Exception
    {
        final Set<String> found = new TreeSet<>();
        for (final JsonNode one : search(q))
        {
            found.add("agent".equals(one.get("kind").asText()) ? one.get("staffNo").asText()
                : "phone " + one.get("extension").asText());
        }
        return found;
    }

    private static Set<String> names(final JsonNode object)
    {
        final Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
