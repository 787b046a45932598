package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.sip.registrar.Binding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.switchboard.core.system.MediaChecks.assertMusicInOrder;
import static io.switchboard.core.system.MediaChecks.assertOneStream;
import static io.switchboard.core.system.MediaChecks.assertOnlyFromFirst;
import static io.switchboard.core.system.MediaChecks.atLeastAfterFirst;
import static io.switchboard.core.system.MediaChecks.endedEvents;
import static io.switchboard.core.system.MediaChecks.frame;
import static io.switchboard.core.system.MediaChecks.framesOf;
import static io.switchboard.core.system.MediaChecks.in;
import static io.switchboard.core.system.MediaChecks.key;
import static io.switchboard.core.system.MediaChecks.musicFrames;
import static io.switchboard.core.system.MediaChecks.numbers;
import static io.switchboard.core.system.MediaChecks.presses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The anchored media plane through the running server: SIPp does the signalling (and, in one test, plays A-law speech
 * and RFC 4733 keys from Debian's pcaps), Java {@link RtpPeer}s are the phones' RTP and check every payload: relay,
 * G.711 transcoding both ways, payload-type mapping of telephone-event, hold music (from the API and by re-INVITE),
 * mute, DTMF sent from the API, a 488 for an offer we cannot anchor, and no RTP port left behind by any call.
 * The caller is always 1013; each test calls its own callee (1014..1020), so no registration outlives its test.
 */
@Timeout(60)
class MediaSystemTest extends ServerSystemTest
{
    private static final String CALLER = "1013";
    private static final int PCMU = 0;
    private static final int PCMA = 8;
    /** The callee phones' telephone-event payload type: not the caller's 101, so the relay must map it. */
    private static final int CALLEE_EVENTS = 96;
    private static final Path SIP_TESTER = Path.of("/usr/share/sip-tester");
    /** Whose test audio a frame is (see {@link MediaChecks#frame}). */
    private static final int CALLER_PHONE = 1;
    private static final int CALLEE_PHONE = 2;
    private static final int MOVED_PHONE = 3;

    private static CallApi api;
    private final TestResources cleanup = new TestResources();

    @BeforeAll
    static void api() throws Exception
    {
        api = new CallApi(server.httpPort());
    }

    /** Whatever a test did or failed to do: its SIPp and sockets go, its calls end, and no RTP port stays taken. */
    @AfterEach
    void releaseAndCheckForLeaks() throws Exception
    {
        cleanup.close();
        awaitNoActiveCalls();
        final JsonNode media = api.awaitMediaIdle();
        assertEquals(0, media.get("portsInUse").asLong(), media::toString);
        assertEquals(media.get("sessionsOpened").asLong(), media.get("sessionsClosed").asLong(), media::toString);
    }

    // ------------------------------------------------------------------------------------------------ the tests

    @Test
    void shouldRelayPcapSpeechAndKeysTranscodedToTheCallee() throws Exception
    {
        assumeTrue(mayUseRawSockets(), "SIPp plays pcaps through a raw socket, which needs CAP_NET_RAW");
        final List<RtpPeer.Packet> speech = Pcap.rtp(SIP_TESTER.resolve("g711a.pcap"));
        final List<RtpPeer.Packet> played = new ArrayList<>(speech);
        for (final String key : List.of("1", "2", "3", "pound"))
        {
            played.addAll(Pcap.rtp(SIP_TESTER.resolve("dtmf_2833_" + key + ".pcap")));
        }
        final RtpPeer callee = peer("pcap-callee-rtp");
        final Sipp uas = startCallee("pcap", "1014", callee, "PCMU", PCMU);
        final Sipp uac = started(Sipp.scenario("media-pcap-caller", "media/caller-pcap.xml")
            .credentials(CALLER, "demo-" + CALLER).service("1014").port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(server.sipUdpPort()));
        // Should a check fail, SIPp still hangs up by itself: let it, so that the call ends with this test.
        cleanup.add(() -> uac.await(20));
        final long id = answeredCallTo("1014").get("id").asLong();

        final List<RtpPeer.Packet> got = callee.await(0, "every packet of the pcaps", 20_000,
            packets -> packets.size() >= played.size());
        assertEquals(played.size(), got.size(), "packets relayed (none may be lost on loopback, none added)");
        final List<RtpPeer.Packet> audio = got.subList(0, speech.size());
        for (int i = 0; i < speech.size(); i++)
        {
            assertEquals(PCMU, audio.get(i).pt(), "speech packet " + i);
            assertArrayEquals(MediaChecks.alawToUlaw(speech.get(i).payload()), audio.get(i).payload(),
                "speech packet " + i + " is not the pcap's A-law payload in µ-law");
        }
        for (int i = speech.size(); i < played.size(); i++)
        {
            assertEquals(CALLEE_EVENTS, got.get(i).pt(), "event packet " + i + " on the callee's payload type");
            assertArrayEquals(played.get(i).payload(), got.get(i).payload(), "event packet " + i);
        }
        assertEquals(List.of(1, 2, 3, 11), endedEvents(got, CALLEE_EVENTS), "keys 1 2 3 #, each once");
        MediaChecks.assertRewritten(played, got, "callee");

        final JsonNode call = api.awaitCall(id, "told of the caller's keys", c -> c.get("digits").size() >= 4);
        assertEquals("[\"caller:1\",\"caller:2\",\"caller:3\",\"caller:#\"]", call.get("digits").toString());
        assertEquals("PCMA", call.at("/caller/codec").asText(), call::toString);
        assertEquals("PCMU", call.at("/callee/codec").asText(), call::toString);
        assertTrue(call.at("/caller/telephoneEvent").asBoolean() && call.at("/callee/telephoneEvent").asBoolean());
        assertEquals(0, uac.await(30), uac::traces);
        assertEquals(0, uas.await(30), uas::traces);
    }

    @Test
    void shouldPlayHoldMusicToTheHeldPartyOnlyWhileHeldFromTheApi() throws Exception
    {
        final PeerCall call = peerCall("hold", "1015", "PCMU", PCMU, "media/caller.xml");
        final Map<String, Integer> fromCaller = framesOf(CALLER_PHONE, f -> f);
        final Map<String, Integer> fromCallee = framesOf(CALLEE_PHONE, f -> f);
        final Map<String, Integer> music = musicFrames();
        call.talk(PCMU);
        call.callee.await(0, "the caller's audio", atLeastAfterFirst(in(fromCaller), 10));

        final int beforeHold = call.callee.count();
        final JsonNode held = api.ok(call.id, "hold", "callee");
        assertTrue(held.at("/callee/held").asBoolean(), held::toString);
        assertEquals("api", held.at("/callee/heldBy").asText(), held::toString);
        final List<RtpPeer.Packet> music1 = assertOnlyFromFirst(call.callee.await(beforeHold, "hold music",
            atLeastAfterFirst(in(music), 25)), in(music), "frame of hold music");
        assertMusicInOrder(music1, music);
        assertEquals(0, music.get(key(music1.get(0).payload())), "the music starts at its beginning");
        // The held party still talks to the other: the caller hears the callee, and the server keeps sending to it.
        call.caller.await(call.caller.count(), "the callee's audio during the hold",
            atLeastAfterFirst(in(fromCallee), 10));
        final long sent = held.at("/caller/packetsOut").asLong();
        api.awaitCall(call.id, "still sending to the caller", c -> c.at("/caller/packetsOut").asLong() > sent + 10);

        assertRefused(409, "wrong_state", api.command(call.id, "hold", "callee"));
        assertRefused(409, "wrong_state", api.command(call.id, "unhold", "caller"));
        assertRefused(404, "unknown_call", api.command(987_654_321L, "hold", "callee"));
        assertRefused(400, "bad_request", api.command(call.id, "hold", "middle"));
        assertRefused(400, "bad_request", api.post("/api/calls/" + call.id + "/hold", "{\"leg\":"));

        final int beforeUnhold = call.callee.count();
        final JsonNode resumed = api.ok(call.id, "unhold", "callee");
        assertFalse(resumed.at("/callee/held").asBoolean(), resumed::toString);
        assertOnlyFromFirst(call.callee.await(beforeUnhold, "the caller's audio again",
            atLeastAfterFirst(in(fromCaller), 10)), in(fromCaller), "frame of the caller's audio");
        assertOneStream(call.callee.since(0), "callee");
        call.hangUp();
    }

    @Test
    void shouldSendSilenceInsteadOfAMutedParty() throws Exception
    {
        final PeerCall call = peerCall("mute", "1016", "PCMU", PCMU, "media/caller.xml");
        final Map<String, Integer> fromCaller = framesOf(CALLER_PHONE, f -> f);
        final Map<String, Integer> fromCallee = framesOf(CALLEE_PHONE, f -> f);
        call.talk(PCMU);
        call.callee.await(0, "the caller's audio", atLeastAfterFirst(in(fromCaller), 10));

        final int beforeMute = call.callee.count();
        final JsonNode muted = api.ok(call.id, "mute", "caller");
        assertTrue(muted.at("/caller/muted").asBoolean(), muted::toString);
        assertOnlyFromFirst(call.callee.await(beforeMute, "silence instead of the caller",
            atLeastAfterFirst(MediaChecks::ulawSilence, 25)), MediaChecks::ulawSilence, "frame of µ-law silence");
        call.caller.await(call.caller.count(), "the callee's audio while the caller is muted",
            atLeastAfterFirst(in(fromCallee), 10));
        assertRefused(409, "wrong_state", api.command(call.id, "mute", "caller"));
        assertRefused(409, "wrong_state", api.command(call.id, "unmute", "callee"));

        final int beforeUnmute = call.callee.count();
        assertFalse(api.ok(call.id, "unmute", "caller").at("/caller/muted").asBoolean());
        assertOnlyFromFirst(call.callee.await(beforeUnmute, "the caller's audio again",
            atLeastAfterFirst(in(fromCaller), 10)), in(fromCaller), "frame of the caller's audio");
        assertOneStream(call.callee.since(0), "callee");
        call.hangUp();
    }

    @Test
    void shouldSendKeysAsRfc4733EventsWithThePhonesPayloadTypeFromTheApiAndFromSipInfo() throws Exception
    {
        final PeerCall call = peerCall("dtmf", "1017", "PCMU", PCMU, "media/caller-info.xml");
        final Map<String, Integer> fromCaller = framesOf(CALLER_PHONE, f -> f);
        call.talk(PCMU);
        call.callee.await(0, "the caller's audio", atLeastAfterFirst(in(fromCaller), 10));

        final int before = call.callee.count();
        api.dtmf(call.id, "callee", "123#");
        final List<RtpPeer.Packet> got = call.callee.await(before, "keys 1 2 3 # and the caller's audio after them",
            packets ->
            {
                final List<MediaChecks.Press> presses = presses(packets, CALLEE_EVENTS);
                return presses.size() == 4 && presses.get(3).ends() >= 3
                    && numbers(packets.subList(packets.indexOf(lastOf(presses)), packets.size()), fromCaller)
                        .size() >= 5;
            });
        final List<MediaChecks.Press> presses = presses(got, CALLEE_EVENTS);
        assertEquals(List.of(1, 2, 3, 11), presses.stream().map(MediaChecks.Press::event).toList());
        for (final MediaChecks.Press press : presses)
        {
            final List<RtpPeer.Packet> packets = press.packets();
            assertTrue(packets.get(0).marker(), "marker on the first packet of " + press);
            assertTrue(packets.stream().skip(1).noneMatch(RtpPeer.Packet::marker), "one marker in " + press);
            assertTrue(packets.stream().allMatch(p -> p.event() == press.event()), "one event in " + press);
            assertEquals(3, press.ends(), "three end packets in " + press);
            assertTrue(packets.subList(packets.size() - 3, packets.size()).stream().allMatch(RtpPeer.Packet::end),
                "the end packets close " + press);
        }
        assertTrue(call.caller.since(0).stream().allMatch(p -> p.pt() == PCMU), "the caller gets no events");
        assertRefused(400, "bad_request", api.post("/api/calls/" + call.id + "/dtmf",
            "{\"leg\":\"callee\",\"digits\":\"12x\"}"));
        assertOneStream(call.callee.since(0), "callee");

        // The caller's phone presses 5 by SIP INFO: accepted, listed, and sent on to the callee as an event.
        final int beforeInfo = call.callee.count();
        call.signal();
        final List<RtpPeer.Packet> afterInfo = call.callee.await(beforeInfo, "key 5 from the caller's INFO",
            packets -> endedEvents(packets, CALLEE_EVENTS).size() == 1);
        assertEquals(5, presses(afterInfo, CALLEE_EVENTS).get(0).event());
        final JsonNode state = api.awaitCall(call.id, "told of the caller's key", c -> c.get("digits").size() >= 1);
        assertEquals("[\"caller:5\"]", state.get("digits").toString(), "the keys the API sent are not the phones'");
        call.hangUp();
    }

    @Test
    void shouldAnswerHoldResumeAndAnOfferlessReInviteFromThePhoneItself() throws Exception
    {
        final RtpPeer moved = peer("reinvite-caller-moved-rtp");
        final PeerCall call = peerCall("reinvite", "1018", "PCMU", PCMU, "media/caller-hold.xml",
            "-set", "rtpport2", Integer.toString(moved.port()));
        final Map<String, Integer> fromCaller = framesOf(CALLER_PHONE, f -> f);
        final Map<String, Integer> fromCallee = framesOf(CALLEE_PHONE, f -> f);
        final Map<String, Integer> fromMoved = framesOf(MOVED_PHONE, f -> f);
        final Map<String, Integer> music = musicFrames();
        call.talk(PCMU);
        call.callee.await(0, "the caller's audio", atLeastAfterFirst(in(fromCaller), 10));
        call.caller.await(0, "the callee's audio", atLeastAfterFirst(in(fromCallee), 10));

        // 1. The caller's phone holds (a=sendonly; SIPp checks that we answer a=recvonly): the callee hears music.
        final int beforeHold = call.callee.count();
        call.signal();
        call.callee.await(beforeHold, "hold music", atLeastAfterFirst(in(music), 10));
        final int callerDuringHold = call.caller.count();
        assertMusicInOrder(assertOnlyFromFirst(call.callee.await(beforeHold, "more hold music",
            atLeastAfterFirst(in(music), 25)), in(music), "frame of hold music"), music);
        assertEquals(List.of(), call.caller.since(callerDuringHold), "a phone that holds (sendonly) is sent nothing");
        final JsonNode held = api.call(call.id);
        assertEquals("phone", held.at("/callee/heldBy").asText(), held::toString);
        assertFalse(held.at("/caller/held").asBoolean(), held::toString);

        // 2. It resumes (a=sendrecv): both hear each other again.
        final int beforeResume = call.callee.count();
        final int callerBeforeResume = call.caller.count();
        call.signal();
        assertOnlyFromFirst(call.callee.await(beforeResume, "the caller's audio again",
            atLeastAfterFirst(in(fromCaller), 10)), in(fromCaller), "frame of the caller's audio");
        call.caller.await(callerBeforeResume, "the callee's audio again", atLeastAfterFirst(in(fromCallee), 10));
        assertFalse(api.call(call.id).at("/callee/held").asBoolean());

        // 3. A re-INVITE without SDP: we offer in the 200, its ACK answers with a new address (`moved`).
        call.caller.stopSending();
        call.signal();
        moved.await(0, "the callee's audio at the caller's new address", atLeastAfterFirst(in(fromCallee), 10));
        final int beforeMoved = call.callee.count();
        moved.startSending(call.callerPort, PCMU, n -> frame(MOVED_PHONE, n));
        call.callee.await(beforeMoved, "the caller's audio from its new address",
            atLeastAfterFirst(in(fromMoved), 10));
        assertOneStream(call.callee.since(0), "callee");
        call.hangUp();
        final String ok = receivedOkTo(call.uac.messages(), "5 INVITE");
        assertTrue(ok.contains("m=audio " + call.callerPort + " RTP/AVP 0"), "our offer in the 200:\n" + ok);
    }

    @Test
    void shouldRelayAudioBothWaysTranscodingBetweenPcmuAndPcma() throws Exception
    {
        final PeerCall call = peerCall("both-ways", "1019", "PCMA", PCMA, "media/caller.xml");
        final JsonNode state = api.call(call.id);
        assertEquals("PCMU", state.at("/caller/codec").asText(), state::toString);
        assertEquals("PCMA", state.at("/callee/codec").asText(), state::toString);
        call.caller.startSending(call.callerPort, PCMU, n -> frame(CALLER_PHONE, n));
        call.callee.startSending(call.calleePort, PCMA, n -> frame(CALLEE_PHONE, n));
        final Map<String, Integer> callerInAlaw = framesOf(CALLER_PHONE, MediaChecks::ulawToAlaw);
        final Map<String, Integer> calleeInUlaw = framesOf(CALLEE_PHONE, MediaChecks::alawToUlaw);

        final List<RtpPeer.Packet> atCallee = call.callee.await(0, "50 frames of the caller's audio in A-law",
            packets -> numbers(packets, callerInAlaw).size() >= 50);
        final List<RtpPeer.Packet> atCaller = call.caller.await(0, "50 frames of the callee's audio in µ-law",
            packets -> numbers(packets, calleeInUlaw).size() >= 50);
        assertEquals(IntStream.range(0, atCallee.size()).boxed().toList(), numbers(atCallee, callerInAlaw),
            "every frame the caller sent, in order, transcoded to A-law, and nothing else");
        assertEquals(IntStream.range(0, atCaller.size()).boxed().toList(), numbers(atCaller, calleeInUlaw),
            "every frame the callee sent, in order, transcoded to µ-law, and nothing else");
        assertTrue(atCallee.stream().allMatch(p -> p.pt() == PCMA), "the callee gets PCMA");
        assertTrue(atCaller.stream().allMatch(p -> p.pt() == PCMU), "the caller gets PCMU");
        assertOneStream(atCallee, "callee");
        assertOneStream(atCaller, "caller");
        call.hangUp();
    }

    @Test
    void shouldRefuseAnOfferWithoutACodecWeAnchorWith488AndKeepNoPort() throws Exception
    {
        register("1020", Sipp.freeUdpPort());
        final JsonNode before = api.awaitMediaIdle();
        final Sipp uac = Sipp.scenario("media-g729-caller", "media/caller-g729.xml")
            .credentials(CALLER, "demo-" + CALLER).service("1020").port(Sipp.freeUdpPort());
        assertEquals(0, uac.run(server.sipUdpPort()), uac::traces);
        final JsonNode after = api.awaitMediaIdle();
        assertEquals(before.get("sessionsOpened").asLong() + 1, after.get("sessionsOpened").asLong(), after::toString);
        assertEquals(before.get("sessionsRefused").asLong(), after.get("sessionsRefused").asLong(), after::toString);
    }

    // ---------------------------------------------------------------------------------------------- the fixture

    /** A call from a SIPp caller (1013) to a SIPp callee, each with a Java RTP peer as its media. */
    private final class PeerCall
    {
        final long id;
        final RtpPeer caller;
        final RtpPeer callee;
        /** The server's RTP ports on the caller's and the callee's leg. */
        final int callerPort;
        final int calleePort;
        final Sipp uac;
        final Sipp uas;

        PeerCall(final JsonNode call, final RtpPeer caller, final RtpPeer callee, final Sipp uac, final Sipp uas)
        {
            this.id = call.get("id").asLong();
            this.caller = caller;
            this.callee = callee;
            this.callerPort = call.at("/caller/rtpPort").asInt();
            this.calleePort = call.at("/callee/rtpPort").asInt();
            this.uac = uac;
            this.uas = uas;
        }

        /** Both phones talk: each sends its own frames in {@code pt}. */
        void talk(final int pt)
        {
            caller.startSending(callerPort, pt, n -> frame(CALLER_PHONE, n));
            callee.startSending(calleePort, pt, n -> frame(CALLEE_PHONE, n));
        }

        /** Tells the SIPp caller to take its next step: an INFO (a key sent to the caller leg, no telephone-event). */
        void signal() throws Exception
        {
            api.dtmf(id, "caller", "0");
        }

        /** The caller hangs up (told by {@link #signal}); both SIPp must have played their scenario through. */
        void hangUp() throws Exception
        {
            signal();
            assertEquals(0, uac.await(20), uac::traces);
            assertEquals(0, uas.await(20), uas::traces);
        }

        /**
         * After a failure: signals the caller on until it has hung up (its scenario may be some steps from its BYE),
         * so that the call does not outlive the test and fail the next ones too.
         */
        void abandon() throws Exception
        {
            for (int step = 0; step < 5 && uac.running(); step++)
            {
                api.post("/api/calls/" + id + "/dtmf", "{\"leg\":\"caller\",\"digits\":\"0\"}");
                uac.await(2);
            }
        }
    }

    private PeerCall peerCall(final String name, final String callee, final String codec, final int pt,
        final String callerScenario, final String... callerArgs) throws Exception
    {
        final RtpPeer callerPeer = peer(name + "-caller-rtp");
        final RtpPeer calleePeer = peer(name + "-callee-rtp");
        final Sipp uas = startCallee(name, callee, calleePeer, codec, pt);
        final Sipp uac = started(Sipp.scenario("media-" + name + "-caller", callerScenario)
            .credentials(CALLER, "demo-" + CALLER).service(callee).port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).set("rtpport", callerPeer.port()).arg(callerArgs)
            .start(server.sipUdpPort()));
        final PeerCall call = new PeerCall(answeredCallTo(callee), callerPeer, calleePeer, uac, uas);
        cleanup.add(call::abandon);
        return call;
    }

    /** Registers the callee from a free port and starts there a SIPp UAS answering for {@code peer}'s RTP. */
    private Sipp startCallee(final String name, final String extension, final RtpPeer peer, final String codec,
        final int pt) throws Exception
    {
        final int port = Sipp.freeUdpPort();
        register(extension, port);
        return started(Sipp.scenario("media-" + name + "-callee", "media/callee.xml").port(port)
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).set("rtpport", peer.port()).set("codec", codec)
            .set("pt", pt).set("tept", CALLEE_EVENTS).start(0));
    }

    private static void register(final String extension, final int port) throws Exception
    {
        final Sipp sipp = Sipp.scenario("media-register-" + extension, "register/register.xml")
            .registering(extension, 300).credentials(extension, "demo-" + extension).port(port);
        assertEquals(0, sipp.run(server.sipUdpPort()), sipp::traces);
        final List<Binding> bindings = server.locations().lookup(extension, System.currentTimeMillis());
        assertTrue(bindings.stream().anyMatch(b -> b.contact().contains(":" + port)), "contacts " + bindings);
    }

    private static JsonNode answeredCallTo(final String extension) throws Exception
    {
        return api.awaitCallTo(extension, "confirmed", c -> "confirmed".equals(c.path("state").asText()));
    }

    private RtpPeer peer(final String name) throws Exception
    {
        return cleanup.peer(name);
    }

    private Sipp started(final Sipp sipp)
    {
        return cleanup.started(sipp);
    }

    private static void assertRefused(final int status, final String error, final CallApi.Reply reply)
    {
        assertEquals(status, reply.status(), reply.body()::toString);
        assertEquals(error, reply.error(), reply.body()::toString);
    }

    /** Whether this process (and so the SIPp it starts) has CAP_NET_RAW (bit 13 of the effective capabilities). */
    static boolean mayUseRawSockets() throws Exception
    {
        for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
        {
            if (line.startsWith("CapEff:"))
            {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 13)) != 0;
            }
        }
        return false;
    }

    private static RtpPeer.Packet lastOf(final List<MediaChecks.Press> presses)
    {
        final List<RtpPeer.Packet> last = presses.get(presses.size() - 1).packets();
        return last.get(last.size() - 1);
    }

    /** The 200 OK a SIPp run received for {@code cseq} (e.g. "5 INVITE"), from its message trace. */
    private static String receivedOkTo(final String messages, final String cseq)
    {
        for (final String block : messages.split("-{20,}"))
        {
            if (block.contains("message received") && block.contains("SIP/2.0 200") && block.contains("CSeq: " + cseq))
            {
                return block;
            }
        }
        return "no 200 to " + cseq + " in:\n" + messages;
    }
}
