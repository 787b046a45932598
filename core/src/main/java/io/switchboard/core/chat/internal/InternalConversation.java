package io.switchboard.core.chat.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The one conversation of a pair of agents: its messages in id order and, for each side, how far it has read and up
 * to which message it hid the conversation. A side's conversation is hidden while nothing came after what it hid,
 * so a new message brings it back without another entry. Owned by the API's loop, like {@link InternalChats}.
 */
final class InternalConversation
{
    private final String low;
    private final String high;
    private final List<InternalMessage> messages = new ArrayList<>();
    /** The next id to give (ids given to messages still being journalled are taken). */
    private long nextId = 1;
    private long readLow;
    private long readHigh;
    private long hiddenLow;
    private long hiddenHigh;

    InternalConversation(final String low, final String high)
    {
        this.low = low;
        this.high = high;
    }

    long takeId()
    {
        return nextId++;
    }

    /** A journalled message: kept, and its sender has read everything up to it. */
    void add(final InternalMessage message)
    {
        messages.add(message);
        nextId = Math.max(nextId, message.id() + 1);
        read(message.from(), message.id());
    }

    /** Moves {@code staffNo}'s read marker forward (never back); whether it moved. */
    boolean read(final String staffNo, final long upTo)
    {
        final long current = readOf(staffNo);
        if (upTo <= current)
        {
            return false;
        }
        if (low.equals(staffNo))
        {
            readLow = upTo;
        }
        else
        {
            readHigh = upTo;
        }
        return true;
    }

    void hide(final String staffNo, final long upTo)
    {
        if (low.equals(staffNo))
        {
            hiddenLow = Math.max(hiddenLow, upTo);
        }
        else
        {
            hiddenHigh = Math.max(hiddenHigh, upTo);
        }
    }

    String peerOf(final String staffNo)
    {
        return low.equals(staffNo) ? high : low;
    }

    long readOf(final String staffNo)
    {
        return low.equals(staffNo) ? readLow : readHigh;
    }

    boolean hiddenFor(final String staffNo)
    {
        return (low.equals(staffNo) ? hiddenLow : hiddenHigh) >= lastId();
    }

    /** The messages {@code staffNo} has not read: the other side's after its marker. */
    int unread(final String staffNo)
    {
        final long marker = readOf(staffNo);
        int count = 0;
        for (int i = messages.size() - 1; i >= 0 && messages.get(i).id() > marker; i--)
        {
            if (!messages.get(i).from().equals(staffNo))
            {
                count++;
            }
        }
        return count;
    }

    long lastId()
    {
        return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).id();
    }

    InternalMessage last()
    {
        return messages.isEmpty() ? null : messages.get(messages.size() - 1);
    }

    /** Up to {@code limit} messages after id {@code after}, in order. */
    List<InternalMessage> after(final long after, final int limit)
    {
        // ids grow along the list: the first one after {@code after} by halving
        int from = 0;
        int to = messages.size();
        while (from < to)
        {
            final int middle = (from + to) >>> 1;
            if (messages.get(middle).id() <= after)
            {
                from = middle + 1;
            }
            else
            {
                to = middle;
            }
        }
        return List.copyOf(messages.subList(from, Math.min(messages.size(), from + limit)));
    }
}
