package io.switchboard.core.chat.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conversations' state as the journal's entries rebuild it, with given times: unread, read, hide, pages. */
class InternalChatsTest
{
    private final InternalChats chats = new InternalChats();

    @Test
    void unreadCountsFollowReadsAndOwnMessagesAndHidingComesBackWithTheNextMessage() throws Exception
    {
        message(1, "A1", "A2", 1_000);
        message(2, "A1", "A2", 2_000);
        message(3, "A1", "A2", 3_000);
        assertEquals(3, chats.unread("A2"));
        assertEquals(0, chats.unread("A1"), "one's own messages are read");
        entry(InternalChatJournal.READ, "{\"agent\":\"A2\",\"peer\":\"A1\",\"upTo\":2}");
        assertEquals(1, chats.unread("A2"));
        entry(InternalChatJournal.READ, "{\"agent\":\"A2\",\"peer\":\"A1\",\"upTo\":1}");
        assertEquals(1, chats.unread("A2"), "a marker never goes back");
        message(4, "A2", "A1", 4_000);
        assertEquals(0, chats.unread("A2"), "answering reads");
        assertEquals(1, chats.unread("A1"));

        entry(InternalChatJournal.HIDDEN, "{\"agent\":\"A1\",\"peer\":\"A2\",\"upTo\":4}");
        assertEquals(List.of(), chats.list("A1", false, staffNo -> null));
        assertEquals(0, chats.unread("A1"), "hiding reads");
        assertEquals(1, chats.list("A2", false, staffNo -> null).size(), "hidden for one side only");
        message(5, "A2", "A1", 5_000);
        final List<Map<String, Object>> back = chats.list("A1", false, staffNo -> "Bo");
        assertEquals(1, back.size());
        assertEquals(false, back.get(0).get("hidden"));
        assertEquals("Bo", back.get(0).get("peerName"));
        assertEquals(1, back.get(0).get("unread"));
    }

    @Test
    void conversationsAreListedLatestFirstAndMessagesPagedAfterAnId() throws Exception
    {
        message(1, "A1", "A2", 1_000);
        message(1, "A3", "A1", 2_000);
        message(2, "A1", "A2", 3_000);
        final List<Map<String, Object>> list = chats.list("A1", false, staffNo -> null);
        assertEquals(List.of("A2", "A3"), list.stream().map(c -> c.get("peer")).toList());
        final InternalConversation pair = chats.find("A2", "A1");
        assertEquals(List.of(2L), pair.after(1, 10).stream().map(InternalMessage::id).toList());
        assertEquals(List.of(1L), pair.after(0, 1).stream().map(InternalMessage::id).toList());
        assertTrue(pair.after(2, 10).isEmpty());
        assertEquals(3, pair.takeId(), "ids go on after the replayed ones");
        assertEquals(null, chats.find("A2", "A3"));
    }

    private void message(final long id, final String from, final String to, final long at) throws Exception
    {
        entry(InternalChatJournal.MESSAGE, "{\"id\":" + id + ",\"from\":\"" + from + "\",\"to\":\"" + to
            + "\",\"at\":" + at + ",\"text\":\"m" + id + "\"}");
    }

    private void entry(final String type, final String json) throws Exception
    {
        InternalChatJournal.replayed(chats, type, json.getBytes(StandardCharsets.UTF_8));
    }
}
