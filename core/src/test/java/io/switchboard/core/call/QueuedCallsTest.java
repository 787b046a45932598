package io.switchboard.core.call;

import io.switchboard.sip.message.Bodies;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.config.AcdSettingsConfig;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.test.SipMessages;
import io.switchboard.sip.transport.Flow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A queued call from the call layer's side, on the manual clock with a capturing network: the caller of queue number
 * 4001 is answered by us and handed to the ACD; the ACD's decisions (offer, withdraw) ring and cancel the agent's
 * phone; what the phone does is told back to the ACD (answered, declined), and the call's end too. The ACD is a
 * recording {@link AcdPort}: the engine's own rules are the acd module's tests.
 */
class QueuedCallsTest extends AnchoredCallFixture
{
    private static final int AGENT = 0;
    private final RecordingAcd acd = new RecordingAcd();
    private QueuedCalls queued;

    @BeforeEach
    void connectTheQueue()
    {
        final AcdSettingsConfig config = new AcdSettingsConfig();
        final AcdSettingsConfig.Group sales = new AcdSettingsConfig.Group();
        sales.name = "sales";
        config.groups.add(sales);
        final AcdSettingsConfig.Agent agent = new AcdSettingsConfig.Agent();
        agent.staffNo = "A1002";
        agent.name = "Agent 1002";
        agent.extension = "1002";
        agent.groups.add("sales");
        config.agents.add(agent);
        final AcdSettingsConfig.QueueNumber number = new AcdSettingsConfig.QueueNumber();
        number.number = "4001";
        number.group = "sales";
        config.numbers.add(number);
        queued = new QueuedCalls(calls, media, acd, new AgentDirectory(config), 0);
        calls.queues(queued);
    }

    @Test
    void aCallerOfTheQueueIsAnsweredHandedToTheAcdRungToTheAgentAndEndsTold() throws Exception
    {
        final long id = queuedCall();
        assertEquals(List.of("queue " + id + " group 1"), acd.heard, "handed to the ACD with the group's id");
        onLoop(() ->
        {
            queued.offer(id, AGENT, false);
            return null;
        });
        final SIPRequest ring = (SIPRequest)sent(PHONE, "INVITE", 0).message();
        assertTrue(ring.getTo().getAddress().toString().contains("1002"), ring.toString());
        onLoop(() ->
        {
            phoneAnswers(ring, 200);
            return null;
        });
        assertEquals("answered " + id + " agent 0", acd.heard.get(1));
        assertEquals(1, count(PHONE, "ACK", 0));
        onLoop(() ->
        {
            inDialog(sentOk(), "BYE", 2, null);
            return null;
        });
        assertEquals(1, count(PHONE, "BYE", 0), "the agent's phone is hung up");
        assertEquals("ended " + id, acd.heard.get(acd.heard.size() - 1));
    }

    @Test
    void aPhoneThatRefusesTheOfferIsADeclineAndAWithdrawnOfferIsNot() throws Exception
    {
        final long id = queuedCall();
        onLoop(() ->
        {
            queued.offer(id, AGENT, false);
            phoneAnswers((SIPRequest)sent(PHONE, "INVITE", 0).message(), 486);
            return null;
        });
        assertEquals("declined " + id + " agent 0", acd.heard.get(1), "busy: the ACD moves the call on");
        network.sent().clear();
        onLoop(() ->
        {
            queued.offer(id, AGENT, false);
            phoneAnswers((SIPRequest)sent(PHONE, "INVITE", 0).message(), 180); // a CANCEL waits for a 1xx (§9.1)
            queued.withdraw(id, AGENT);
            return null;
        });
        assertEquals(1, count(PHONE, "CANCEL", 0), "the ring timeout's withdrawal cancels the ring");
        onLoop(() ->
        {
            phoneAnswers((SIPRequest)sent(PHONE, "INVITE", 0).message(), 487);
            return null;
        });
        assertEquals(2, acd.heard.size(), "a ring we withdrew is not the agent's decline: " + acd.heard);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The caller dials 4001: answered by us at once (200 with our answer); returns the call's id. */
    private long queuedCall() throws Exception
    {
        return onLoop(() ->
        {
            callerInvites(PCMU_OFFER, "", "4001");
            final SIPResponse ok = (SIPResponse)sent(CALLER, "INVITE", 200).message();
            callerAck(ok, null);
            return (Long)calls.commands().describeCalls().get(0).get("id");
        });
    }

    private SIPResponse sentOk()
    {
        return (SIPResponse)sent(CALLER, "INVITE", 200).message();
    }

    private void phoneAnswers(final SIPRequest invite, final int status) throws Exception
    {
        final SIPResponse answer = SipMessages.responseTo(invite, status, "agent-phone");
        if (status == 200)
        {
            answer.setHeader(SipFactories.HEADERS.createContactHeader(
                SipFactories.ADDRESSES.createAddress("sip:1002@127.0.0.1:5070")));
            Bodies.setSdp(answer, sdp("RTP/AVP 0", "").getBytes(StandardCharsets.US_ASCII));
        }
        layer.onResponse(answer, new Flow(UDP, new InetSocketAddress("127.0.0.1", 5060), PHONE, null));
    }

    /** What the call layer tells the ACD, in order. */
    private static final class RecordingAcd implements AcdPort
    {
        final List<String> heard = new CopyOnWriteArrayList<>();

        @Override
        public boolean queue(final long callId, final int groupId, final long callerKey, final int worker)
        {
            heard.add("queue " + callId + " group " + groupId);
            return true;
        }

        @Override
        public void answered(final long callId, final int agentId)
        {
            heard.add("answered " + callId + " agent " + agentId);
        }

        @Override
        public void declined(final long callId, final int agentId)
        {
            heard.add("declined " + callId + " agent " + agentId);
        }

        @Override
        public void ended(final long callId)
        {
            heard.add("ended " + callId);
        }

        @Override
        public CompletionStage<Void> directOffer(final int agentId)
        {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Boolean> online(final int agentId)
        {
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public void directStart(final int agentId)
        {
            heard.add("directStart " + agentId);
        }

        @Override
        public void directMissed(final int agentId)
        {
            heard.add("directMissed " + agentId);
        }

        @Override
        public void directEnded(final int agentId)
        {
            heard.add("directEnded " + agentId);
        }
    }
}
