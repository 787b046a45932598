package io.switchboard.chat.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A session's messages in order, each with the next id. A client that reconnects asks for what follows the last id
 * it saw ({@link #after(long)}), so nothing is lost and nothing shown twice. Bounded: a session takes at most
 * {@code limit} messages (a runaway client cannot grow the heap without end). One owner thread.
 */
public final class Transcript
{
    private final List<ChatMessage> messages = new ArrayList<>();
    private final int limit;

    public Transcript(final int limit)
    {
        this.limit = limit;
    }

    /** Adds a message with the next id; null when the session already holds its limit. */
    public ChatMessage append(final long atMillis, final Sender sender, final String staffNo, final String text)
    {
        return append(atMillis, sender, staffNo, text, null);
    }

    /** Adds a message (sending {@code file}, or null) with the next id; null when the session holds its limit. */
    public ChatMessage append(final long atMillis, final Sender sender, final String staffNo, final String text,
        final ChatFile file)
    {
        if (messages.size() >= limit)
        {
            return null;
        }
        final ChatMessage message = new ChatMessage(messages.size() + 1L, atMillis, sender, staffNo, text, file,
            false);
        messages.add(message);
        return message;
    }

    /** The message with that id, or null. */
    public ChatMessage get(final long id)
    {
        return id < 1 || id > messages.size() ? null : messages.get((int)(id - 1));
    }

    /** Replaces the message by its recalled form, in its place (its id and order stay); the recalled message. */
    public ChatMessage recall(final long id)
    {
        final ChatMessage recalled = get(id).recall();
        messages.set((int)(id - 1), recalled);
        return recalled;
    }

    /**
     * Puts back a message as it was journalled (at replay); its id must be the next one, which a journal read in
     * order gives. Returns false for a message already present (a replayed duplicate) or out of order.
     */
    public boolean restore(final ChatMessage message)
    {
        if (message.id() != messages.size() + 1L)
        {
            return false;
        }
        messages.add(message);
        return true;
    }

    /** The messages after {@code lastSeen} (0: all), in order. */
    public List<ChatMessage> after(final long lastSeen)
    {
        final int from = (int)Math.max(0, Math.min(lastSeen, messages.size()));
        return Collections.unmodifiableList(new ArrayList<>(messages.subList(from, messages.size())));
    }

    public List<ChatMessage> all()
    {
        return after(0);
    }

    public int size()
    {
        return messages.size();
    }

    /** The last message, or null. */
    public ChatMessage last()
    {
        return messages.isEmpty() ? null : messages.get(messages.size() - 1);
    }
}
