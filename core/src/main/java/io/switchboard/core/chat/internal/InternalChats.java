package io.switchboard.core.chat.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every internal chat (spec §8): one conversation per pair of agents, found from either side. Rebuilt from the
 * journal before anything is served ({@link InternalChatJournal#replayed}), then owned by the API's loop, where
 * {@link InternalChatService} changes it once each change is journalled.
 */
public final class InternalChats
{
    private final Map<String, InternalConversation> conversations = new HashMap<>();
    /** Each agent's conversations (both sides point at the same one). */
    private final Map<String, List<InternalConversation>> byAgent = new HashMap<>();

    /** The pair's conversation, made (empty) when it does not exist yet. */
    InternalConversation of(final String one, final String other)
    {
        final String low = one.compareTo(other) <= 0 ? one : other;
        final String high = low.equals(one) ? other : one;
        return conversations.computeIfAbsent(low + '\n' + high, key ->
        {
            final InternalConversation made = new InternalConversation(low, high);
            byAgent.computeIfAbsent(low, k -> new ArrayList<>()).add(made);
            byAgent.computeIfAbsent(high, k -> new ArrayList<>()).add(made);
            return made;
        });
    }

    /** The pair's conversation, or null when they never wrote to each other. */
    InternalConversation find(final String one, final String other)
    {
        final String low = one.compareTo(other) <= 0 ? one : other;
        return conversations.get(low + '\n' + (low.equals(one) ? other : one));
    }

    /**
     * {@code staffNo}'s conversations with messages, the latest first: each with its peer (and the peer's name from
     * {@code names}), the last message and the unread count; hidden ones only when asked.
     */
    public List<Map<String, Object>> list(final String staffNo, final boolean withHidden,
        final Function<String, String> names)
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        final List<InternalConversation> mine = new ArrayList<>(byAgent.getOrDefault(staffNo, List.of()));
        mine.sort(Comparator.comparingLong((InternalConversation c) -> c.last() == null ? 0 : c.last().atMillis())
            .reversed());
        for (final InternalConversation conversation : mine)
        {
            if (conversation.last() != null && (withHidden || !conversation.hiddenFor(staffNo)))
            {
                list.add(summary(conversation, staffNo, names));
            }
        }
        return list;
    }

    /** All of {@code staffNo}'s unread messages (hidden conversations have none: hiding reads them). */
    public int unread(final String staffNo)
    {
        int count = 0;
        for (final InternalConversation conversation : byAgent.getOrDefault(staffNo, List.of()))
        {
            count += conversation.unread(staffNo);
        }
        return count;
    }

    static Map<String, Object> summary(final InternalConversation conversation, final String staffNo,
        final Function<String, String> names)
    {
        final InternalMessage last = conversation.last();
        final String peer = conversation.peerOf(staffNo);
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("peer", peer);
        view.put("peerName", names.apply(peer));
        view.put("unread", conversation.unread(staffNo));
        view.put("read", conversation.readOf(staffNo));
        view.put("hidden", last != null && conversation.hiddenFor(staffNo));
        view.put("lastMessage", last == null ? null : last.view());
        return view;
    }
}
