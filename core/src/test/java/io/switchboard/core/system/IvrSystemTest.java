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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.switchboard.core.system.MediaChecks.atLeastAfterFirst;
import static io.switchboard.core.system.MediaChecks.frame;
import static io.switchboard.core.system.MediaChecks.framesOf;
import static io.switchboard.core.system.MediaChecks.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * IVR flows through the running server: SIPp does the callers' and the agents' signalling, Java {@link RtpPeer}s
 * are their media and check what is played (speech, not silence; the queue music; the other party's audio), and the
 * caller's keys are RFC 4733 events its RtpPeer sends. Covered: the menu's key 1 and key 2 queue the caller in the
 * support and the sales group and connect the group's agent; no key, and wrong keys, are said so and asked again,
 * then hung up after the branch's maximum; the flows API (validation problems per node, publish, unpublish, delete,
 * numbers); self-service, an agent handing the caller to a flow mid-call and getting the caller back.
 * <p>
 * The flows are put, published and bound through the API at the start ({@code menu} on {@link #NUMBER}, like the
 * demo with short timers and texts; {@code survey} for self-service). Agents S1 (1001, support) and S2 (1002,
 * sales) register once, at fixed ports, where each test starts the SIPp that plays that phone. Each test calls
 * from its own extension.
 */
@Timeout(60)
@ServerSystemTest.Tenant(IvrSystemTest.TENANT)
class IvrSystemTest extends ServerSystemTest
{
    /** The call center and the IVR's directories (under core/target, the tests' working directory). */
    static final String TENANT = """
        , "acd": { "ringTimeoutSeconds": 2, "wrapUpSeconds": 1,
            "groups": [ { "name": "support" }, { "name": "sales" } ],
            "agents": [
              { "staffNo": "S1", "name": "Support One", "extension": "1001", "groups": ["support"] },
              { "staffNo": "S2", "name": "Sales Two", "extension": "1002", "groups": ["sales"] }
            ] },
          "ivr": { "flowsDir": "target/ivr-system/flows", "audioDir": "target/ivr-system/audio",
                   "speechCacheDir": "target/ivr-system/tts" }
        """;
    private static final String NUMBER = "5000";
    private static final int TIMEOUT_SECONDS = 2;
    private static final int MAX_ERRORS = 2;
    private static final String MENU = """
        { "name": "menu", "nodes": [
          { "type": "start", "id": "start", "next": "welcome" },
          { "type": "play", "id": "welcome", "prompt": { "text": "Hi." }, "next": "menu" },
          { "type": "branch", "id": "menu", "prompt": { "text": "Press one or two." },
            "keys": { "1": "support", "2": "sales", "0": "menu" }, "timeoutSeconds": %d,
            "timeoutPrompt": { "text": "No key." }, "errorPrompt": { "text": "Wrong key." }, "maxErrors": %d },
          { "type": "transfer", "id": "support", "group": "support", "prompt": { "text": "Support." },
            "announceSeconds": 0, "answerPrompt": { "text": "Agent ${StaffNo}." } },
          { "type": "transfer", "id": "sales", "group": "sales", "prompt": { "text": "Sales." },
            "announceSeconds": 0 }
        ] }
        """.formatted(TIMEOUT_SECONDS, MAX_ERRORS);
    private static final String SURVEY = """
        { "name": "survey", "nodes": [
          { "type": "start", "id": "start", "next": "ask" },
          { "type": "branch", "id": "ask", "prompt": { "text": "Press one." }, "keys": { "1": "thanks" },
            "timeoutSeconds": %d, "timeoutPrompt": { "text": "No key." }, "errorPrompt": { "text": "Wrong key." },
            "maxErrors": %d },
          { "type": "end", "id": "thanks", "prompt": { "text": "Thanks." } }
        ] }
        """.formatted(TIMEOUT_SECONDS, MAX_ERRORS);
    private static final int PCMU = 0;
    /** The caller's telephone-event payload type (scripts/sipp/ivr/caller.xml). */
    private static final int EVENTS = 101;
    /** A prompt has played through when nothing came for this long (the branch then waits TIMEOUT_SECONDS). */
    private static final long QUIET_MILLIS = 800;
    /** A gap at least this long is the branch waiting for a key (shorter ones: speech being rendered). */
    private static final long TIMEOUT_GAP_MILLIS = TIMEOUT_SECONDS * 1000L - 400;
    private static final long WAIT_MILLIS = 10_000;
    /** Packets into the welcome ("Hi.", 0.6 s) and the menu ("Press one or two.", 1.4 s): the menu is playing. */
    private static final int BARGE_IN_PACKETS = 50;
    /** Mean |sample| above which a frame is speech rather than silence. */
    private static final double SPEECH_LEVEL = 150;
    private static final int CALLER_PHONE = 1;
    private static final int AGENT_PHONE = 2;
    private static final List<String> AGENTS = List.of("S1", "S2");

    private static CallApi api;
    /** Each agent's phone: the port its registration points at. */
    private static final Map<String, Integer> PHONES = new HashMap<>();

    private final List<Sipp> sipps = new ArrayList<>();
    private final List<RtpPeer> peers = new ArrayList<>();

    /** The flows and the number, through the API; the agents' phones register once, for the whole class. */
    @BeforeAll
    static void flowsAndPhones() throws Exception
    {
        api = new CallApi(server.httpPort());
        for (final String[] flow : List.of(new String[] {"menu", MENU}, new String[] {"survey", SURVEY}))
        {
            final CallApi.Reply saved = put("/api/flows/" + flow[0], flow[1]);
            assertEquals(200, saved.status(), saved.body()::toString);
            assertEquals("unpublished", saved.body().get("state").asText(), saved.body()::toString);
            final CallApi.Reply published = api.post("/api/flows/" + flow[0] + "/publish", "{}");
            assertEquals(200, published.status(), published.body()::toString);
            assertEquals("published", published.body().get("state").asText(), published.body()::toString);
        }
        final CallApi.Reply bound = put("/api/numbers/" + NUMBER, "{\"direction\":\"inbound\",\"flow\":\"menu\"}");
        assertEquals(200, bound.status(), bound.body()::toString);
        assertEquals("in-use", api.get("/api/flows/menu").body().get("state").asText());
        for (final String extension : List.of("1001", "1002"))
        {
            PHONES.put(extension, registerPhone("ivr", extension));
        }
    }

    /**
     * Whatever a test did or failed to do: answered calls are ended by their answering phone (told by an INFO),
     * every SIPp has finished (a caller still in a flow gives up by itself), no call is left, the RTP peers are
     * closed and every agent is signed out.
     */
    @AfterEach
    void cleanUp() throws Exception
    {
        for (final JsonNode call : api.get("/api/calls").body())
        {
            if (call.hasNonNull("callee"))
            {
                api.post("/api/calls/" + call.get("id").asLong() + "/dtmf", "{\"leg\":\"callee\",\"digits\":\"0\"}");
            }
        }
        for (final Sipp sipp : sipps)
        {
            if (sipp.await(30) != 0)
            {
                sipp.kill();
            }
        }
        Collections.reverse(peers);
        peers.forEach(RtpPeer::close);
        awaitNoActiveCalls();
        api.awaitMediaIdle();
        for (final String agent : AGENTS)
        {
            final CallApi.Reply reply = state(agent, "offline");
            assertEquals(200, reply.status(), () -> agent + " offline: " + reply.body());
        }
    }

    // ------------------------------------------------------------------------------------------------ the tests

    @Test
    void shouldPlayTheMenuThenQueueTheCallerWhoPresses1AndConnectTheSupportAgent() throws Exception
    {
        final Connected call = pressAndConnect("support", "1010", 1, "S1", "1001", false);
        final List<RtpPeer.Packet> afterKey = call.caller.since(call.keyMark);
        final int music = lastIndex(afterKey, in(MediaChecks.musicFrames()));
        assertTrue(music >= 0, "queue music after the transfer prompt");
        final int agentAudio = MediaChecks.firstIndex(afterKey, in(framesOf(AGENT_PHONE, f -> f)));
        assertTrue(speechFrames(afterKey.subList(0, MediaChecks.firstIndex(afterKey,
            in(MediaChecks.musicFrames())))) >= 10, "the transfer prompt before the music");
        assertTrue(speechFrames(afterKey.subList(music, agentAudio)) >= 10,
            "the answer prompt (Agent S1) between the music and the agent's audio");
        hangUp(call);
        assertTrue(call.phone.messages().contains("To: <sip:1001@"), "the agent's extension in the To\n"
            + call.phone.traces());
    }

    @Test
    void shouldCutTheMenuShortForKey2AndConnectTheSalesAgent() throws Exception
    {
        assertEquals("idle", state("S1", "idle").body().get("state").asText());
        final Connected call = pressAndConnect("sales", "1011", 2, "S2", "1002", true);
        assertEquals("idle", api.agent("S1").get("state").asText(), "the idle support agent is not offered the call");
        hangUp(call);
    }

    @Test
    void shouldSayNoKeyAndAskAgainThenHangUpAfterTheMaximum() throws Exception
    {
        final RtpPeer rtp = peer("no-key-caller-rtp");
        final long start = System.nanoTime();
        final Sipp caller = caller("no-key", "1012", rtp);
        assertEquals(0, caller.await(40), "the server hangs up\n" + caller.traces());
        final long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed >= MAX_ERRORS * TIMEOUT_SECONDS * 1000L, "hung up after " + elapsed + " ms");
        final List<List<RtpPeer.Packet>> segments = segments(rtp);
        assertEquals(MAX_ERRORS + 1, segments.size(), "welcome and menu; " + (MAX_ERRORS - 1)
            + " times no key and the menu again; no key and hung up: " + sizes(segments));
        for (final List<RtpPeer.Packet> segment : segments)
        {
            assertTrue(speechFrames(segment) >= 10, "speech in every segment: " + sizes(segments));
        }
        final int again = segments.get(1).size();
        final int last = segments.get(MAX_ERRORS).size();
        assertTrue(again >= last + 40, "the menu again after the first timeout prompt, not after the last: "
            + sizes(segments));
    }

    @Test
    void shouldSayWrongKeyAndAskAgainThenHangUpAfterTheMaximum() throws Exception
    {
        final RtpPeer rtp = peer("wrong-key-caller-rtp");
        final Sipp caller = caller("wrong-key", "1013", rtp);
        final JsonNode call = api.callFrom("1013");
        final int port = call.at("/caller/rtpPort").asInt();
        rtp.awaitQuiet(0, "the welcome and the menu", QUIET_MILLIS, WAIT_MILLIS);
        int mark = rtp.count();
        final List<List<RtpPeer.Packet>> heard = new ArrayList<>();
        for (int error = 1; error < MAX_ERRORS; error++)
        {
            rtp.pressKey(port, EVENTS, 7);
            heard.add(rtp.awaitQuiet(mark, "the error prompt and the menu again", QUIET_MILLIS, WAIT_MILLIS));
            mark = rtp.count();
            final JsonNode now = api.call(call.get("id").asLong());
            assertEquals(Collections.nCopies(error, "\"caller:7\"").toString().replace(" ", ""),
                now.get("digits").toString(), now::toString);
            assertEquals("confirmed", now.get("state").asText(), "still on the line after " + error + " error(s)");
        }
        rtp.pressKey(port, EVENTS, 7);
        assertEquals(0, caller.await(20), "the server hangs up after the last wrong key\n" + caller.traces());
        heard.add(rtp.since(mark));
        for (final List<RtpPeer.Packet> segment : heard)
        {
            assertTrue(speechFrames(segment) >= 10, "speech after every wrong key: " + sizes(heard));
        }
        assertTrue(heard.get(0).size() >= heard.get(MAX_ERRORS - 1).size() + 40,
            "the menu again after a wrong key, not after the last: " + sizes(heard));
    }

    @Test
    void shouldTakeAKeyBySipInfoThenLetTheCallerHangUpWhileQueued() throws Exception
    {
        final RtpPeer rtp = peer("info-caller-rtp");
        final Sipp caller = started(Sipp.scenario("ivr-info-caller-1016", "ivr/caller-info.xml")
            .credentials("1016", "demo-1016").service(NUMBER).port(Sipp.freeUdpPort()).set("rtpport", rtp.port())
            .set("key", 1).start(server.sipUdpPort()));
        final long id = api.callFrom("1016").get("id").asLong();
        rtp.awaitQuiet(0, "the welcome and the menu", QUIET_MILLIS, WAIT_MILLIS);
        final int mark = rtp.count();
        api.dtmf(id, "caller", "0");
        final JsonNode queued = api.awaitCall(id, "queued", c -> c.hasNonNull("queueGroup"));
        assertEquals("[\"caller:1\"]", queued.get("digits").toString(), queued::toString);
        final JsonNode queue = api.get("/api/groups/support/queue").body();
        assertEquals(1, queue.size(), queue::toString);
        assertEquals(id, queue.get(0).get("call").asLong(), queue::toString);
        final List<RtpPeer.Packet> heard = rtp.await(mark, "the transfer prompt, then the queue music",
            atLeastAfterFirst(in(MediaChecks.musicFrames()), 25));
        assertTrue(speechFrames(heard.subList(0, MediaChecks.firstIndex(heard, in(MediaChecks.musicFrames()))))
            >= 10, "the transfer prompt (Support) before the music");

        api.dtmf(id, "caller", "0");
        assertEquals(0, caller.await(20), caller::traces);
        awaitNoActiveCalls();
        final JsonNode after = api.get("/api/groups/support/queue").body();
        assertEquals(0, after.size(), "the caller left the queue: " + after);
    }

    @Test
    void shouldValidatePublishUnpublishAndDeleteFlowsThroughTheApi() throws Exception
    {
        final String broken = MENU.replace("\"name\": \"menu\"", "\"name\": \"broken\"")
            .replace("\"2\": \"sales\"", "\"2\": \"nowhere\"")
            .replace("\"group\": \"sales\"", "\"group\": \"marketing\"");
        final CallApi.Reply draft = put("/api/flows/broken", broken);
        assertEquals("unpublished", draft.body().path("state").asText(), "saved as a draft: " + draft.body());
        assertProblem(draft.body(), "menu", "nowhere");
        assertProblem(api.get("/api/flows/broken").body(), "sales", "marketing");
        final CallApi.Reply refused = api.post("/api/flows/broken/publish", "{}");
        assertEquals(400, refused.status(), refused.body()::toString);
        assertEquals("invalid", refused.error());
        assertProblem(refused.body(), "menu", "nowhere");
        assertEquals(200, delete("/api/flows/broken").status());
        final CallApi.Reply checked = api.post("/api/flows/validate", broken);
        assertEquals(200, checked.status(), checked.body()::toString);
        assertFalse(checked.body().get("valid").asBoolean(), checked.body()::toString);
        assertProblem(checked.body(), "menu", "nowhere");
        final CallApi.Reply good = api.post("/api/flows/validate", SURVEY);
        assertTrue(good.body().get("valid").asBoolean(), good.body()::toString);
        assertEquals(0, good.body().get("problems").size(), good.body()::toString);
        assertEquals(400, put("/api/flows/other", SURVEY).status(), "the name in the path and the body's differ");

        final String extra = SURVEY.replace("\"survey\"", "\"extra\"");
        assertEquals("unpublished", put("/api/flows/extra", extra).body().get("state").asText());
        assertRefused(409, "wrong_state", put("/api/numbers/5999", "{\"flow\":\"extra\"}"));
        assertRefused(404, "unknown_flow", put("/api/numbers/5998", "{\"flow\":\"nothing\"}"));
        final JsonNode untouched = api.get("/api/numbers").body();
        assertFalse(untouched.toString().contains("5999") || untouched.toString().contains("5998"),
            "a refused binding adds no number: " + untouched);
        assertRefused(409, "wrong_state", api.post("/api/flows/extra/unpublish", "{}"));
        assertEquals("published", api.post("/api/flows/extra/publish", "{}").body().get("state").asText());
        assertRefused(409, "wrong_state", api.post("/api/flows/extra/publish", "{}"));
        assertRefused(409, "wrong_state", put("/api/flows/extra", extra));
        assertRefused(409, "wrong_state", delete("/api/flows/extra"));
        assertEquals(200, put("/api/numbers/5999", "{\"flow\":\"extra\"}").status());
        final JsonNode inUse = api.get("/api/flows/extra").body();
        assertEquals("in-use", inUse.get("state").asText(), inUse::toString);
        assertEquals("[\"5999\"]", inUse.get("numbers").toString(), inUse::toString);
        assertRefused(409, "wrong_state", api.post("/api/flows/extra/unpublish", "{}"));
        assertRefused(404, "unknown_flow", put("/api/numbers/5999", "{\"flow\":\"nothing\"}"));
        assertRefused(400, "bad_request", put("/api/numbers/5999", "{\"direction\":\"sideways\",\"flow\":null}"));
        assertEquals(200, put("/api/numbers/5999", "{\"flow\":null}").status());
        assertEquals("unpublished", api.post("/api/flows/extra/unpublish", "{}").body().get("state").asText());
        assertEquals(200, delete("/api/flows/extra").status());
        assertRefused(404, "unknown_flow", api.get("/api/flows/extra"));
        assertRefused(404, "unknown_flow", delete("/api/flows/extra"));
        final JsonNode numbers = api.get("/api/numbers").body();
        assertTrue(numbers.toString().contains("{\"number\":\"" + NUMBER + "\",\"direction\":\"inbound\","
            + "\"flow\":\"menu\"}"), numbers::toString);
        assertEquals("in-use", api.get("/api/flows/menu").body().get("state").asText());
    }

    @Test
    void shouldHandTheCallerToASelfServiceFlowAndBackToTheAgent() throws Exception
    {
        final RtpPeer callerRtp = peer("self-service-caller-rtp");
        final RtpPeer calleeRtp = peer("self-service-callee-rtp");
        final int calleePort = Sipp.freeUdpPort();
        register("1015", calleePort);
        final Sipp callee = started(Sipp.scenario("ivr-self-service-callee", "ivr/answer-hangup-on-info.xml")
            .port(calleePort).set("rtpport", calleeRtp.port()).start(0));
        final Sipp caller = started(Sipp.scenario("ivr-self-service-caller", "ivr/caller.xml")
            .credentials("1014", "demo-1014").service("1015").port(Sipp.freeUdpPort())
            .set("rtpport", callerRtp.port()).start(server.sipUdpPort()));
        final JsonNode call = api.awaitCallTo("1015", "confirmed", c -> "confirmed".equals(c.path("state").asText()));
        final long id = call.get("id").asLong();
        final int callerPort = call.at("/caller/rtpPort").asInt();
        final Map<String, Integer> fromCaller = framesOf(CALLER_PHONE, f -> f);
        callerRtp.startSending(callerPort, PCMU, n -> frame(CALLER_PHONE, n));
        calleeRtp.startSending(call.at("/callee/rtpPort").asInt(), PCMU, n -> frame(AGENT_PHONE, n));
        calleeRtp.await(0, "the caller's audio", atLeastAfterFirst(in(fromCaller), 10));

        assertRefused(404, "unknown_flow", api.post("/api/calls/" + id + "/self-service", "{\"flow\":\"nothing\"}"));
        callerRtp.stopSending();
        final int callerMark = callerRtp.count();
        final int calleeMark = calleeRtp.count();
        final CallApi.Reply started = api.post("/api/calls/" + id + "/self-service", "{\"flow\":\"survey\"}");
        assertEquals(200, started.status(), started.body()::toString);
        assertEquals("running", started.body().at("/selfService/state").asText(), started.body()::toString);
        assertEquals("survey", started.body().at("/selfService/flow").asText(), started.body()::toString);
        assertRefused(409, "wrong_state", api.post("/api/calls/" + id + "/self-service", "{\"flow\":\"survey\"}"));
        calleeRtp.await(calleeMark, "hold music for the parked agent", atLeastAfterFirst(in(MediaChecks.musicFrames()),
            10));
        final List<RtpPeer.Packet> prompt = callerRtp.awaitQuiet(callerMark, "the flow's prompt", QUIET_MILLIS,
            WAIT_MILLIS);
        assertTrue(speechFrames(prompt) >= 10, "the caller hears the prompt: " + prompt.size() + " packets");
        // The agent's frames relayed before the flow started may still arrive first; none once the prompt plays.
        final Predicate<RtpPeer.Packet> fromAgent = in(framesOf(AGENT_PHONE, f -> f));
        final int promptStart = MediaChecks.firstIndex(prompt, fromAgent.negate());
        assertTrue(prompt.subList(promptStart, prompt.size()).stream().noneMatch(fromAgent),
            "the agent is not heard during the flow");

        final int keyMark = callerRtp.count();
        callerRtp.pressKey(callerPort, EVENTS, 1);
        final JsonNode done = api.awaitCall(id, "back to the agent",
            c -> "done".equals(c.at("/selfService/state").asText()));
        assertEquals("1", done.at("/selfService/keys").asText(), done::toString);
        assertEquals("[\"caller:1\"]", done.get("digits").toString(), done::toString);
        assertTrue(speechFrames(callerRtp.since(keyMark)) >= 10, "the caller hears the end prompt (Thanks)");
        final int calleeBack = calleeRtp.count();
        callerRtp.startSending(callerPort, PCMU, n -> frame(CALLER_PHONE, 1000 + n));
        calleeRtp.await(calleeBack, "the caller's audio again", atLeastAfterFirst(in(fromCaller), 10));
        callerRtp.await(keyMark, "the agent's audio again", atLeastAfterFirst(in(framesOf(AGENT_PHONE, f -> f)),
            10));
        assertFalse(api.call(id).at("/callee/held").asBoolean(), "the agent is not parked any more");

        api.dtmf(id, "callee", "0");
        assertEquals(0, callee.await(20), callee::traces);
        assertEquals(0, caller.await(20), caller::traces);
    }

    // ---------------------------------------------------------------------------------------------- the fixture

    /** A caller connected to an agent through the menu: their SIPp and RTP peers, and where the key was pressed. */
    private record Connected(long id, Sipp uac, Sipp phone, RtpPeer caller, RtpPeer agent, int keyMark)
    {
    }

    /**
     * Calls the menu from {@code extension}, waits for the welcome and the menu to play through, presses
     * {@code key}, and checks that the agent's phone is offered the call and answers, that the agent is on the
     * call, that the call shows the key and the group, and that the caller and the agent hear each other.
     */
    private Connected pressAndConnect(final String test, final String extension, final int key, final String staffNo,
        final String agentExtension, final boolean bargeIn) throws Exception
    {
        final RtpPeer callerRtp = peer(test + "-caller-rtp");
        final RtpPeer agentRtp = peer(test + "-agent-rtp");
        final Sipp phone = started(Sipp.scenario("ivr-" + test + "-phone-" + agentExtension,
            "ivr/answer-hangup-on-info.xml").port(PHONES.get(agentExtension)).set("rtpport", agentRtp.port())
            .start(0));
        final int callsBefore = api.agent(staffNo).get("callsToday").asInt();
        assertEquals("idle", state(staffNo, "idle").body().get("state").asText());
        final Sipp caller = caller(test, extension, callerRtp);
        final long id = api.callFrom(extension).get("id").asLong();
        // Barge-in: the key while the menu plays (the welcome is 32 packets, the menu 68), else after it.
        final List<RtpPeer.Packet> menu = bargeIn
            ? callerRtp.await(0, "the welcome and part of the menu", packets -> packets.size() >= BARGE_IN_PACKETS)
            : callerRtp.awaitQuiet(0, "the welcome and the menu", QUIET_MILLIS, WAIT_MILLIS);
        assertTrue(speechFrames(menu) >= 25, "the welcome and the menu are speech: " + menu.size() + " packets, "
            + speechFrames(menu) + " of speech");
        assertEquals("[]", api.call(id).get("digits").toString());
        assertTrue(agentRtp.since(0).isEmpty() && phone.running(), "no agent offered before the key");

        final int callerPort = api.call(id).at("/caller/rtpPort").asInt();
        final int keyMark = callerRtp.count();
        callerRtp.pressKey(callerPort, EVENTS, key);
        final JsonNode agent = api.awaitAgent(staffNo, "on call", a -> "on-call".equals(a.get("state").asText()));
        assertEquals(id, agent.get("call").asLong(), agent::toString);
        if (bargeIn)
        {
            assertTrue(callerRtp.since(0).size() < 100, "the menu was cut short: " + callerRtp.since(0).size());
        }
        assertEquals(callsBefore + 1, agent.get("callsToday").asInt(), agent::toString);
        final JsonNode call = api.awaitCall(id, "connected to the agent", c -> c.hasNonNull("callee"));
        assertEquals("[\"caller:" + key + "\"]", call.get("digits").toString(), call::toString);
        assertTrue(call.hasNonNull("queueGroup"), "queued in a group: " + call);
        assertTrue(call.hasNonNull("agent"), "answered by an agent: " + call);

        agentRtp.startSending(call.at("/callee/rtpPort").asInt(), PCMU, n -> frame(AGENT_PHONE, n));
        callerRtp.startSending(callerPort, PCMU, n -> frame(CALLER_PHONE, n));
        callerRtp.await(keyMark, "the agent's audio", WAIT_MILLIS,
            atLeastAfterFirst(in(framesOf(AGENT_PHONE, f -> f)), 10));
        agentRtp.await(0, "the caller's audio", atLeastAfterFirst(in(framesOf(CALLER_PHONE, f -> f)), 10));
        return new Connected(id, caller, phone, callerRtp, agentRtp, keyMark);
    }

    /** The agent's phone hangs up (told by an INFO): the caller gets the server's BYE; the agent goes to wrap-up. */
    private static void hangUp(final Connected call) throws Exception
    {
        api.dtmf(call.id, "callee", "0");
        assertEquals(0, call.phone.await(20), call.phone::traces);
        assertEquals(0, call.uac.await(20), "the caller gets the BYE\n" + call.uac.traces());
    }

    private Sipp caller(final String test, final String extension, final RtpPeer rtp) throws Exception
    {
        return started(Sipp.scenario("ivr-" + test + "-caller-" + extension, "ivr/caller.xml")
            .credentials(extension, "demo-" + extension).service(NUMBER).port(Sipp.freeUdpPort())
            .set("rtpport", rtp.port()).start(server.sipUdpPort()));
    }

    private Sipp started(final Sipp sipp)
    {
        sipps.add(sipp);
        return sipp;
    }

    private RtpPeer peer(final String name) throws Exception
    {
        final RtpPeer peer = new RtpPeer(name);
        peers.add(peer);
        return peer;
    }

    private static void register(final String extension, final int port) throws Exception
    {
        final Sipp sipp = Sipp.scenario("ivr-register-" + extension, "register/register.xml")
            .registering(extension, 300).credentials(extension, "demo-" + extension).port(port);
        assertEquals(0, sipp.run(server.sipUdpPort()), sipp::traces);
    }

    // ------------------------------------------------------------------------------------------------ audio

    /** Frames of speech: µ-law whose mean level is well above silence (not the test phones' noise-like frames). */
    private static int speechFrames(final List<RtpPeer.Packet> packets)
    {
        int speech = 0;
        for (final RtpPeer.Packet packet : packets)
        {
            if (packet.pt() == PCMU && level(packet.payload()) > SPEECH_LEVEL)
            {
                speech++;
            }
        }
        return speech;
    }

    private static double level(final byte[] ulaw)
    {
        long sum = 0;
        for (final byte b : ulaw)
        {
            sum += Math.abs(G711.ulawToLinear(b));
        }
        return ulaw.length == 0 ? 0 : (double)sum / ulaw.length;
    }

    /** What the peer received, split where nothing came for a branch's wait for a key. */
    private static List<List<RtpPeer.Packet>> segments(final RtpPeer rtp)
    {
        final List<RtpPeer.Packet> all = rtp.since(0);
        final List<List<RtpPeer.Packet>> segments = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= all.size(); i++)
        {
            if (i == all.size() || rtp.arrival(i) - rtp.arrival(i - 1)
                >= TimeUnit.MILLISECONDS.toNanos(TIMEOUT_GAP_MILLIS))
            {
                segments.add(all.subList(from, i));
                from = i;
            }
        }
        return segments;
    }

    private static String sizes(final List<List<RtpPeer.Packet>> segments)
    {
        return segments.stream().map(s -> s.size() + " packets (" + speechFrames(s) + " of speech)").toList()
            .toString();
    }

    private static int lastIndex(final List<RtpPeer.Packet> packets, final Predicate<RtpPeer.Packet> kind)
    {
        for (int i = packets.size() - 1; i >= 0; i--)
        {
            if (kind.test(packets.get(i)))
            {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------------ the API

    private static CallApi.Reply put(final String path, final String json) throws Exception
    {
        return api.put(path, json);
    }

    private static CallApi.Reply delete(final String path) throws Exception
    {
        return api.delete(path);
    }

    private static void assertRefused(final int status, final String error, final CallApi.Reply reply)
    {
        assertEquals(status, reply.status(), reply.body()::toString);
        assertEquals(error, reply.error(), reply.body()::toString);
    }

    /** The reply lists a problem of {@code node} whose message mentions {@code mention}. */
    private static void assertProblem(final JsonNode body, final String node, final String mention)
    {
        for (final JsonNode problem : body.path("problems"))
        {
            if (node.equals(problem.path("node").asText()) && problem.path("message").asText().contains(mention))
            {
                return;
            }
        }
        fail("no problem of node " + node + " about " + mention + " in " + body);
    }

    private static CallApi.Reply state(final String agent, final String state) throws Exception
    {
        return api.post("/api/agents/" + agent + "/state", "{\"state\":\"" + state + "\"}");
    }

}
