package io.switchboard.acd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.switchboard.acd.InvariantModel.Call;
import io.switchboard.acd.InvariantModel.Chat;
import io.switchboard.acd.InvariantModel.ChatStatus;
import io.switchboard.acd.InvariantModel.Status;

/**
 * Checks each of the engine's reports against the {@link InvariantModel} as it comes, then updates the model: an
 * offer goes to the agent the rules pick, first in line; no agent is offered a session at its limit; a position only
 * goes down; a session or call ends one way only.
 */
final class InvariantListener implements AcdListener
{
    private final InvariantModel model;

    InvariantListener(final InvariantModel model)
    {
        this.model = model;
    }

    @Override
    public void offer(final long callId, final int agentId, final boolean autoAnswer)
    {
        model.events++;
        final Call call = model.calls.get(callId);
        if (!model.takesCalls(agentId))
        {
            fail("call " + callId + " offered to agent " + agentId + " who is " + model.state[agentId] + " with "
                + model.open[agentId] + " chats");
        }
        assertEquals(Status.WAITING, call.status, "call " + callId + " offered twice");
        assertTrue(model.member[agentId][call.group], "agent " + agentId + " is not in group " + call.group);
        final int best = model.best(call.group);
        final Integer last = model.lastAgent.get(call.callerKey);
        assertTrue(best == agentId || model.lastAgentPriority && last != null && last == agentId,
            "call " + callId + " offered to " + agentId + " but the " + model.policy[call.group] + " pick is " + best);
        for (final Long earlier : model.queues[call.group])
        {
            if (earlier == callId)
            {
                break;
            }
            assertEquals(Status.RINGING, model.calls.get(earlier).status,
                "call " + callId + " offered before call " + earlier + ", which waited longer in the group");
        }
        call.status = Status.RINGING;
        call.agent = agentId;
    }

    @Override
    public void withdraw(final long callId, final int agentId)
    {
        model.events++;
        final Call call = model.calls.get(callId);
        assertEquals(Status.RINGING, call.status);
        assertEquals(agentId, call.agent);
        call.status = Status.WAITING;
        call.agent = -1;
    }

    @Override
    public void position(final long callId, final int ahead)
    {
        model.events++;
        final Call call = model.calls.get(callId);
        assertEquals(Status.WAITING, call.status, "position told to a call not waiting: " + callId);
        assertTrue(ahead <= call.lastPosition, "call " + callId + ": ahead went up from " + call.lastPosition
            + " to " + ahead);
        call.lastPosition = ahead;
    }

    @Override
    public void fallback(final long callId, final Fallback fallback)
    {
        model.events++;
        final Call call = model.calls.get(callId);
        assertEquals(Status.WAITING, call.status, "fallback of a call not waiting: " + callId);
        model.queues[call.group].remove(callId);
        if (fallback.action() == Fallback.Action.GROUP)
        {
            call.group = fallback.groupId();
            call.lastPosition = Integer.MAX_VALUE;
            if (model.maxLength[call.group] == 0 || model.queues[call.group].size() < model.maxLength[call.group])
            {
                model.queues[call.group].add(callId);
            }
        }
        else
        {
            assertNull(call.outcome, "call " + callId + " fell back after it was " + call.outcome);
            call.outcome = "fallback";
            call.status = Status.DONE;
            model.done++;
        }
    }

    @Override
    public void agentState(final int agentId, final AgentState state, final int reason)
    {
        model.events++;
        final AgentState before = model.state[agentId];
        assertTrue(before != state || state == AgentState.BREAK, "agent " + agentId + " told " + state + " again");
        if (state == AgentState.IDLE && before != AgentState.RINGING)
        {
            model.idleSince[agentId] = model.now;
        }
        if (state == AgentState.IDLE)
        {
            model.held[agentId] = false;
        }
        if (state == AgentState.ON_CALL)
        {
            model.callsToday[agentId]++;
        }
        if (reason == AcdCommands.REASON_MISSED_CHAT && !model.picking)
        {
            assertEquals(AgentState.IDLE, before, "only an idle agent goes on break for a missed chat");
        }
        model.state[agentId] = state;
    }

    @Override
    public void chatOffer(final long sessionId, final int agentId, final boolean autoAccept)
    {
        model.events++;
        final Chat chat = model.chats.get(sessionId);
        final int g = chat.group;
        assertEquals(ChatStatus.WAITING, chat.status, "chat " + sessionId + " offered while " + chat.status);
        assertEquals(model.chatAutoAccept, autoAccept);
        assertTrue(model.member[agentId][g], "chat " + sessionId + ": agent " + agentId + " is not in group " + g);
        assertTrue(model.open[agentId] < model.concurrency[g], "chat " + sessionId + " offered to agent " + agentId
            + " at its limit: " + model.open[agentId] + " of " + model.concurrency[g]);
        assertTrue(model.receivable(agentId, g), "chat " + sessionId + " offered to agent " + agentId + " who is "
            + model.state[agentId] + (model.held[agentId] ? ", held" : ""));
        assertEquals(model.bestChat(g, chat.owner), agentId, "chat " + sessionId + " (owner " + chat.owner
            + ") in group " + g + " with policy " + model.policy[g]);
        for (final Long earlier : model.chatQueues[g])
        {
            if (earlier == sessionId)
            {
                break;
            }
            assertEquals(ChatStatus.OFFERED, model.chats.get(earlier).status,
                "chat " + sessionId + " offered before chat " + earlier + ", which waited longer in the group");
        }
        chat.agent = agentId;
        model.open[agentId]++;
        model.chatAt[agentId] = model.now;
        if (autoAccept)
        {
            chat.status = ChatStatus.SERVED;
            InvariantModel.setOutcome(chat, "served");
            model.chatQueues[g].remove(sessionId);
            model.chatsToday[agentId]++;
        }
        else
        {
            chat.status = ChatStatus.OFFERED;
        }
    }

    @Override
    public void chatWithdraw(final long sessionId, final int agentId)
    {
        model.events++;
        final Chat chat = model.chats.get(sessionId);
        if (model.endingChat == sessionId)
        {
            // The test ended it and already counted the agent's place free.
            assertEquals(agentId, chat.agent);
            return;
        }
        assertEquals(ChatStatus.OFFERED, chat.status, "chat " + sessionId + " withdrawn while " + chat.status);
        assertEquals(agentId, chat.agent);
        final AgentState state = model.state[agentId];
        if (model.removing != chat.group && (state == AgentState.RINGING || state == AgentState.ON_CALL
            || state == AgentState.WRAP_UP))
        {
            // Only a missed offer takes an offer back from an agent on a call: it gets no chat until idle.
            model.held[agentId] = true;
        }
        chat.status = ChatStatus.WAITING;
        chat.agent = -1;
        model.open[agentId]--;
    }

    @Override
    public void chatPosition(final long sessionId, final int ahead)
    {
        model.events++;
        final Chat chat = model.chats.get(sessionId);
        assertEquals(ChatStatus.WAITING, chat.status, "position told to chat " + sessionId + " not waiting");
        assertTrue(ahead <= chat.lastPosition, "chat " + sessionId + ": ahead went up from " + chat.lastPosition
            + " to " + ahead);
        chat.lastPosition = ahead;
    }

    @Override
    public void chatNoAgent(final long sessionId)
    {
        model.events++;
        final Chat chat = model.chats.get(sessionId);
        assertEquals(ChatStatus.WAITING, chat.status, "chat " + sessionId + " dropped while " + chat.status);
        assertTrue(model.removing == chat.group || !model.online(chat.group),
            "chat " + sessionId + " dropped though group " + chat.group + " has an agent online");
        InvariantModel.setOutcome(chat, "no-agent");
        model.chatDone(chat);
    }
}
