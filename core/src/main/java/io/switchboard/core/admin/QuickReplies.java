package io.switchboard.core.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * The tenant's quick replies (canned texts for the agents' chat), in the order added, each with an id that never
 * changes and is never given again (the next id is kept with the list). Immutable: a change builds a new one.
 *
 * @param replies the replies, oldest first
 * @param nextId  the id the next reply gets
 */
public record QuickReplies(List<Reply> replies, long nextId)
{
    public static final int MAX_REPLIES = 100;
    public static final int MAX_TEXT = 500;
    public static final QuickReplies NONE = new QuickReplies(List.of(), 1);

    /** One reply. */
    public record Reply(long id, String text)
    {
    }

    public QuickReplies
    {
        replies = List.copyOf(replies);
    }

    public Reply find(final long id)
    {
        for (final Reply reply : replies)
        {
            if (reply.id() == id)
            {
                return reply;
            }
        }
        return null;
    }

    /** With a new reply at the end; full at {@link #MAX_REPLIES}. */
    public QuickReplies add(final String text)
    {
        if (replies.size() >= MAX_REPLIES)
        {
            throw new AdminException(AdminException.Reason.CONFLICT, "at most " + MAX_REPLIES + " quick replies");
        }
        final List<Reply> list = new ArrayList<>(replies);
        list.add(new Reply(nextId, text(text)));
        return new QuickReplies(list, nextId + 1);
    }

    public QuickReplies edit(final long id, final String text)
    {
        final String checked = text(text);
        final List<Reply> list = new ArrayList<>(replies);
        list.set(list.indexOf(known(id)), new Reply(id, checked));
        return new QuickReplies(list, nextId);
    }

    public QuickReplies remove(final long id)
    {
        final List<Reply> list = new ArrayList<>(replies);
        list.remove(known(id));
        return new QuickReplies(list, nextId);
    }

    private Reply known(final long id)
    {
        final Reply reply = find(id);
        if (reply == null)
        {
            throw new AdminException(AdminException.Reason.UNKNOWN, "no quick reply " + id);
        }
        return reply;
    }

    /** A reply's text: 1 to 500 characters, not only blanks. */
    static String text(final String text)
    {
        if (text == null || text.isBlank())
        {
            throw AdminException.invalid("\"text\" is required: 1 to " + MAX_TEXT + " characters");
        }
        if (text.codePointCount(0, text.length()) > MAX_TEXT)
        {
            throw AdminException.invalid("\"text\" has " + MAX_TEXT + " characters at most");
        }
        return text;
    }
}
