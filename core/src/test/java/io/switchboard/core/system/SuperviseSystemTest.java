package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.media.codec.G711;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Supervisors on a live call over real sockets: a caller of the queue (SIPp signalling, a Java {@link RtpPeer}
 * sending a 600 Hz tone), the agent A1 (SIPp phone, an RtpPeer sending 1000 Hz) and a supervisor whose phone (SIPp,
 * an RtpPeer sending 1400 Hz) the server rings. What each party hears is measured with Goertzel filters over its last
 * half second of packets: listen (the supervisor hears both, nobody hears it), whisper (the agent hears it, the
 * customer does not), barge (everybody hears both others), switched on one supervision; after leaving, the call
 * still talks both ways and nobody hears the supervisor. Also: the supervisor hanging up, the call ending under a
 * supervision, the agent's notice (tenant.supervision.notice on here), and the refusals.
 */
@Timeout(180)
@ServerSystemTest.Tenant(SuperviseSystemTest.TENANT)
class SuperviseSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "supervision": { "notice": true },
          "acd": { "ringTimeoutSeconds": 20, "wrapUpSeconds": 1,
            "groups": [ { "name": "support", "fallback": "hangup" }, { "name": "sales", "fallback": "hangup" } ],
            "agents": [
              { "staffNo": "A1", "name": "Agent One", "email": "one@demo.example", "extension": "1001",
                "groups": ["support"] },
              { "staffNo": "S9", "name": "Sales lead", "email": "nine@demo.example", "extension": "1019",
                "groups": ["sales"] }
            ],
            "numbers": [ { "number": "4000", "group": "support" } ]
          }
        """;
    private static final int PCMU = 0;
    private static final int CUSTOMER_HZ = 600;
    private static final int AGENT_HZ = 1000;
    private static final int SUPERVISOR_HZ = 1400;
    private static final int[] TONES = {CUSTOMER_HZ, AGENT_HZ, SUPERVISOR_HZ};
    /** Packets (20 ms each) a measurement looks at: the last half second. */
    private static final int WINDOW = 25;
    private static final double AMPLITUDE = 6000;
    private static final double PRESENT = 2500;
    private static final double ABSENT = 600;
    private static final String LEAD = "lead@demo.switchboard";
    private static final String SCOPED = "sales-lead@demo.switchboard";

    private static CallApi admin;
    private static CallApi lead;
    private static CallApi scoped;
    private static CallApi agent;
    private static String agentToken;
    private static final Map<String, Integer> PHONES = new HashMap<>();
    private final List<Sipp> sipps = new ArrayList<>();
    private final List<RtpPeer> peers = new ArrayList<>();

    @BeforeAll
    static void accountsAndPhones() throws Exception
    {
        admin = new CallApi(server.httpPort());
        lead = new CallApi(server.httpPort(), CallApi.login(server.httpPort(), LEAD, created(
            "{\"email\":\"" + LEAD + "\",\"name\":\"Team lead\",\"role\":\"supervisor\",\"extension\":\"1011\"}")));
        // a supervisor that is also the agent S9: it supervises its groups' calls only (sales)
        scoped = new CallApi(server.httpPort(), CallApi.login(server.httpPort(), SCOPED, created(
            "{\"email\":\"" + SCOPED + "\",\"name\":\"Sales lead\",\"role\":\"supervisor\",\"extension\":\"1012\","
                + "\"staffNo\":\"S9\"}")));
        agentToken = CallApi.login(server.httpPort(), DemoAccounts.email("1001"), DemoAccounts.password("1001"));
        agent = new CallApi(server.httpPort(), agentToken);
        for (final String extension : List.of("1001", "1011"))
        {
            PHONES.put(extension, registerPhone("supervise", extension));
        }
    }

    private static String created(final String account) throws Exception
    {
        final CallApi.Reply reply = admin.post("/api/accounts", account);
        assertEquals(201, reply.status(), reply.body()::toString);
        return reply.body().get("password").asText();
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        hangUpEverything(admin, sipps);
        Collections.reverse(peers);
        peers.forEach(RtpPeer::close);
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"offline\"}").status());
    }

    @Test
    void listenWhisperBargeThenLeaveOnOneSupervision() throws Exception
    {
        final Talking call = connect("modes");
        final AgentEventsClient notices = AgentEventsClient.open(server.httpPort(), agentToken);
        try
        {
            final RtpPeer supervisor = supervise(call, "listen");
            hears(supervisor, "the supervisor, listening", CUSTOMER_HZ, AGENT_HZ);
            hears(call.customer, "the customer, while the supervisor listens", AGENT_HZ);
            hears(call.agent, "the agent, while the supervisor listens", CUSTOMER_HZ);
            assertEquals("listen", notices.awaitCount("supervised", 1).get(0).get("mode").asText());

            assertEquals("whisper", mode(call.id, "whisper").get("mode").asText());
            hears(call.agent, "the agent, coached", CUSTOMER_HZ, SUPERVISOR_HZ);
            hears(call.customer, "the customer, while the supervisor whispers", AGENT_HZ);
            hears(supervisor, "the supervisor, whispering", CUSTOMER_HZ, AGENT_HZ);

            assertEquals("barge", mode(call.id, "barge").get("mode").asText());
            hears(call.customer, "the customer, in a three-way call", AGENT_HZ, SUPERVISOR_HZ);
            hears(call.agent, "the agent, in a three-way call", CUSTOMER_HZ, SUPERVISOR_HZ);
            hears(supervisor, "the supervisor, barging in", CUSTOMER_HZ, AGENT_HZ);

            assertEquals("listen", mode(call.id, "listen").get("mode").asText());
            hears(call.customer, "the customer, back to listening", AGENT_HZ);
            hears(call.agent, "the agent, back to listening", CUSTOMER_HZ);
            assertEquals(List.of("listen", "whisper", "barge", "listen"), notices.awaitCount("supervised", 4)
                .stream().map(e -> e.get("mode").asText()).toList());

            final CallApi.Reply left = lead.delete("/api/calls/" + call.id + "/supervise");
            assertEquals(200, left.status(), left.body()::toString);
            assertEquals("ended", left.body().get("state").asText());
            assertEquals(0, call.supervisorPhone.await(20), call.supervisorPhone::traces);
            assertTrue(notices.awaitCount("supervised", 5).get(4).get("mode").isNull(), "the notice is withdrawn");
            hears(call.customer, "the customer, after the supervisor left", AGENT_HZ);
            hears(call.agent, "the agent, after the supervisor left", CUSTOMER_HZ);
            assertEquals("confirmed", admin.call(call.id).get("state").asText(), "the call goes on");
            assertTrue(supervision(call.id).isNull(), "nobody supervises the call any more");
            assertEquals(404, lead.delete("/api/calls/" + call.id + "/supervise").status(), "left already");
        }
        finally
        {
            notices.close();
        }
    }

    @Test
    void theSupervisorHangsUpOrTheCallEnds() throws Exception
    {
        final Talking call = connect("ends");
        supervise(call, "barge");
        // the supervisor's phone hangs up (told by an INFO): the call goes on without it, as before
        final long leg = supervision(call.id).get("leg").asLong();
        admin.dtmf(leg, "caller", "0");
        assertEquals(0, call.supervisorPhone.await(20), call.supervisorPhone::traces);
        Await.until("the supervision over", () -> supervision(call.id), JsonNode::isNull);
        hears(call.customer, "the customer, after the supervisor hung up", AGENT_HZ);
        hears(call.agent, "the agent, after the supervisor hung up", CUSTOMER_HZ);

        // supervised again (the phone answers anew); the call ends: the supervisor's phone is hung up too
        final Talking again = new Talking(call.id, call.customer, call.agent,
            supervisorPhone("ends-again", call.supervisor), call.supervisor);
        hears(supervise(again, "listen"), "the supervisor, listening again", CUSTOMER_HZ, AGENT_HZ);
        assertEquals(200, admin.post("/api/calls/" + call.id + "/hangup", "{}").status());
        assertEquals(0, again.supervisorPhone.await(20), again.supervisorPhone::traces);
        awaitNoActiveCalls();
    }

    @Test
    void refusals() throws Exception
    {
        final CallApi.Reply unknown = lead.post("/api/calls/999999/supervise", "{\"mode\":\"listen\"}");
        assertEquals(404, unknown.status(), unknown.body()::toString);
        // a caller waiting in the queue (A1 offline) is not answered by an agent yet
        final RtpPeer customer = peer("refusals-customer-rtp");
        sipps.add(Sipp.scenario("supervise-refusals-caller", "supervise/caller.xml")
            .credentials("1005", "demo-1005").service("4000").port(Sipp.freeUdpPort())
            .set("rtpport", customer.port()).start(server.sipUdpPort()));
        final long waiting = admin.awaitCallTo("4000", "queued", c -> c.hasNonNull("queueGroup")).get("id").asLong();
        final CallApi.Reply early = lead.post("/api/calls/" + waiting + "/supervise", "{\"mode\":\"listen\"}");
        assertEquals(409, early.status(), early.body()::toString);
        assertEquals("wrong_state", early.body().get("error").asText());

        final CallApi.Reply byAgent = agent.post("/api/calls/" + waiting + "/supervise", "{\"mode\":\"listen\"}");
        assertEquals(403, byAgent.status(), "an agent cannot supervise: " + byAgent.body());
        final CallApi.Reply outside = scoped.post("/api/calls/" + waiting + "/supervise", "{\"mode\":\"listen\"}");
        assertEquals(403, outside.status(), "a support call is outside the sales lead's groups: " + outside.body());
        assertEquals("forbidden", outside.body().get("error").asText());
        final CallApi.Reply badMode = lead.post("/api/calls/" + waiting + "/supervise", "{\"mode\":\"spy\"}");
        assertEquals(400, badMode.status(), badMode.body()::toString);
        assertEquals(400, lead.post("/api/calls/" + waiting + "/supervise", "[]").status());
        final CallApi.Reply noSwitch = lead.patch("/api/calls/" + waiting + "/supervise", "{\"mode\":\"barge\"}");
        assertEquals(404, noSwitch.status(), "nothing to switch: " + noSwitch.body());
        final CallApi.Reply notSupervised = lead.delete("/api/calls/" + waiting + "/supervise");
        assertEquals(404, notSupervised.status(), notSupervised.body()::toString);
        assertEquals(401, new CallApi(server.httpPort(), null).post("/api/calls/" + waiting + "/supervise",
            "{\"mode\":\"listen\"}").status());
    }

    // ---------------------------------------------------------------------------------------------- fixture

    /** A caller and A1 talking, each phone's RtpPeer sending its tone; and the supervisor's phone, not yet rung. */
    private record Talking(long id, RtpPeer customer, RtpPeer agent, Sipp supervisorPhone, RtpPeer supervisor)
    {
    }

    private Talking connect(final String test) throws Exception
    {
        final RtpPeer customer = peer(test + "-customer-rtp");
        final RtpPeer agentRtp = peer(test + "-agent-rtp");
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        sipps.add(Sipp.scenario("supervise-" + test + "-agent", "supervise/phone.xml").port(PHONES.get("1001"))
            .set("rtpport", agentRtp.port()).start(0));
        sipps.add(Sipp.scenario("supervise-" + test + "-caller", "supervise/caller.xml")
            .credentials("1005", "demo-1005").service("4000").port(Sipp.freeUdpPort())
            .set("rtpport", customer.port()).start(server.sipUdpPort()));
        final long id = admin.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()))
            .get("call").asLong();
        final JsonNode call = admin.awaitCall(id, "bridged to A1", c -> c.at("/callee/codec").isTextual());
        customer.startSending(call.at("/caller/rtpPort").asInt(), PCMU, n -> tone(CUSTOMER_HZ, n));
        agentRtp.startSending(call.at("/callee/rtpPort").asInt(), PCMU, n -> tone(AGENT_HZ, n));
        hears(customer, "the customer, talking to the agent", AGENT_HZ);
        hears(agentRtp, "the agent, talking to the customer", CUSTOMER_HZ);
        final RtpPeer supervisor = peer(test + "-supervisor-rtp");
        return new Talking(id, customer, agentRtp, supervisorPhone(test, supervisor), supervisor);
    }

    /** The supervisor's phone (extension 1011), ready to answer once, its media {@code rtp}. */
    private Sipp supervisorPhone(final String test, final RtpPeer rtp) throws Exception
    {
        final Sipp phone = Sipp.scenario("supervise-" + test + "-supervisor", "supervise/phone.xml")
            .port(PHONES.get("1011")).set("rtpport", rtp.port()).start(0);
        sipps.add(phone);
        return phone;
    }

    /**
     * The lead supervises the call in {@code mode}: the server rings its phone, which answers; the phone's RtpPeer
     * then sends its tone to the supervisor's leg. A second supervision of the same call then is refused (409).
     */
    private RtpPeer supervise(final Talking call, final String mode) throws Exception
    {
        final RtpPeer rtp = call.supervisor();
        final CallApi.Reply started = lead.post("/api/calls/" + call.id() + "/supervise",
            "{\"mode\":\"" + mode + "\"}");
        assertEquals(200, started.status(), started.body()::toString);
        assertEquals(mode, started.body().get("mode").asText());
        final JsonNode connected = Await.until("the supervisor's phone answered", () -> supervision(call.id()),
            s -> !s.isNull() && "connected".equals(s.path("state").asText()));
        assertEquals(LEAD, connected.get("supervisor").asText());
        assertEquals("1011", connected.get("extension").asText());
        final CallApi.Reply twice = lead.post("/api/calls/" + call.id() + "/supervise", "{\"mode\":\"listen\"}");
        assertEquals(409, twice.status(), "one supervisor at a time: " + twice.body());
        final JsonNode leg = admin.call(connected.get("leg").asLong());
        assertEquals("supervision", leg.get("type").asText(), leg::toString);
        rtp.startSending(leg.at("/caller/rtpPort").asInt(), PCMU, n -> tone(SUPERVISOR_HZ, n));
        return rtp;
    }

    /** The supervision of the call as the live calls list shows it (null when none). */
    private static JsonNode supervision(final long id) throws Exception
    {
        for (final JsonNode call : lead.get("/api/calls").body())
        {
            if (call.get("id").asLong() == id)
            {
                return call.get("supervision");
            }
        }
        throw new AssertionError("no call " + id);
    }

    private static JsonNode mode(final long id, final String mode) throws Exception
    {
        final CallApi.Reply reply = lead.patch("/api/calls/" + id + "/supervise", "{\"mode\":\"" + mode + "\"}");
        assertEquals(200, reply.status(), reply.body()::toString);
        return reply.body();
    }

    /**
     * Waits until the last {@link #WINDOW} packets {@code peer} received carry each of {@code tones} and none of the
     * other test tones (bounded; the window moves as packets come, so a mode change is measured once it took hold).
     */
    private static void hears(final RtpPeer peer, final String who, final int... tones) throws Exception
    {
        final int mark = peer.count();
        final Predicate<List<RtpPeer.Packet>> heard = packets ->
        {
            if (packets.size() < WINDOW)
            {
                return false;
            }
            final List<RtpPeer.Packet> window = packets.subList(packets.size() - WINDOW, packets.size());
            for (final int hz : TONES)
            {
                final boolean expected = java.util.Arrays.stream(tones).anyMatch(t -> t == hz);
                final double level = level(window, hz);
                if (expected ? level < PRESENT : level > ABSENT)
                {
                    return false;
                }
            }
            return true;
        };
        peer.await(mark, who + " hears " + java.util.Arrays.toString(tones) + " Hz and no other test tone",
            heard);
    }

    /** The mean amplitude of {@code hz} in the packets (Goertzel per 20 ms packet, µ-law decoded). */
    static double level(final List<RtpPeer.Packet> packets, final int hz)
    {
        double sum = 0;
        for (final RtpPeer.Packet packet : packets)
        {
            final byte[] payload = packet.payload();
            final double coefficient = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
            double previous = 0;
            double beforePrevious = 0;
            for (final byte sample : payload)
            {
                final double next = G711.ulawToLinear(sample) + coefficient * previous - beforePrevious;
                beforePrevious = previous;
                previous = next;
            }
            final double power = previous * previous + beforePrevious * beforePrevious
                - coefficient * previous * beforePrevious;
            sum += payload.length == 0 ? 0 : 2 * Math.sqrt(Math.max(0, power)) / payload.length;
        }
        return sum / packets.size();
    }

    /** Frame {@code n} of a continuous tone of {@code hz}, µ-law. */
    static byte[] tone(final int hz, final int n)
    {
        final byte[] frame = new byte[MediaChecks.FRAME];
        for (int i = 0; i < frame.length; i++)
        {
            final long t = (long)n * MediaChecks.FRAME + i;
            frame[i] = G711.linearToUlaw((int)Math.round(AMPLITUDE * Math.sin(2 * Math.PI * hz * t / 8000.0)));
        }
        return frame;
    }

    private RtpPeer peer(final String name) throws Exception
    {
        final RtpPeer peer = new RtpPeer(name);
        peers.add(peer);
        return peer;
    }
}
