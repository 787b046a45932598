package io.switchboard.core.call;

import io.switchboard.sip.message.Bodies;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.flows.AudioLibrary;
import io.switchboard.ivr.flow.Flow;
import io.switchboard.media.audio.AudioClip;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A number that runs a voice flow, on the call layer's harness (manual clock, capturing network, real media on the
 * test's loop): the server answers the caller and runs the flow, the caller's keys (SIP INFO) choose its branch,
 * the branch's timeout runs on the call's scheduler, and too many misses or the end node hang up. The prompts name
 * audio the library does not have, so each counts as heard at once (what the flow does when audio is gone).
 */
class FlowCallsTest extends AnchoredCallFixture
{
    private static final String MENU = """
        {"name": "menu", "nodes": [
          {"type": "start", "id": "start", "next": "menu"},
          {"type": "branch", "id": "menu", "prompt": {"audio": "menu"}, "keys": {"1": "bye", "0": "menu"},
           "timeoutSeconds": 5, "timeoutPrompt": {"audio": "again"}, "errorPrompt": {"audio": "wrong"},
           "maxErrors": 2},
          {"type": "end", "id": "bye", "prompt": {"audio": "bye"}}
        ]}""";

    @BeforeEach
    void flows() throws Exception
    {
        final Flow menu = new ObjectMapper().readValue(MENU, Flow.class);
        calls.flows(new FlowCalls(calls, media, null, null, null, new NoAudio(),
            number -> "5000".equals(number) ? menu : null, loop));
    }

    @Test
    void theCallersKeyChoosesTheBranchAndTheEndNodeHangsUp() throws Exception
    {
        final SIPResponse ok = answeredByTheServer();
        assertEquals(0, count(CALLER, "BYE", 0), "the menu waits for a key");
        onLoop(() -> call(() -> key(ok, '1', 2)));
        settle();
        assertEquals(1, count(CALLER, "BYE", 0), "key 1 went to the end node, which hung up");
    }

    @Test
    void aWrongKeyAndATimeoutAreMissesAndTheSecondMissHangsUp() throws Exception
    {
        final SIPResponse ok = answeredByTheServer();
        onLoop(() -> call(() -> key(ok, '7', 2)));
        settle();
        assertEquals(0, count(CALLER, "BYE", 0), "one miss: asked again");
        onLoop(() -> call(() -> clock.advanceMillis(4_900)));
        settle();
        assertEquals(0, count(CALLER, "BYE", 0), "not yet five seconds since the question");
        onLoop(() -> call(() -> clock.advanceMillis(200)));
        settle();
        assertEquals(1, count(CALLER, "BYE", 0), "the timeout was the second miss");
    }

    @Test
    void aCallerWhoHangsUpStopsTheFlowAndItsTimer() throws Exception
    {
        final SIPResponse ok = answeredByTheServer();
        onLoop(() -> call(() -> quietly(() -> inDialog(ok, "BYE", 2, null))));
        assertEquals(1, count(CALLER, "BYE", 200));
        onLoop(() -> call(() -> clock.advanceMillis(20_000)));
        settle();
        assertEquals(0, count(CALLER, "BYE", 0), "no timeout fires for a call that is over");
    }

    /** The caller calls 5000 and the server answers (our SDP), then the caller ACKs. */
    private SIPResponse answeredByTheServer() throws Exception
    {
        final SIPResponse ok = onLoop(() ->
        {
            callerInvites(PCMU_OFFER, "", "5000");
            final SIPResponse answer = (SIPResponse)sent(CALLER, "INVITE", 200).message();
            callerAck(answer, null);
            return answer;
        });
        settle();
        return ok;
    }

    /**
     * Lets the loop run what the last step handed to it (a prompt with no audio is "heard" in a task of its own,
     * and the flow's next step follows in another): a few turns of the loop, each queued after the tasks before.
     */
    private void settle() throws Exception
    {
        for (int turn = 0; turn < 4; turn++)
        {
            onLoop(() -> null);
        }
    }

    private void key(final SIPResponse ok, final char digit, final long seq)
    {
        quietly(() ->
        {
            final SIPRequest info = inDialogRequest(ok, "INFO", seq, null);
            Bodies.set(info, "application", "dtmf-relay",
                ("Signal=" + digit + "\r\nDuration=160\r\n").getBytes(StandardCharsets.US_ASCII));
            layer.onRequest(info, callerFlow());
        });
    }

    /** A library with no audio: every prompt counts as heard at once. */
    private static final class NoAudio implements AudioLibrary
    {
        @Override
        public AudioClip clip(final String id)
        {
            return null;
        }

        @Override
        public boolean exists(final String id)
        {
            return false;
        }

        @Override
        public boolean approved(final String id)
        {
            return false;
        }
    }
}
