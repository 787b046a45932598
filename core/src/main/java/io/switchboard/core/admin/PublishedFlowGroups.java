package io.switchboard.core.admin;

import io.switchboard.chat.flow.ChatFlow;
import io.switchboard.chat.flow.ChatNode;
import io.switchboard.chat.store.ChatFlowStore;
import io.switchboard.ivr.flow.Node;
import io.switchboard.ivr.store.FlowLifecycle;
import io.switchboard.ivr.store.FlowState;
import io.switchboard.ivr.store.FlowStore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The published flows, voice and chat, that transfer to a skill group: a group one of them names cannot be deleted
 * (001 管理技能组), or that flow's callers would meet a 480 and its visitors the failure message. Unpublished flows
 * do not count: publishing checks the group exists. Read on the API's loop, which owns both flow stores.
 */
public final class PublishedFlowGroups implements Function<String, List<String>>
{
    private final FlowStore voice;
    private final ChatFlowStore chat;

    public PublishedFlowGroups(final FlowStore voice, final ChatFlowStore chat)
    {
        this.voice = voice;
        this.chat = chat;
    }

    /** "voice flow main", "session flow website", ... for each published flow that transfers to {@code group}. */
    @Override
    public List<String> apply(final String group)
    {
        final List<String> using = new ArrayList<>();
        for (final String name : voice.flowNames())
        {
            if (voice.state(name) != FlowState.UNPUBLISHED && voice.flow(name).nodes().stream()
                .anyMatch(node -> node instanceof Node.Transfer transfer && group.equals(transfer.group())))
            {
                using.add("voice flow " + name);
            }
        }
        for (final FlowLifecycle.Entry<ChatFlow> entry : chat.flows().entries())
        {
            if (entry.published() && entry.flow().nodes().stream()
                .anyMatch(node -> node instanceof ChatNode.Transfer transfer && group.equals(transfer.group())))
            {
                using.add("session flow " + entry.flow().name());
            }
        }
        return using;
    }
}
