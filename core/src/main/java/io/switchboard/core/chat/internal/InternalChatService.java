package io.switchboard.core.chat.internal;

import io.switchboard.core.events.EventHub;
import io.switchboard.core.journal.Journal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What agents do in internal chats, on the API's loop (the owner of {@link InternalChats}): send a message, mark a
 * conversation read, hide it. Each change is journalled first and applied, shown and answered only once written,
 * back on the loop: the journal completes entries in the order appended, so messages are kept (and seen) in the
 * order their ids were given. Events go only to the two agents' own sockets ({@link EventHub#publishPrivately}).
 */
public final class InternalChatService
{
    private final InternalChats chats;
    private final InternalChatJournal journal;
    private final EventHub events;
    private final Executor owner;
    private final LongSupplier clock;
    private final Function<String, String> names;

    /**
     * @param owner the API's loop, which owns {@code chats}
     * @param names an agent's name from its staff number (null when unknown)
     */
    public InternalChatService(final InternalChats chats, final Journal journal, final EventHub events,
        final Executor owner, final LongSupplier clock, final Function<String, String> names)
    {
        this.chats = chats;
        this.journal = new InternalChatJournal(journal);
        this.events = events;
        this.owner = owner;
        this.clock = clock;
        this.names = names;
    }

    /** A message from one agent to another; completes with it once journalled (the id is given now). */
    public CompletableFuture<InternalMessage> send(final String from, final String to, final String text,
        final String attachment)
    {
        final InternalConversation conversation = chats.of(from, to);
        final InternalMessage message = new InternalMessage(conversation.takeId(), from, to, clock.getAsLong(), text,
            attachment);
        return journal.message(message).thenApplyAsync(position ->
        {
            conversation.add(message);
            tell(from, message, conversation);
            tell(to, message, conversation);
            return message;
        }, owner);
    }

    /** {@code staffNo} read up to {@code upTo} (at most the last message); answers with the conversation. */
    public CompletableFuture<Map<String, Object>> read(final String staffNo, final String peer, final long upTo)
    {
        final InternalConversation conversation = chats.of(staffNo, peer);
        final long until = Math.min(upTo, conversation.lastId());
        if (until <= conversation.readOf(staffNo))
        {
            return CompletableFuture.completedFuture(summary(conversation, staffNo));
        }
        return journal.marker(InternalChatJournal.READ, staffNo, peer, until).thenApplyAsync(position ->
        {
            conversation.read(staffNo, until);
            return changed(conversation, staffNo, InternalChatJournal.READ);
        }, owner);
    }

    /** {@code staffNo} hides its conversation with {@code peer} until a new message comes (reading it all). */
    public CompletableFuture<Map<String, Object>> hide(final String staffNo, final String peer)
    {
        final InternalConversation conversation = chats.of(staffNo, peer);
        final long upTo = conversation.lastId();
        return journal.marker(InternalChatJournal.HIDDEN, staffNo, peer, upTo).thenApplyAsync(position ->
        {
            hide(conversation, staffNo, upTo);
            return changed(conversation, staffNo, InternalChatJournal.HIDDEN);
        }, owner);
    }

    /** Hiding also reads what it hides: a hidden conversation shows no unread messages. */
    static void hide(final InternalConversation conversation, final String staffNo, final long upTo)
    {
        conversation.hide(staffNo, upTo);
        conversation.read(staffNo, upTo);
    }

    /** {@code staffNo}'s conversations (see {@link InternalChats#list}) and its unread total. */
    public Map<String, Object> conversations(final String staffNo, final boolean withHidden)
    {
        return Map.of("conversations", chats.list(staffNo, withHidden, names), "unread", chats.unread(staffNo));
    }

    /** The conversation's messages after id {@code after}, at most {@code limit} (none yet: empty). */
    public List<InternalMessage> messages(final String staffNo, final String peer, final long after, final int limit)
    {
        final InternalConversation conversation = chats.find(staffNo, peer);
        return conversation == null ? List.of() : conversation.after(after, limit);
    }

    /** The conversation seen from {@code staffNo}. */
    public Map<String, Object> summary(final String staffNo, final String peer)
    {
        return summary(chats.of(staffNo, peer), staffNo);
    }

    private Map<String, Object> summary(final InternalConversation conversation, final String staffNo)
    {
        return InternalChats.summary(conversation, staffNo, names);
    }

    /** A read or hide for the agent's other workbenches (tabs): the conversation as it is now. */
    private Map<String, Object> changed(final InternalConversation conversation, final String staffNo,
        final String type)
    {
        final Map<String, Object> view = summary(conversation, staffNo);
        final Map<String, Object> event = new java.util.LinkedHashMap<>(view);
        event.put("type", type);
        event.put("agent", staffNo);
        events.publishPrivately(staffNo, event);
        return view;
    }

    /** The message for one side, with that side's unread count in the conversation and in all. */
    private void tell(final String staffNo, final InternalMessage message, final InternalConversation conversation)
    {
        final Map<String, Object> event = message.view();
        event.put("agent", staffNo);
        event.put("peer", message.peerOf(staffNo));
        event.put("peerName", names.apply(message.peerOf(staffNo)));
        event.put("unread", conversation.unread(staffNo));
        event.put("unreadTotal", chats.unread(staffNo));
        events.publishPrivately(staffNo, event);
    }
}
