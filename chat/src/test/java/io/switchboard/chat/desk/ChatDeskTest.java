package io.switchboard.chat.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chat.flow.ChatFlow;
import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.Sender;
import io.switchboard.chat.session.SessionListener;
import io.switchboard.chat.session.SessionState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desk on the website flow with fakes for its ports: a journal whose writes the test completes (in order), an
 * ACD the test answers for, delivery and timers that record, a clock the test moves, and the owner thread being the
 * test's own (results are taken back on it at once).
 */
class ChatDeskTest
{
    /** Writes complete when the test says, in order, as the real journal's single writer does. */
    private static final class HeldJournal implements ChatJournal
    {
        final Deque<CompletableFuture<Object>> waiting = new ArrayDeque<>();
        final List<String> entries = new ArrayList<>();
        boolean hold;

        @Override
        public CompletableFuture<?> opened(final ChatSession session)
        {
            entries.add("opened " + session.id());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<?> message(final ChatSession session, final ChatMessage message)
        {
            entries.add(message.sender() + " " + message.text());
            final CompletableFuture<Object> future = new CompletableFuture<>();
            if (hold)
            {
                waiting.add(future);
            }
            else
            {
                future.complete(null);
            }
            return future;
        }

        @Override
        public CompletableFuture<?> changed(final ChatSession session)
        {
            entries.add("state " + session.state());
            return CompletableFuture.completedFuture(null);
        }

        void writeAll()
        {
            while (!waiting.isEmpty())
            {
                waiting.poll().complete(null);
            }
        }
    }

    /** The ACD as the test plays it. */
    private static final class FakeRouting implements ChatRouting
    {
        final List<String> asked = new ArrayList<>();
        CompletableFuture<Object> acceptance = CompletableFuture.completedFuture(null);

        @Override
        public void queue(final long sessionId, final String group, final String owner)
        {
            asked.add("queue " + sessionId + " " + group + " owner " + owner);
        }

        @Override
        public CompletableFuture<?> accepted(final long sessionId, final String staffNo)
        {
            asked.add("accepted " + sessionId + " " + staffNo);
            return acceptance;
        }

        CompletableFuture<Object> handover = CompletableFuture.completedFuture(null);

        @Override
        public CompletableFuture<?> transfer(final long sessionId, final String staffNo, final String toStaffNo,
            final String toGroup)
        {
            asked.add("transfer " + sessionId + " " + staffNo + " to " + (toStaffNo == null ? toGroup : toStaffNo));
            return handover;
        }

        @Override
        public CompletableFuture<?> pick(final long sessionId, final String staffNo)
        {
            asked.add("pick " + sessionId + " " + staffNo);
            return handover;
        }

        CompletableFuture<Object> opening = CompletableFuture.completedFuture(null);

        @Override
        public CompletableFuture<?> open(final long sessionId, final String staffNo, final String group)
        {
            asked.add("open " + sessionId + " " + staffNo + " " + group);
            return opening;
        }

        @Override
        public void ended(final long sessionId)
        {
            asked.add("ended " + sessionId);
        }
    }

    /** What the visitor's widget and the agents' pages are sent. */
    private static final class Screens implements ChatDelivery
    {
        final List<ChatMessage> messages = new ArrayList<>();
        final List<String> notices = new ArrayList<>();

        @Override
        public void message(final ChatSession session, final ChatMessage message)
        {
            messages.add(message);
        }

        @Override
        public void changed(final ChatSession session)
        {
            notices.add(session.state().name());
        }

        @Override
        public void offered(final ChatSession session, final String staffNo, final boolean autoAccept)
        {
            notices.add("offered " + staffNo + (autoAccept ? " auto" : ""));
        }

        @Override
        public void transferred(final ChatSession session, final String from)
        {
            notices.add("transferred from " + from + " to " + session.staffNo());
        }

        @Override
        public void withdrawn(final ChatSession session, final String staffNo)
        {
            notices.add("withdrawn " + staffNo);
        }

        List<String> texts()
        {
            return messages.stream().map(m -> m.id() + " " + m.sender() + " " + m.text()).toList();
        }
    }

    /** The one timer per session, fired by the test. */
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

    private final HeldJournal journal = new HeldJournal();
    private final FakeRouting acd = new FakeRouting();
    private final Screens screens = new Screens();
    private final Timers timers = new Timers();
    private long clock = 1_000;
    private ChatDesk desk;

    @BeforeEach
    void open() throws Exception
    {
        final ChatFlow flow;
        try (InputStream in = getClass().getResourceAsStream("/website-flow.json"))
        {
            flow = new ObjectMapper().readValue(in, ChatFlow.class);
        }
        desk = new ChatDesk(new ChatDesk.Ports(acd, screens, journal, timers, Runnable::run, () -> clock,
            SessionListener.NONE), channel -> "shop".equals(channel) ? flow : null, 50);
    }

    @Test
    void aVisitorGoesThroughTheFlowIsOfferedAcceptedServedAndFinished()
    {
        final ChatSession session = desk.open("shop", "v1", "Li Lei", "https://shop.example/pricing");
        assertEquals(List.of("1 FLOW 您好，欢迎咨询！", "2 FLOW 请回复：1 产品咨询，2 商务合作"), screens.texts());
        desk.visitorText(session.id(), "v1", "1").join();
        assertEquals(SessionState.QUEUED, session.state());
        assertEquals("queue 1 support owner null", acd.asked.get(0));
        desk.onPosition(session.id(), 2);
        assertEquals("4 FLOW 当前排队人数为2", screens.texts().get(3));

        desk.onOffer(session.id(), "A1", false);
        assertEquals(SessionState.OFFERED, session.state());
        desk.onWithdraw(session.id(), "A1");
        assertEquals(SessionState.QUEUED, session.state());
        desk.onOffer(session.id(), "A2", false);
        assertThrows(ChatException.class, () -> desk.accept(session.id(), "A1"), "not A1's any more");
        assertEquals(session, desk.accept(session.id(), "A2").join());
        assertEquals("5 FLOW 客服A2为您服务", screens.texts().get(4));
        assertEquals(List.of(session), desk.sessionsOf("A2"));

        clock = 9_000;
        desk.agentText(session.id(), "A2", "您好，请问需要什么帮助？").join();
        assertEquals(180_000L, timers.armed.get(session.id()), "the visitor's reply timeout runs");
        desk.visitorText(session.id(), "v1", "价格是多少？").join();
        assertNull(timers.armed.get(session.id()), "the reply stopped it");
        assertEquals(9_000, session.firstResponseAtMillis());

        desk.end(session.id(), "A2");
        assertEquals(SessionState.WRAP_UP, session.state());
        assertEquals("8 FLOW 感谢您的咨询，再见", screens.texts().get(7));
        assertThrows(ChatException.class, () -> desk.visitorText(session.id(), "v1", "hello?"));
        desk.finish(session.id(), "A2");
        assertEquals(SessionState.FINISHED, session.state());
        assertEquals("ended 1", acd.asked.get(acd.asked.size() - 1));
        assertEquals(0, desk.liveSessions());
        assertEquals(List.of("state QUEUED", "state OFFERED", "state QUEUED", "state OFFERED", "state SERVING",
            "state WRAP_UP", "state FINISHED"), journal.entries.stream().filter(e -> e.startsWith("state")).toList());
    }

    @Test
    void aTransferMovesTheSessionWithItsNoteAndARefusalLeavesItWithTheAgent()
    {
        final ChatSession session = desk.open("shop", "v1", null, null);
        desk.visitorText(session.id(), "v1", "1").join();
        desk.onOffer(session.id(), "A1", true);
        assertThrows(ChatException.class, () -> desk.transfers().transfer(session.id(), "A2", "A3", null, null),
            "only the serving agent transfers");
        assertThrows(ChatException.class, () -> desk.transfers().transfer(session.id(), "A1", "A3", "sales", null),
            "a colleague or a group, not both");

        acd.handover = CompletableFuture.failedFuture(new IllegalStateException("nobody"));
        final ChatException refused = assertThrows(ChatException.class, () -> unwrap(
            desk.transfers().transfer(session.id(), "A1", null, "sales", "vip")));
        assertEquals(ChatException.Reason.NO_AGENT, refused.reason());
        assertEquals("A1", session.staffNo(), "still A1's");

        acd.handover = CompletableFuture.completedFuture(null);
        desk.transfers().transfer(session.id(), "A1", "A3", null, " wants a refund ").join();
        assertEquals("transfer 1 A1 to A3", acd.asked.get(acd.asked.size() - 1));
        desk.onTransferred(session.id(), "A3");
        assertEquals("A3", session.staffNo());
        assertEquals(List.of("A1", "A3"), session.servedBy());
        assertEquals("wants a refund", session.transferNote());
        assertEquals("A1", session.transferredBy());
        assertEquals(SessionState.SERVING, session.state());
        assertTrue(screens.notices.contains("transferred from A1 to A3"));
        assertEquals("客服A3为您服务", screens.messages.get(screens.messages.size() - 1).text());
        assertEquals(List.of(session), desk.sessionsOf("A3"));
        assertEquals(List.of(), desk.sessionsOf("A1"));
    }

    @Test
    void anAgentPicksAWaitingVisitorAndASecondPickIsRefused()
    {
        final ChatSession session = desk.open("shop", "v1", null, null);
        desk.visitorText(session.id(), "v1", "1").join();
        desk.visitorText(session.id(), "v1", "still there?").join();
        assertEquals(List.of(session), desk.transfers().waiting(java.util.Set.of("support")));
        assertEquals(List.of(), desk.transfers().waiting(java.util.Set.of("sales")));
        assertThrows(ChatException.class, () -> desk.transfers().pick(session.id(), "A9", java.util.Set.of("sales")),
            "not in the agent's groups");

        desk.transfers().pick(session.id(), "A2", java.util.Set.of("support")).join();
        assertEquals(SessionState.SERVING, session.state());
        assertEquals("A2", session.staffNo());
        assertTrue(session.transcript().after(0).stream().anyMatch(m -> "still there?".equals(m.text())),
            "what the visitor wrote while waiting is in the conversation");
        assertThrows(ChatException.class, () -> desk.transfers().pick(session.id(), "A1", java.util.Set.of("support")),
            "the second pick is told");
    }

    private static <T> T unwrap(final CompletableFuture<T> future)
    {
        try
        {
            return future.join();
        }
        catch (final CompletionException ex)
        {
            throw (RuntimeException)ex.getCause();
        }
    }

    @Test
    void messagesGetTheirIdsAndAreDeliveredOnlyOnceJournalledInOrder()
    {
        final ChatSession session = desk.open("shop", "v1", null, null);
        journal.hold = true;
        final CompletableFuture<ChatMessage> first = desk.visitorText(session.id(), "v1", "hello");
        final CompletableFuture<ChatMessage> second = desk.visitorText(session.id(), "v1", "anyone?");
        assertFalse(first.isDone(), "not acknowledged before the journal has it");
        assertEquals(2, screens.messages.size());
        journal.writeAll();
        assertEquals(3, first.join().id());
        assertEquals(4, second.join().id());
        journal.writeAll();
        assertEquals(List.of("3 VISITOR hello", "4 VISITOR anyone?", "5 FLOW 没有这个选项",
            "6 FLOW 请回复：1 产品咨询，2 商务合作", "7 FLOW 没有这个选项", "8 FLOW 请回复：1 产品咨询，2 商务合作"),
            screens.texts().subList(2, 8));
        assertEquals(List.of("hello", "anyone?"), session.transcript().after(2).subList(0, 2).stream()
            .map(ChatMessage::text).toList(), "a client that saw 2 gets what follows, once");
    }

    @Test
    void aFailedJournalWriteIsNeitherDeliveredNorGivenAnId()
    {
        final ChatSession session = desk.open("shop", "v1", null, null);
        journal.hold = true;
        final CompletableFuture<ChatMessage> lost = desk.visitorText(session.id(), "v1", "hello");
        journal.waiting.poll().completeExceptionally(new IllegalStateException("journal full"));
        assertThrows(CompletionException.class, lost::join);
        journal.hold = false;
        assertEquals(3, desk.visitorText(session.id(), "v1", "2").join().id(), "no gap in the ids");
    }

    @Test
    void aVisitorReachesOnlyItsOwnSessionAndGetsItBackOnTheNextPage()
    {
        final ChatSession session = desk.open("shop", "v1", null, null);
        assertEquals(session, desk.open("shop", "v1", null, null));
        assertEquals(ChatException.Reason.UNKNOWN_SESSION, assertThrows(ChatException.class,
            () -> desk.visitorText(session.id(), "v2", "hi")).reason());
        assertEquals(ChatException.Reason.UNKNOWN_SESSION, assertThrows(ChatException.class,
            () -> desk.visitorText(99, "v1", "hi")).reason());
        assertEquals(ChatException.Reason.NO_CHANNEL, assertThrows(ChatException.class,
            () -> desk.open("elsewhere", "v1", null, null)).reason());
        assertEquals(ChatException.Reason.INVALID, assertThrows(ChatException.class,
            () -> desk.visitorText(session.id(), "v1", "x".repeat(ChatDesk.MAX_TEXT + 1))).reason());
    }

    @Test
    void theVisitorsSilenceAfterTheAgentEndsTheSessionIntoWrapUp()
    {
        final ChatSession session = served("v1", "A2");
        desk.agentText(session.id(), "A2", "Anything else?").join();
        desk.onTimer(session.id());
        assertEquals(SessionState.WRAP_UP, session.state());
        assertEquals("timed-out", session.endReason());
        assertEquals(Sender.FLOW, session.transcript().last().sender());
    }

    @Test
    void theOwnerIsOfferedFirstNextTime()
    {
        final ChatSession first = served("v1", "A2");
        desk.end(first.id(), "A2");
        desk.finish(first.id(), "A2");
        final ChatSession second = desk.open("shop", "v1", null, null);
        desk.visitorText(second.id(), "v1", "咨询").join();
        assertEquals("queue 2 support owner A2", acd.asked.get(acd.asked.size() - 1));
    }

    @Test
    void nobodyOnlineEndsTheSessionWithTheFailureMessage()
    {
        final ChatSession session = desk.open("shop", "v1", null, null);
        desk.visitorText(session.id(), "v1", "1").join();
        desk.onNoAgent(session.id());
        assertEquals(SessionState.FINISHED, session.state());
        assertEquals("当前无客服在线，请稍后咨询", session.transcript().last().text());
        assertTrue(acd.asked.contains("ended 1"));
    }

    @Test
    void anAcceptanceTheAcdRefusedLeavesTheOfferAsItWas()
    {
        final ChatSession session = desk.open("shop", "v1", null, null);
        desk.visitorText(session.id(), "v1", "1").join();
        desk.onOffer(session.id(), "A1", false);
        acd.acceptance = CompletableFuture.failedFuture(new IllegalStateException("rang out"));
        assertThrows(CompletionException.class, () -> desk.accept(session.id(), "A1").join());
        assertEquals(SessionState.OFFERED, session.state());
    }

    @Test
    void aVisitorWhoLeavesWhileServedLeavesTheAgentItsWrapUpAndOneWhoLeavesWaitingEndsIt()
    {
        final ChatSession served = served("v1", "A2");
        desk.visitorLeft(served.id(), "v1");
        assertEquals(SessionState.WRAP_UP, served.state());
        assertEquals("visitor-left", served.endReason());

        final ChatSession waiting = desk.open("shop", "v2", null, null);
        desk.visitorText(waiting.id(), "v2", "1").join();
        desk.visitorLeft(waiting.id(), "v2");
        assertEquals(SessionState.FINISHED, waiting.state());
        assertTrue(acd.asked.contains("ended " + waiting.id()));
    }

    private ChatSession served(final String visitor, final String staffNo)
    {
        final ChatSession session = desk.open("shop", visitor, null, null);
        desk.visitorText(session.id(), visitor, "1").join();
        desk.onOffer(session.id(), staffNo, true);
        assertEquals(SessionState.SERVING, session.state());
        return session;
    }

    @Test
    void anAgentRecallsItsOwnMessageWithinTwoMinutesByTheDesksClockAndOnlyItsOwn()
    {
        final ChatSession session = desk.open("shop", "v1", null, null);
        desk.visitorText(session.id(), "v1", "1").join();
        desk.onOffer(session.id(), "A1", true);
        clock = 10_000;
        final ChatMessage mine = desk.agentText(session.id(), "A1", "the price is 9").join();
        final ChatMessage reply = desk.visitorText(session.id(), "v1", "thanks").join();
        final ChatMessage late = desk.agentText(session.id(), "A1", "anything else?").join();

        clock = 10_000 + ChatRecalls.WINDOW_MILLIS;
        final ChatMessage recalled = desk.recall(session.id(), "A1", mine.id()).join();
        assertTrue(recalled.recalled());
        assertEquals(ChatMessage.RECALLED, session.transcript().get(mine.id()).text());
        assertEquals(List.of(mine.id(), reply.id(), late.id()), session.transcript().all().stream()
            .map(ChatMessage::id).toList().subList(session.transcript().size() - 3, session.transcript().size()),
            "the recall kept every id and the order");
        assertEquals(recalled, screens.messages.get(screens.messages.size() - 1), "both sides shown it");
        assertEquals(ChatException.Reason.WRONG_STATE, reason(() -> desk.recall(session.id(), "A1", mine.id())));
        assertEquals(ChatException.Reason.NOT_YOURS, reason(() -> desk.recall(session.id(), "A1", reply.id())));
        assertEquals(ChatException.Reason.NOT_YOURS, reason(() -> desk.recall(session.id(), "A1", 1)), "the flow's");
        assertEquals(ChatException.Reason.INVALID, reason(() -> desk.recall(session.id(), "A1", 99)));
        assertEquals(ChatException.Reason.WRONG_STATE, reason(() -> desk.recall(session.id(), "A2", late.id())),
            "A2 does not serve it");

        clock = 10_000 + ChatRecalls.WINDOW_MILLIS + 1;
        assertEquals(ChatException.Reason.TOO_LATE, reason(() -> desk.recall(session.id(), "A1", late.id())),
            "sent at 10 000 like the first, so one millisecond too late now");
        assertEquals("anything else?", session.transcript().get(late.id()).text());
    }

    @Test
    void aRecallIsShownOnlyOnceItsJournalEntryIsWrittenAndAReplyCrossingItKeepsItsId()
    {
        final ChatSession session = desk.open("shop", "v1", null, null);
        desk.visitorText(session.id(), "v1", "1").join();
        desk.onOffer(session.id(), "A1", true);
        final ChatMessage mine = desk.agentText(session.id(), "A1", "oops").join();
        journal.hold = true;
        final CompletableFuture<ChatMessage> reply = desk.visitorText(session.id(), "v1", "what?");
        final CompletableFuture<ChatMessage> recall = desk.recall(session.id(), "A1", mine.id());
        assertTrue(recall.isDone(), "this journal writes recalls at once");
        journal.writeAll();
        assertEquals(mine.id() + 1, reply.join().id());
        assertEquals(mine.id(), recall.join().id());
        assertTrue(session.transcript().get(mine.id()).recalled());
        assertEquals("what?", session.transcript().get(mine.id() + 1).text());
    }

    private static ChatException.Reason reason(final Runnable command)
    {
        return assertThrows(ChatException.class, command::run).reason();
    }

    @Test
    void anAgentOpensASessionWithAnAwayAppUserWhoseReplyTimeoutRunsOnlyOnceItIsBack()
    {
        final String user = "app:shop:U1";
        final ChatSession session = desk.outreach().open("shop", user, "Ann", "A1", "support", "Hello").join();
        final long id = session.id();
        assertEquals(SessionState.SERVING, session.state());
        assertEquals(List.of("open 1 A1 support"), acd.asked, "counted against A1 in the ACD first");
        assertEquals("A1", session.openedBy());
        assertEquals(List.of("1 AGENT Hello"), screens.texts(), "no menu, no success message");
        assertTrue(screens.notices.contains("offered A1 auto"), "the agent's list shows it");
        desk.agentText(id, "A1", "Your order has shipped").join();
        assertTrue(timers.armed.isEmpty(), "no reply timeout while the user is away");

        final ChatException busy = assertThrows(ChatException.class,
            () -> desk.outreach().open("shop", user, null, "A2", "support", "Me too"));
        assertEquals(ChatException.Reason.WRONG_STATE, busy.reason(), "another agent's session: the user is busy");
        assertEquals(session, desk.outreach().open("shop", user, null, "A1", "support", "One more").join(),
            "the same agent writes on in its open session");

        assertEquals(session, desk.open("shop", user, null, null), "the user's app gets the session back");
        assertEquals(180_000L, timers.armed.get(id), "back: the end node's reply timeout runs");
        desk.visitorText(id, user, "Thanks").join();
        assertNull(timers.armed.get(id));
        desk.end(id, "A1");
        assertEquals(SessionState.WRAP_UP, session.state());
        assertEquals("5 FLOW 感谢您的咨询，再见", screens.texts().get(4), "ended like any: the end node's message");
        desk.finish(id, "A1");
        assertEquals("ended 1", acd.asked.get(acd.asked.size() - 1), "its place freed in the ACD");
    }

    @Test
    void anAgentWhoCannotTakeASessionNowOpensNone()
    {
        acd.opening = CompletableFuture.failedFuture(new IllegalStateException("full"));
        final CompletionException refused = assertThrows(CompletionException.class,
            () -> desk.outreach().open("shop", "app:shop:U2", null, "A1", "support", "Hello").join());
        assertEquals(ChatException.Reason.NO_AGENT, ((ChatException)refused.getCause()).reason());
        assertEquals(0, desk.liveSessions());
        assertTrue(journal.entries.isEmpty(), "nothing journalled: no record of a session that never was");
        assertThrows(ChatException.class, () -> desk.outreach().open("shop", "app:shop:U2", null, "A1", "support",
            " "), "an empty message");
        assertThrows(ChatException.class, () -> desk.outreach().open("blog", "app:blog:U2", null, "A1", "support",
            "Hi"), "no flow serves the channel");
    }
}
