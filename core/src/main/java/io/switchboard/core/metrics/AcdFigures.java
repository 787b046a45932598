package io.switchboard.core.metrics;

import io.switchboard.acd.AcdQueries;
import io.switchboard.acd.AgentState;
import io.switchboard.acd.AgentView;
import io.switchboard.acd.GroupView;
import io.switchboard.acd.WaitingCall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ACD's figures for one scrape, copied on the engine's thread (through {@code AcdService.query}) so that the
 * rendering thread never reads the engine's state.
 *
 * @param groups        each group's queue
 * @param agentsByState how many agents are in each state (every state listed, 0 included)
 * @param chatsOpen     chat sessions open at agents, all groups
 */
record AcdFigures(List<Group> groups, Map<String, Integer> agentsByState, long chatsOpen)
{
    static final AcdFigures NONE = new AcdFigures(List.of(), Map.of(), 0);

    /** One group's queue: calls waiting, the longest wait, chats waiting. */
    record Group(String name, int queueLength, double longestWaitSeconds, int chatsWaiting)
    {
    }

    static AcdFigures of(final AcdQueries engine)
    {
        final long now = System.nanoTime();
        final List<Group> groups = new ArrayList<>();
        for (final GroupView group : engine.groups())
        {
            long longest = 0;
            for (final WaitingCall call : engine.queue(group.groupId()))
            {
                longest = Math.max(longest, now - call.queuedAtNanos());
            }
            groups.add(new Group(group.settings().name(), group.queueLength(), longest / 1e9,
                engine.chatQueueLength(group.groupId())));
        }
        final Map<String, Integer> states = new LinkedHashMap<>();
        for (final AgentState state : AgentState.values())
        {
            states.put(state.name().toLowerCase(Locale.ROOT).replace('_', '-'), 0);
        }
        long chats = 0;
        for (final AgentView agent : engine.agents())
        {
            states.merge(agent.state().name().toLowerCase(Locale.ROOT).replace('_', '-'), 1, Integer::sum);
            chats += agent.openChats();
        }
        return new AcdFigures(List.copyOf(groups), Map.copyOf(states), chats);
    }
}
