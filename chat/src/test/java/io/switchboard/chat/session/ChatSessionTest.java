package io.switchboard.chat.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChatSessionTest
{
    private final List<String> seen = new ArrayList<>();
    private final ChatSession session = new ChatSession(7, "website", "v-1", 1_000, 5,
        (s, from, to, reason) -> seen.add(from + ">" + to + ":" + reason));

    @Test
    void aServedSessionGoesThroughEveryStateWithItsTimes()
    {
        session.transition(SessionState.QUEUED, "transfer", 2_000);
        session.agent("A1");
        session.transition(SessionState.OFFERED, "offered", 3_000);
        session.transition(SessionState.QUEUED, "accept-timeout", 33_000);
        assertNull(session.staffNo(), "the offer went back with its agent");
        session.agent("A2");
        session.transition(SessionState.OFFERED, "offered", 34_000);
        session.transition(SessionState.SERVING, "accepted", 35_000);
        session.append(36_000, Sender.VISITOR, null, "hi");
        session.append(40_000, Sender.AGENT, "A2", "hello");
        session.transition(SessionState.WRAP_UP, "agent", 50_000);
        session.transition(SessionState.FINISHED, "finished", 60_000);

        assertEquals(2_000, session.queuedAtMillis(), "queued when first transferred");
        assertEquals(35_000, session.servedAtMillis());
        assertEquals(40_000, session.firstResponseAtMillis());
        assertEquals(50_000, session.endedAtMillis());
        assertEquals("agent", session.endReason());
        assertEquals(60_000, session.finishedAtMillis());
        assertEquals("A2", session.transcript().last().staffNo());
        assertEquals(List.of("IN_FLOW>QUEUED:transfer", "QUEUED>OFFERED:offered", "OFFERED>QUEUED:accept-timeout",
            "QUEUED>OFFERED:offered", "OFFERED>SERVING:accepted", "SERVING>WRAP_UP:agent",
            "WRAP_UP>FINISHED:finished"), seen);
    }

    @Test
    void aSessionNeverServedEndsWithoutWrapUp()
    {
        session.transition(SessionState.QUEUED, "transfer", 2_000);
        session.transition(SessionState.FINISHED, "no-agent", 2_500);
        assertEquals(2_500, session.endedAtMillis());
        assertEquals("no-agent", session.endReason());
    }

    @Test
    void aChangeTheTableDoesNotAllowIsRefusedAndChangesNothing()
    {
        assertThrows(IllegalStateException.class, () -> session.transition(SessionState.OFFERED, "x", 2_000));
        assertThrows(IllegalStateException.class, () -> session.transition(SessionState.WRAP_UP, "x", 2_000));
        assertEquals(SessionState.IN_FLOW, session.state());
        assertEquals(List.of(), seen);
        session.transition(SessionState.FINISHED, "left", 3_000);
        for (final SessionState next : SessionState.values())
        {
            assertThrows(IllegalStateException.class, () -> session.transition(next, "x", 4_000));
        }
    }

    @Test
    void theTranscriptKeepsOrderIdsAndItsLimit()
    {
        for (int i = 1; i <= 5; i++)
        {
            assertEquals(i, session.append(i, Sender.VISITOR, null, "m" + i).id());
        }
        assertNull(session.append(6, Sender.VISITOR, null, "one too many"));
        final Transcript transcript = session.transcript();
        assertEquals(List.of("m4", "m5"), transcript.after(3).stream().map(ChatMessage::text).toList());
        assertEquals(List.of(), transcript.after(5));
        assertEquals(List.of(), transcript.after(99));
        assertEquals(5, transcript.after(-4).size());
    }

    @Test
    void aReplayedMessageIsTakenOnceAndOnlyInOrder()
    {
        final Transcript transcript = new Transcript(10);
        final ChatMessage first = new ChatMessage(1, 10, Sender.VISITOR, null, "a");
        final ChatMessage third = new ChatMessage(3, 30, Sender.AGENT, "A1", "c");
        assertEquals(true, transcript.restore(first));
        assertEquals(false, transcript.restore(first));
        assertEquals(false, transcript.restore(third));
        assertEquals(1, transcript.size());
        assertEquals(2, transcript.append(20, Sender.AGENT, "A1", "b").id());
    }
}
