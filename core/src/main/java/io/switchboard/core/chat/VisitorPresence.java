package io.switchboard.core.chat;

import io.netty.channel.Channel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The visitors on the bound websites right now (spec §12), on the API's loop: each open widget socket (the light
 * presence socket every page opens, and the chat's) counts its visitor present; a visitor is forgotten when its last
 * socket closes or after {@link #FORGET_MILLIS} without a beacon (a page left without a clean close). At most
 * {@link #MAX_VISITORS} are known: beyond that a new visitor's presence is refused (its chat still works). An agent's
 * invitation waits here for the visitor's answer.
 */
public final class VisitorPresence
{
    /** The most visitors known at once. */
    public static final int MAX_VISITORS = 10_000;
    /** How long a visitor is kept without a beacon. */
    public static final long FORGET_MILLIS = 60_000;
    /** The longest invitation text. */
    static final int MAX_INVITE_TEXT = 500;

    /** An agent's invitation to chat, waiting for the visitor's answer. */
    public record Invitation(long id, String staffNo, String channel, String text, long atMillis)
    {
    }

    /** One visitor: where it is and since when, and its open sockets. */
    static final class Visitor
    {
        final String id;
        final String channel;
        final String address;
        final long firstSeen;
        String page;
        String title;
        String referrer;
        long lastSeen;
        final List<Channel> sockets = new ArrayList<>(2);
        /** Those of its sockets that carry a chat (never closed by the sweep: the chat goes on). */
        final List<Channel> chats = new ArrayList<>(1);
        Invitation invitation;

        Visitor(final String id, final String channel, final String address, final long now)
        {
            this.id = id;
            this.channel = channel;
            this.address = address;
            this.firstSeen = now;
            this.lastSeen = now;
        }
    }

    private final Map<String, Visitor> visitors = new LinkedHashMap<>();
    private final LongSupplier clock;
    private long invitations;

    public VisitorPresence(final LongSupplier clockMillis)
    {
        this.clock = clockMillis;
    }

    /** A socket of the visitor opened (page, title and referrer may be null); false when too many are known. */
    boolean opened(final String id, final String channel, final String address, final Channel socket,
        final String[] pageTitleReferrer)
    {
        Visitor visitor = visitors.get(id);
        if (visitor == null)
        {
            if (visitors.size() >= MAX_VISITORS)
            {
                return false;
            }
            visitor = new Visitor(id, channel, address, clock.getAsLong());
            visitors.put(id, visitor);
        }
        visitor.sockets.add(socket);
        beacon(id, pageTitleReferrer);
        return true;
    }

    /** The visitor is still there (a beacon, or a page it moved to). */
    void beacon(final String id, final String[] pageTitleReferrer)
    {
        final Visitor visitor = visitors.get(id);
        if (visitor == null)
        {
            return;
        }
        visitor.lastSeen = clock.getAsLong();
        if (pageTitleReferrer != null)
        {
            visitor.page = pageTitleReferrer[0] != null ? pageTitleReferrer[0] : visitor.page;
            visitor.title = pageTitleReferrer[1] != null ? pageTitleReferrer[1] : visitor.title;
            visitor.referrer = visitor.referrer != null ? visitor.referrer : pageTitleReferrer[2];
        }
    }

    /** The visitor's socket carries its chat: the sweep leaves it open. */
    void chatOn(final String id, final Channel socket)
    {
        final Visitor visitor = visitors.get(id);
        if (visitor != null)
        {
            visitor.chats.add(socket);
        }
    }

    /** A socket closed: the visitor is gone with its last one. */
    void closed(final String id, final Channel socket)
    {
        final Visitor visitor = visitors.get(id);
        if (visitor != null)
        {
            visitor.sockets.remove(socket);
            visitor.chats.remove(socket);
            if (visitor.sockets.isEmpty())
            {
                visitors.remove(id);
            }
        }
    }

    /**
     * Forgets the visitors without a beacon for {@link #FORGET_MILLIS}: their presence sockets are closed (a page
     * gone without a clean close; a live widget reconnects), a socket carrying a chat is left open.
     */
    public int sweep()
    {
        final long now = clock.getAsLong();
        final List<Visitor> stale = new ArrayList<>();
        for (final Visitor visitor : visitors.values())
        {
            if (now - visitor.lastSeen >= FORGET_MILLIS)
            {
                stale.add(visitor);
            }
        }
        stale.forEach(visitor ->
        {
            visitors.remove(visitor.id);
            visitor.sockets.stream().filter(socket -> !visitor.chats.contains(socket)).toList()
                .forEach(Channel::close);
        });
        return stale.size();
    }

    /** Whether the visitor is present (on the channel, when one is given). */
    public boolean present(final String id, final String channel)
    {
        final Visitor visitor = visitors.get(id);
        return visitor != null && (channel == null || channel.equals(visitor.channel));
    }

    /** The channel the visitor is on, or null. */
    String channelOf(final String id)
    {
        final Visitor visitor = visitors.get(id);
        return visitor == null ? null : visitor.channel;
    }

    /**
     * Sends an agent's invitation to every socket of the visitor; it replaces an earlier one. Null when the visitor
     * is not present.
     */
    Invitation invite(final String id, final String staffNo, final String text)
    {
        final Visitor visitor = visitors.get(id);
        if (visitor == null)
        {
            return null;
        }
        visitor.invitation = new Invitation(++invitations, staffNo, visitor.channel, text, clock.getAsLong());
        final Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "invite");
        frame.put("invite", visitor.invitation.id());
        frame.put("staffNo", staffNo);
        frame.put("text", text);
        visitor.sockets.forEach(socket -> ChatScreens.send(socket, frame));
        return visitor.invitation;
    }

    /** Takes the visitor's pending invitation (accepted or dismissed), or null. */
    Invitation answer(final String id, final long invitationId)
    {
        final Visitor visitor = visitors.get(id);
        if (visitor == null || visitor.invitation == null || visitor.invitation.id() != invitationId)
        {
            return null;
        }
        final Invitation taken = visitor.invitation;
        visitor.invitation = null;
        return taken;
    }

    /** Closes every socket of the visitors matching (a block); their ids. */
    List<String> close(final Predicate<String[]> idAndAddress, final java.util.function.Consumer<Channel> closing)
    {
        final List<String> closed = new ArrayList<>();
        for (final Visitor visitor : List.copyOf(visitors.values()))
        {
            if (idAndAddress.test(new String[] {visitor.id, visitor.address}))
            {
                closed.add(visitor.id);
                List.copyOf(visitor.sockets).forEach(closing);
            }
        }
        return closed;
    }

    /** The visitors, longest on the site first; {@code chatting} tells whether one has an open session. */
    List<Map<String, Object>> list(final Predicate<Visitor> chatting)
    {
        final long now = clock.getAsLong();
        final List<Map<String, Object>> rows = new ArrayList<>(visitors.size());
        for (final Visitor visitor : visitors.values())
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("visitorId", visitor.id);
            row.put("channel", visitor.channel);
            row.put("page", visitor.page);
            row.put("title", visitor.title);
            row.put("referrer", visitor.referrer);
            row.put("since", visitor.firstSeen);
            row.put("secondsOnSite", (now - visitor.firstSeen) / 1000);
            row.put("chatting", chatting.test(visitor));
            row.put("invitedBy", visitor.invitation == null ? null : visitor.invitation.staffNo());
            row.put("address", visitor.address);
            rows.add(row);
        }
        return rows;
    }

    public int size()
    {
        return visitors.size();
    }
}
