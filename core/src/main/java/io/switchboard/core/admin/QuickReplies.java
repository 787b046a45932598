package io.switchboard.core.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tenant's quick replies (canned texts for the agents' chat), in the order added, each with an id that never
 * changes and is never given again (the next id is kept with the list), a group and a title. Limits as the manuals
 * have them (spec §7, 003 and Q8): at most {@value #MAX_GROUPS} groups and {@value #MAX_REPLIES} replies of up to
 * {@value #MAX_TEXT} characters. Immutable: a change builds a new one.
 *
 * @param replies the replies, oldest first
 * @param nextId  the id the next reply gets
 */
public record QuickReplies(List<Reply> replies, long nextId)
{
    public static final int MAX_REPLIES = 500;
    public static final int MAX_GROUPS = 50;
    public static final int MAX_TEXT = 500;
    public static final int MAX_TITLE = 50;
    public static final int MAX_GROUP = 30;
    /** The group of a reply given none (and of the replies journalled before there were groups). */
    public static final String DEFAULT_GROUP = "默认/General";
    public static final QuickReplies NONE = new QuickReplies(List.of(), 1);

    /** One reply. */
    public record Reply(long id, String group, String title, String text)
    {
    }

    /** A reply as asked for: any of the three may be null (kept when editing; defaulted when adding). */
    public record Input(String group, String title, String text)
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

    /** The groups in the order of their first reply. */
    public Set<String> groups()
    {
        final Set<String> groups = new LinkedHashSet<>();
        replies.forEach(reply -> groups.add(reply.group()));
        return groups;
    }

    /** A reply in the default group, titled by its first words. */
    public QuickReplies add(final String text)
    {
        return add(new Input(null, null, text));
    }

    /** With one reply's text changed (its group and title kept). */
    public QuickReplies edit(final long id, final String text)
    {
        return edit(id, new Input(null, null, text));
    }

    /** With a new reply at the end; full at {@link #MAX_REPLIES} replies or {@link #MAX_GROUPS} groups. */
    public QuickReplies add(final Input input)
    {
        if (replies.size() >= MAX_REPLIES)
        {
            throw new AdminException(AdminException.Reason.CONFLICT, "at most " + MAX_REPLIES + " quick replies");
        }
        final String text = text(input.text());
        final List<Reply> list = new ArrayList<>(replies);
        list.add(new Reply(nextId, group(input.group()), title(input.title(), text), text));
        return new QuickReplies(list, nextId + 1).withinGroups();
    }

    /** With one reply changed: the members given replace its own. */
    public QuickReplies edit(final long id, final Input input)
    {
        final Reply known = known(id);
        final String text = input.text() == null ? known.text() : text(input.text());
        final String group = input.group() == null ? known.group() : group(input.group());
        final String title = input.title() == null ? known.title() : title(input.title(), text);
        final List<Reply> list = new ArrayList<>(replies);
        list.set(list.indexOf(known), new Reply(id, group, title, text));
        return new QuickReplies(list, nextId).withinGroups();
    }

    public QuickReplies remove(final long id)
    {
        final List<Reply> list = new ArrayList<>(replies);
        list.remove(known(id));
        return new QuickReplies(list, nextId);
    }

    private QuickReplies withinGroups()
    {
        if (groups().size() > MAX_GROUPS)
        {
            throw new AdminException(AdminException.Reason.CONFLICT, "at most " + MAX_GROUPS
                + " groups of quick replies");
        }
        return this;
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
        if (length(text) > MAX_TEXT)
        {
            throw AdminException.invalid("\"text\" has " + MAX_TEXT + " characters at most");
        }
        return text;
    }

    /** A group's name, trimmed: blank or absent is the default group. */
    static String group(final String group)
    {
        if (group == null || group.isBlank())
        {
            return DEFAULT_GROUP;
        }
        if (length(group.trim()) > MAX_GROUP)
        {
            throw AdminException.invalid("\"group\" has " + MAX_GROUP + " characters at most");
        }
        return group.trim();
    }

    /** A title, trimmed: blank or absent is the text's first words. */
    static String title(final String title, final String text)
    {
        if (title == null || title.isBlank())
        {
            return firstWords(text);
        }
        if (length(title.trim()) > MAX_TITLE)
        {
            throw AdminException.invalid("\"title\" has " + MAX_TITLE + " characters at most");
        }
        return title.trim();
    }

    /**
     * A title made of a text's first words: up to five words, cut at 30 characters (a text without spaces, as Chinese
     * is written, is one word: its first 30 characters).
     */
    public static String firstWords(final String text)
    {
        final String[] words = text.trim().split("\\s+");
        String title = String.join(" ", java.util.Arrays.asList(words).subList(0, Math.min(5, words.length)));
        if (length(title) > 30)
        {
            title = title.substring(0, title.offsetByCodePoints(0, 30)).trim();
        }
        return title;
    }

    private static int length(final String text)
    {
        return text.codePointCount(0, text.length());
    }
}
