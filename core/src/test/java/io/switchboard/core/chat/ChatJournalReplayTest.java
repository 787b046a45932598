package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chat.desk.ChatDelivery;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.desk.ChatReplay;
import io.switchboard.chat.desk.ChatRouting;
import io.switchboard.chat.desk.ChatTimers;
import io.switchboard.chat.flow.ChatFlow;
import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.SessionListener;
import io.switchboard.chat.session.SessionState;
import io.switchboard.core.journal.Journal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replay of the chat desk's journal entries ({@link ChatJournalEntries#apply} into a {@link ChatReplay}): a desk
 * writes its real entries into an in-memory journal, a second desk (the restarted server) is rebuilt from them. The
 * sessions not finished come back with the same ids, messages (ids and times), agents, transfer and times, the owners
 * with them; a finished one does not; each resumes as the replay's rules say (the flow at its branch, a waiting one
 * queued again with its owner first, a served one re-served by its agent or handed to the colleague the ACD chose).
 * The flow is {@code src/test/resources/chat-flows/shop.json}; the owner thread is the test's.
 */
class ChatJournalReplayTest
{
    /** The journal as a list; appends are written at once. */
    private static final class ListJournal implements Journal
    {
        final List<Map.Entry<String, byte[]>> entries = new ArrayList<>();

        @Override
        public CompletableFuture<Long> append(final String type, final byte[] json)
        {
            entries.add(Map.entry(type, json));
            return CompletableFuture.completedFuture((long)entries.size());
        }

        @Override
        public void replay(final BiConsumer<String, byte[]> handler)
        {
            entries.forEach(entry -> handler.accept(entry.getKey(), entry.getValue()));
        }

        @Override
        public void close()
        {
        }
    }

    /** The ACD, as the test plays it: what it was asked. */
    private static final class Asked implements ChatRouting
    {
        final List<String> asked = new ArrayList<>();

        @Override
        public void queue(final long sessionId, final String group, final String owner)
        {
            asked.add("queue " + sessionId + " " + group + " owner " + owner);
        }

        @Override
        public CompletableFuture<?> accepted(final long sessionId, final String staffNo)
        {
            asked.add("accepted " + sessionId + " " + staffNo);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<?> transfer(final long sessionId, final String staffNo, final String toStaffNo,
            final String toGroup)
        {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<?> pick(final long sessionId, final String staffNo)
        {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void ended(final long sessionId)
        {
            asked.add("ended " + sessionId);
        }
    }

    /** What the screens are sent. */
    private static final class Shown implements ChatDelivery
    {
        final List<String> shown = new ArrayList<>();

        @Override
        public void message(final ChatSession session, final ChatMessage message)
        {
            shown.add(session.id() + ":" + message.id() + " " + message.text());
        }

        @Override
        public void changed(final ChatSession session)
        {
        }

        @Override
        public void offered(final ChatSession session, final String staffNo, final boolean autoAccept)
        {
            shown.add("offered " + session.id() + " " + staffNo);
        }

        @Override
        public void transferred(final ChatSession session, final String from)
        {
            shown.add("transferred " + session.id() + " " + from + " to " + session.staffNo());
        }

        @Override
        public void withdrawn(final ChatSession session, final String staffNo)
        {
        }
    }

    private static final class Timers implements ChatTimers
    {
        final Map<Long, Long> armed = new HashMap<>();

        @Override
        public void arm(final long sessionId, final long millis)
        {
            armed.put(sessionId, millis);
        }

        @Override
        public void cancel(final long sessionId)
        {
            armed.remove(sessionId);
        }
    }

    private final ListJournal journal = new ListJournal();
    private ChatFlow flow;
    private long clock = 1_000;

    @BeforeEach
    void load() throws Exception
    {
        flow = new ObjectMapper().readValue(new File("src/test/resources/chat-flows/shop.json"), ChatFlow.class);
    }

    @Test
    void theSessionsNotFinishedComeBackWithTheirMessagesAgentsAndOwners() throws Exception
    {
        final Asked before = new Asked();
        final ChatDesk desk = desk(before, new Shown(), new Timers());
        final ChatSession inFlow = desk.open("shop", "v-flow", "Li Lei", "https://shop/a");
        final ChatSession served = servedBy(desk, "v-served", "A1");
        clock = 5_000;
        desk.agentText(served.id(), "A1", "您好").join();
        desk.visitorText(served.id(), "v-served", "多少钱？").join();
        desk.agentText(served.id(), "A1", "99元").join();
        final ChatSession done = servedBy(desk, "v-done", "A2");
        desk.end(done.id(), "A2");
        desk.finish(done.id(), "A2");
        final ChatSession waiting = desk.open("shop", "v-served-before", null, null);
        desk.visitorText(waiting.id(), "v-served-before", "1").join();
        desk.onOffer(waiting.id(), "A2", false);

        final ChatReplay replay = replay();
        assertEquals(4, replay.highestId());
        final List<ChatSession> back = replay.sessions();
        assertEquals(List.of(inFlow.id(), served.id(), waiting.id()), back.stream().map(ChatSession::id).toList(),
            "the finished session is not rebuilt");
        final ChatSession again = back.get(1);
        assertEquals(served.transcript().all(), again.transcript().all(), "the same ids, times, senders and texts");
        assertEquals(SessionState.SERVING, again.state());
        assertEquals("A1", again.staffNo());
        assertEquals("support", again.group());
        assertEquals(List.of("A1"), again.servedBy());
        assertEquals(served.servedAtMillis(), again.servedAtMillis());
        assertEquals(5_000, again.firstResponseAtMillis());
        assertEquals("https://shop/a", back.get(0).sourcePage());
        assertEquals("menu", replay.nodeOf(inFlow.id()), "the branch the flow waits at");
        assertEquals(SessionState.OFFERED, back.get(2).state());
        assertEquals("A1", replay.ownerOf("v-served"));
        assertEquals("A2", replay.ownerOf("v-done"), "owners outlive their sessions");
        assertNull(replay.ownerOf("v-flow"));
    }

    @Test
    void restoredSessionsResumeTheFlowTheQueueAndTheirAgent() throws Exception
    {
        final ChatDesk desk = desk(new Asked(), new Shown(), new Timers());
        final ChatSession inFlow = desk.open("shop", "v-flow", null, null);
        final ChatSession served = servedBy(desk, "v-served", "A1");
        desk.agentText(served.id(), "A1", "您好").join();
        final ChatSession moved = servedBy(desk, "v-moved", "A2");
        final ChatSession offered = desk.open("shop", "v-offered", null, null);
        desk.visitorText(offered.id(), "v-offered", "1").join();
        desk.onOffer(offered.id(), "A2", false);
        final int servedMessages = served.transcript().size();

        final Asked acd = new Asked();
        final Shown screens = new Shown();
        final Timers timers = new Timers();
        final ChatDesk after = desk(acd, screens, timers);
        after.continueIdsAfter(replay().highestId());
        assertEquals(4, replay().restore(after));
        assertEquals(List.of("queue 2 support owner A1", "queue 3 support owner A2", "queue 4 support owner null"),
            acd.asked, "served sessions with their agent as owner; the offer taken back");
        assertEquals(SessionState.QUEUED, after.session(offered.id()).state());
        assertEquals(120_000L, timers.armed.get(served.id()), "the agent wrote last: the visitor's timeout again");
        assertEquals(List.of(after.session(served.id())), after.sessionsOf("A1"), "the agent sees it at once");
        assertSame(after.session(inFlow.id()), after.open("shop", "v-flow", null, null), "the visitor's own");

        // the ACD re-offers: A1 takes its session back without accepting; A2's goes to A3, told why
        after.onOffer(served.id(), "A1", false);
        after.onOffer(moved.id(), "A3", true);
        assertTrue(acd.asked.containsAll(List.of("accepted 2 A1", "accepted 3 A3")), acd.asked::toString);
        assertEquals(SessionState.SERVING, after.session(served.id()).state());
        assertEquals("A3", after.session(moved.id()).staffNo());
        assertEquals(List.of("A2", "A3"), after.session(moved.id()).servedBy());
        assertEquals(ChatReplay.RESTART_NOTE, after.session(moved.id()).transferNote());
        assertTrue(screens.shown.contains("offered 2 A1") && screens.shown.contains("transferred 3 A2 to A3"),
            screens.shown::toString);

        // messages go on with the next ids; the flow answers at its branch
        assertEquals(servedMessages + 1, after.agentText(served.id(), "A1", "还在吗？").join().id());
        after.visitorText(inFlow.id(), "v-flow", "1").join();
        assertEquals(SessionState.QUEUED, after.session(inFlow.id()).state());
        assertEquals("queue 1 support owner null", acd.asked.get(acd.asked.size() - 1));
        final ChatSession next = after.open("shop", "v-new", null, null);
        assertEquals(5, next.id(), "new sessions after the journal's");
    }

    @Test
    void aBranchNoLongerInTheFlowClosesTheSession() throws Exception
    {
        final ChatDesk desk = desk(new Asked(), new Shown(), new Timers());
        final ChatSession inFlow = desk.open("shop", "v-flow", null, null);
        flow = new ChatFlow("shop", flow.nodes().stream().filter(node -> !"menu".equals(node.id())).toList());
        final ChatDesk after = desk(new Asked(), new Shown(), new Timers());
        replay().restore(after);
        assertNull(after.session(inFlow.id()), "closed: finished");
        final ChatReplay twice = replay();
        assertTrue(twice.sessions().isEmpty(), "its end is journalled: " + twice.sessions());
    }

    private ChatDesk desk(final ChatRouting routing, final ChatDelivery delivery, final ChatTimers timers)
    {
        return new ChatDesk(new ChatDesk.Ports(routing, delivery, new ChatJournalEntries(journal), timers,
            Runnable::run, () -> clock, SessionListener.NONE), channel -> "shop".equals(channel) ? flow : null, 50);
    }

    /** A visitor asks for a person and the ACD gives it to {@code staffNo} at once. */
    private static ChatSession servedBy(final ChatDesk desk, final String visitor, final String staffNo)
    {
        final ChatSession session = desk.open("shop", visitor, null, null);
        desk.visitorText(session.id(), visitor, "1").join();
        desk.onOffer(session.id(), staffNo, true);
        return session;
    }

    /** The journal so far, replayed as at start. */
    private ChatReplay replay() throws Exception
    {
        final ChatReplay replay = new ChatReplay(50);
        for (final Map.Entry<String, byte[]> entry : journal.entries)
        {
            if (entry.getKey().startsWith("chat."))
            {
                ChatJournalEntries.apply(entry.getKey(), entry.getValue(), replay);
            }
        }
        return replay;
    }
}
