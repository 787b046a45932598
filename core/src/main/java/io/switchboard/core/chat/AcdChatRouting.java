package io.switchboard.core.chat;

import io.switchboard.acd.AcdListener;
import io.switchboard.acd.AcdService;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.desk.ChatRouting;
import io.switchboard.core.agent.AgentDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * The chat desk's proxy to the ACD and the ACD's adapter back to the desk: groups and agents by name and staff number
 * here, by id in the engine. Sessions are queued with their decisions on ring {@code chatRing} of the {@link
 * AcdService} (one past the SIP workers'), which the API's loop drains into {@link #chatOffer} and the other chat
 * decisions; those then call the desk on that loop, its owner. An acceptance goes through {@link
 * AcdService#execute} so that the engine's answer (it may have withdrawn the offer meanwhile) comes back.
 */
public final class AcdChatRouting extends AcdListener.Ignoring implements ChatRouting
{
    private static final Logger LOG = LoggerFactory.getLogger(AcdChatRouting.class);

    private final AcdService acd;
    private final AgentDirectory agents;
    private final int chatRing;
    private ChatDesk desk;

    public AcdChatRouting(final AcdService acd, final AgentDirectory agents, final int chatRing)
    {
        this.acd = acd;
        this.agents = agents;
        this.chatRing = chatRing;
    }

    /** The desk the decisions go to (made after its ports). */
    public void desk(final ChatDesk chatDesk)
    {
        this.desk = chatDesk;
    }

    /** Hands the ACD's chat decisions waiting on the ring to the desk; on the API's loop. */
    public int drain()
    {
        return acd.drain(chatRing, this, 256);
    }

    @Override
    public void queue(final long sessionId, final String group, final String owner)
    {
        final AgentDirectory.Group known = agents.group(group);
        final AgentDirectory.Agent ownerAgent = owner == null ? null : agents.agentByStaffNo(owner);
        if (known == null || !acd.chatQueue(sessionId, known.id(), ownerAgent == null ? -1 : ownerAgent.id(),
            chatRing))
        {
            LOG.warn("chat {}: not queued to group {} (unknown group or the ACD's ring is full)", sessionId, group);
            desk.onNoAgent(sessionId);
        }
    }

    @Override
    public CompletableFuture<?> accepted(final long sessionId, final String staffNo)
    {
        final AgentDirectory.Agent agent = agents.agentByStaffNo(staffNo);
        if (agent == null)
        {
            return CompletableFuture.failedFuture(new IllegalStateException("no agent " + staffNo));
        }
        return acd.execute(engine -> engine.chatAccepted(sessionId, agent.id(), System.nanoTime()));
    }

    @Override
    public CompletableFuture<?> transfer(final long sessionId, final String staffNo, final String toStaffNo,
        final String toGroup)
    {
        final AgentDirectory.Agent from = agents.agentByStaffNo(staffNo);
        final AgentDirectory.Agent to = toStaffNo == null ? null : agents.agentByStaffNo(toStaffNo);
        final AgentDirectory.Group group = toGroup == null ? null : agents.group(toGroup);
        if (from == null || (to == null && group == null))
        {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no such agent or group"));
        }
        return acd.chatTransfer(sessionId, from.id(), to == null ? -1 : to.id(), group == null ? -1 : group.id());
    }

    @Override
    public CompletableFuture<?> open(final long sessionId, final String staffNo, final String group)
    {
        final AgentDirectory.Agent agent = agents.agentByStaffNo(staffNo);
        final AgentDirectory.Group known = agents.group(group);
        if (agent == null || known == null)
        {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no such agent or group"));
        }
        return acd.chatOpen(sessionId, agent.id(), known.id(), chatRing);
    }

    @Override
    public CompletableFuture<?> pick(final long sessionId, final String staffNo)
    {
        final AgentDirectory.Agent agent = agents.agentByStaffNo(staffNo);
        if (agent == null)
        {
            return CompletableFuture.failedFuture(new IllegalStateException("no agent " + staffNo));
        }
        return acd.chatPick(sessionId, agent.id());
    }

    @Override
    public void chatTransferred(final long sessionId, final int agentId)
    {
        final AgentDirectory.Agent agent = agents.agent(agentId);
        if (agent != null)
        {
            desk.onTransferred(sessionId, agent.staffNo());
        }
    }

    @Override
    public void ended(final long sessionId)
    {
        if (!acd.chatEnded(sessionId))
        {
            LOG.warn("chat {}: the ACD's ring is full, its end is not counted", sessionId);
        }
    }

    @Override
    public void chatOffer(final long sessionId, final int agentId, final boolean autoAccept)
    {
        final AgentDirectory.Agent agent = agents.agent(agentId);
        if (agent == null)
        {
            acd.chatEnded(sessionId);
            return;
        }
        desk.onOffer(sessionId, agent.staffNo(), autoAccept);
    }

    @Override
    public void chatWithdraw(final long sessionId, final int agentId)
    {
        final AgentDirectory.Agent agent = agents.agent(agentId);
        if (agent != null)
        {
            desk.onWithdraw(sessionId, agent.staffNo());
        }
    }

    @Override
    public void chatPosition(final long sessionId, final int ahead)
    {
        desk.onPosition(sessionId, ahead);
    }

    @Override
    public void chatNoAgent(final long sessionId)
    {
        desk.onNoAgent(sessionId);
    }
}
