package io.switchboard.core.chat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live visitors on a manual clock: beacons keep a visitor, silence forgets it, the list is bounded. */
class VisitorPresenceTest
{
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final VisitorPresence presence = new VisitorPresence(now::get);

    @Test
    void aVisitorWithoutABeaconForAMinuteIsForgottenAndItsSocketClosed()
    {
        final EmbeddedChannel socket = new EmbeddedChannel();
        final EmbeddedChannel chat = new EmbeddedChannel();
        assertTrue(presence.opened("v1", "shop", "10.0.0.1", socket, new String[] {"/a", "A", "https://r/"}));
        presence.opened("v1", "shop", "10.0.0.1", chat, new String[3]);
        presence.chatOn("v1", chat);
        now.addAndGet(59_000);
        presence.beacon("v1", new String[] {"/b", "B", null});
        now.addAndGet(59_000);
        assertEquals(0, presence.sweep(), "the beacon kept it");
        assertEquals("/b", presence.list(v -> false).get(0).get("page"));
        assertEquals("https://r/", presence.list(v -> false).get(0).get("referrer"), "the first referrer stays");
        assertEquals(118L, presence.list(v -> false).get(0).get("secondsOnSite"));
        now.addAndGet(1_000);
        assertEquals(1, presence.sweep());
        assertFalse(presence.present("v1", null));
        assertFalse(socket.isOpen(), "its presence socket closed");
        assertTrue(chat.isOpen(), "its chat goes on");
    }

    @Test
    void aVisitorGoesWithItsLastSocketAndAnInvitationIsAnsweredOnce()
    {
        final EmbeddedChannel one = new EmbeddedChannel();
        final EmbeddedChannel two = new EmbeddedChannel();
        presence.opened("v1", "shop", "10.0.0.1", one, new String[3]);
        presence.opened("v1", "shop", "10.0.0.1", two, new String[3]);
        final VisitorPresence.Invitation invitation = presence.invite("v1", "A1", "hi");
        assertNotNull(((TextWebSocketFrame)one.readOutbound()).text());
        assertTrue(((TextWebSocketFrame)two.readOutbound()).text().contains("\"invite\""));
        assertNull(presence.answer("v1", invitation.id() + 1));
        assertEquals("A1", presence.answer("v1", invitation.id()).staffNo());
        assertNull(presence.answer("v1", invitation.id()), "answered once");
        presence.closed("v1", one);
        assertTrue(presence.present("v1", "shop"));
        assertFalse(presence.present("v1", "other"));
        presence.closed("v1", two);
        assertFalse(presence.present("v1", null));
        assertNull(presence.invite("v1", "A1", "hi"), "not present, no invitation");
    }

    @Test
    void atMostTenThousandVisitorsAreKnown()
    {
        final EmbeddedChannel socket = new EmbeddedChannel();
        for (int n = 0; n < VisitorPresence.MAX_VISITORS; n++)
        {
            assertTrue(presence.opened("v" + n, "shop", "10.0.0.1", socket, new String[3]));
        }
        assertFalse(presence.opened("one-more", "shop", "10.0.0.1", socket, new String[3]));
        assertTrue(presence.opened("v7", "shop", "10.0.0.1", socket, new String[3]), "a known one opens more");
        assertEquals(VisitorPresence.MAX_VISITORS, presence.size());
    }
}
