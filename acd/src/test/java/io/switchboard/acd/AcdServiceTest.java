package io.switchboard.acd;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The threaded shell around a fake engine: routing, futures, reads, errors, overload and close. */
class AcdServiceTest
{
    static final AcdSettings SETTINGS = new AcdSettings(SelectionPolicy.LONGEST_IDLE, true, 20_000, 10_000);
    private static final long WAIT_SECONDS = 20;

    private final AtomicLong time = new AtomicLong(1_000);
    private FakeEngine engine;
    private AcdService service;

    @AfterEach
    void closeService()
    {
        if (service != null)
        {
            service.close();
        }
    }

    @Test
    void callCommandsReachTheEngineOnItsThreadStampedWithItsClock()
    {
        start(config());
        time.set(5_000);
        assertTrue(service.queue(7, 3, 99, 0));
        assertTrue(service.answered(7, 21));
        assertTrue(service.declined(7, 22));
        assertTrue(service.ended(7));

        await(() -> engine.calls.size() == 4, "four commands");
        assertEquals(List.of("queue(7,3,99)@5000", "answered(7,21)@5000", "declined(7,22)@5000", "ended(7)@5000"),
            engine.calls);
        assertEquals(Set.of(AcdService.THREAD_NAME), engine.threads);
        assertEquals(1_000, engine.createdAt, "the engine is made with the service's clock");
        assertEquals(4, service.commandsProcessed());
        assertEquals(0, service.commandErrors());
    }

    @Test
    void restoredMemoryReachesTheEngineInOrderInBatchesThroughASmallRing()
    {
        start(config().withRings(1 << 15, 1 << 15));
        final int n = 2 * CommandCodec.RESTORE_BATCH + 5;
        final long[] keys = new long[n];
        final int[] agents = new int[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = -i * 1_000_003L;
            agents[i] = i % 7;
        }
        get(service.restore(true, keys, agents, 0, n));
        get(service.restore(false, new long[] {4, 0}, new int[] {3, 5}, 0, 2));
        get(service.restore(true, keys, agents, 0, 0));
        assertEquals(n + 2, engine.calls.size());
        for (int i = 0; i < n; i++)
        {
            assertEquals("restoreLastAgent " + keys[i] + " " + agents[i], engine.calls.get(i));
        }
        assertEquals(List.of("restoreCallsToday 3 4", "restoreCallsToday 5 0"), engine.calls.subList(n, n + 2));
    }

    @Test
    void adminFuturesCompleteOnSuccessAndWithTheEnginesRefusal() throws Exception
    {
        start(config());
        engine.reaction = (command, id, other, listener) ->
        {
            if (command.equals("removeAgent"))
            {
                throw new AcdException(AcdError.UNKNOWN_AGENT, "no agent " + id);
            }
        };
        final GroupSettings sales = GroupSettings.voice("Sales");
        get(service.addGroup(1, sales));
        get(service.updateGroup(1, sales));
        get(service.addAgent(9, "S-9", true));
        get(service.joinGroup(9, 1));
        get(service.setAgentState(9, AgentState.BREAK, 4));
        get(service.endWrapUp(9));
        get(service.extendWrapUp(9, 30_000));
        get(service.leaveGroup(9, 1));
        get(service.removeGroup(1));

        final ExecutionException refused = assertThrows(ExecutionException.class,
            () -> service.removeAgent(9).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(AcdError.UNKNOWN_AGENT, ((AcdException)refused.getCause()).error());
        assertEquals(1, service.commandErrors());
        assertEquals(List.of("addGroup(1," + sales + ")", "updateGroup(1," + sales + ")", "addAgent(9,S-9,true)",
            "joinGroup(9,1)@1000", "setAgentState(9,BREAK,4)@1000", "endWrapUp(9)@1000", "extendWrapUp(9,30000)@1000",
            "leaveGroup(9,1)@1000", "removeGroup(1)@1000", "removeAgent(9)@1000"), engine.calls);
    }

    @Test
    void aFullRingRejectsCallCommandsAndOverloadsAdminCommands() throws Exception
    {
        service(config().withRings(1024, 4096));
        int sent = 0;
        while (service.queue(sent, 1, 0, 0))
        {
            sent++;
        }
        assertTrue(sent > 10, "a 1 KiB ring holds a few dozen commands");
        assertFalse(service.answered(1, 1));
        assertFalse(service.declined(1, 1));
        assertFalse(service.ended(1));
        final ExecutionException overloaded = assertThrows(ExecutionException.class,
            () -> service.addGroup(1, GroupSettings.voice("Sales")).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(AcdError.OVERLOADED, ((AcdException)overloaded.getCause()).error());
        assertEquals(5, service.commandsRejected());
        assertTrue(service.commandRingOccupancy() > service.commandRingCapacity() - 64);

        service.start();
        final int queued = sent;
        // The ring's head moves once the engine's batch is read, a moment after the engine saw the last command.
        await(() -> engine.calls.size() == queued && service.commandRingOccupancy() == 0,
            "the queued calls, once the engine runs");
        assertTrue(service.queue(1_000, 1, 0, 0), "drained, the ring takes commands again");
        get(service.addGroup(1, GroupSettings.voice("Sales")));
    }

    @Test
    void decisionsGoToTheRingOfTheWorkerThatOwnsTheCall()
    {
        start(config());
        engine.reaction = (command, id, other, listener) ->
        {
            switch (command)
            {
                case "queue" ->
                {
                    listener.offer(id, (int)(100 + id), id % 2 == 0);
                    listener.position(id, 2);
                }
                case "answered" -> listener.withdraw(id, (int)other);
                case "declined" -> listener.fallback(id, Fallback.toGroup(4));
                default ->
                {
                }
            }
        };
        service.queue(1, 3, 0, 0);
        service.queue(2, 3, 0, 1);
        service.answered(1, 101);
        service.declined(2, 102);
        await(() -> service.decisionsEmitted(0) == 3 && service.decisionsEmitted(1) == 3, "three decisions each");

        final DecisionRecorder first = new DecisionRecorder();
        final DecisionRecorder second = new DecisionRecorder();
        assertEquals(3, service.drain(0, first, 100));
        assertEquals(3, service.drain(1, second, 100));
        assertEquals(List.of("offer(1,101,false)", "position(1,2)", "withdraw(1,101)"), first.events);
        assertEquals(List.of("offer(2,102,true)", "position(2,2)", "fallback(2," + Fallback.toGroup(4) + ")"),
            second.events);
        assertEquals(Set.of(Thread.currentThread().getName()), Set.copyOf(first.threads),
            "handlers run on the draining worker's thread");
        assertEquals(0, service.drainAgentStates(new DecisionRecorder(), 100));
        assertEquals(0, service.decisionRingOccupancy(0));
    }

    @Test
    void chatCommandsAndDecisionsGoThroughTheRingsApartFromCalls()
    {
        start(config());
        engine.reaction = (command, id, other, listener) ->
        {
            switch (command)
            {
                case "queue" -> listener.offer(id, 5, false);
                case "chatQueue" ->
                {
                    listener.chatOffer(id, 6, true);
                    listener.chatPosition(id, 3);
                }
                case "chatAccepted" -> listener.chatWithdraw(id, (int)other);
                case "chatEnded" -> listener.chatNoAgent(id);
                default ->
                {
                }
            }
        };
        time.set(7_000);
        assertTrue(service.queue(7, 3, 0, 0));
        assertTrue(service.chatQueue(7, 4, 9, 1));
        assertTrue(service.chatAccepted(7, 6));
        assertTrue(service.chatEnded(7));
        assertTrue(service.chatAccepted(7, 6));
        await(() -> engine.calls.size() == 5, "five commands");
        assertEquals(List.of("queue(7,3,0)@7000", "chatQueue(7,4,9)@7000", "chatAccepted(7,6)@7000",
            "chatEnded(7)@7000", "chatAccepted(7,6)@7000"), engine.calls);

        final DecisionRecorder calls = new DecisionRecorder();
        final DecisionRecorder chats = new DecisionRecorder();
        service.drain(0, calls, 100);
        service.drain(1, chats, 100);
        assertEquals(List.of("offer(7,5,false)"), calls.events, "call 7 and session 7 are not the same");
        assertEquals(List.of("chatOffer(7,6,true)", "chatPosition(7,3)", "chatWithdraw(7,6)", "chatNoAgent(7)"),
            chats.events, "the session's decisions, to its worker, until it ends");
        assertEquals(1, service.decisionsUnrouted(), "the withdraw after the end has no route");
        assertThrows(IllegalArgumentException.class, () -> service.chatQueue(8, 4, -1, 2));
    }

    @Test
    void aChatSessionGoesThroughTheThreadedServiceAndItsTimers()
    {
        service = new AcdService(SETTINGS, AcdEngine::new, config()).start();
        get(service.addGroup(2, GroupSettings.chat("web", 3, 1_000)));
        get(service.addAgent(1, "A1", false));
        get(service.joinGroup(1, 2));
        get(service.setAgentState(1, AgentState.IDLE, AcdCommands.REASON_NONE));
        assertTrue(service.chatQueue(70, 2, -1, 1));
        assertTrue(service.chatQueue(71, 2, -1, 1));
        final DecisionRecorder worker = new DecisionRecorder();
        await(() -> service.drain(1, worker, 10) >= 0 && worker.events.size() == 2, "two offers");
        assertEquals(List.of("chatOffer(70,1,false)", "chatOffer(71,1,false)"), worker.events);
        assertTrue(service.chatAccepted(70, 1));
        assertEquals(Integer.valueOf(1), get(service.<Integer>query(view -> view.chatServedBy(70))));
        assertEquals(Integer.valueOf(2), get(service.<Integer>query(view -> view.openChats(1))));
        assertEquals(2, get(service.agents()).get(0).openChats());

        time.addAndGet(2_000_000_000L);
        await(() -> service.drain(1, worker, 10) >= 0 && worker.events.size() == 4, "the accept timeout");
        assertEquals(List.of("chatWithdraw(71,1)", "chatPosition(71,0)"), worker.events.subList(2, 4));
        assertEquals(AgentState.BREAK, get(service.state(1)));
        final DecisionRecorder observer = new DecisionRecorder();
        service.drainAgentStates(observer, 100);
        assertEquals("agentState(1,BREAK," + AcdCommands.REASON_MISSED_CHAT + ")",
            observer.events.get(observer.events.size() - 1));

        assertTrue(service.chatEnded(70));
        assertTrue(service.chatEnded(71));
        assertEquals(Integer.valueOf(0), get(service.<Integer>query(view -> view.openChats(1))));
        assertEquals(Integer.valueOf(0), get(service.<Integer>query(view -> view.chatQueueLength(2))));
        assertEquals(0, service.commandErrors());
    }

    @Test
    void agentStatesGoToTheObserverRing() throws Exception
    {
        start(config());
        engine.reaction = (command, id, other, listener) ->
        {
            if (command.equals("setAgentState"))
            {
                listener.agentState((int)id, AgentState.values()[(int)other], 7);
            }
        };
        get(service.setAgentState(5, AgentState.BREAK, 7));
        final DecisionRecorder observer = new DecisionRecorder();
        assertEquals(1, service.drainAgentStates(observer, 10));
        assertEquals(List.of("agentState(5,BREAK,7)"), observer.events);
        assertEquals(1, service.agentStatesEmitted());
        assertEquals(0, service.drain(0, new DecisionRecorder(), 10));
        assertEquals(0, service.drain(1, new DecisionRecorder(), 10));
    }

    @Test
    void aCallIsForgottenWhenItEndsIsHungUpOrIsRefused() throws Exception
    {
        start(config());
        engine.reaction = (command, id, other, listener) ->
        {
            switch (command)
            {
                case "queue" ->
                {
                    if (other == 666)
                    {
                        throw new AcdException(AcdError.UNKNOWN_GROUP, "no group 666");
                    }
                }
                case "ended" -> listener.withdraw(id, 1);
                case "declined" -> listener.fallback(id, Fallback.HANG_UP);
                case "answered" -> listener.position(id, 0);
                default ->
                {
                }
            }
        };
        service.queue(1, 3, 0, 0);
        service.ended(1);
        service.answered(1, 5);
        service.queue(2, 3, 0, 0);
        service.declined(2, 5);
        service.answered(2, 5);
        service.queue(3, 666, 0, 0);
        service.answered(3, 5);
        get(service.read(e -> null));

        final DecisionRecorder worker = new DecisionRecorder();
        service.drain(0, worker, 100);
        assertEquals(List.of("withdraw(1,1)", "fallback(2," + Fallback.HANG_UP + ")"), worker.events,
            "the withdraw of an ending call still arrives; nothing after the end, the hang-up or the refusal");
        assertEquals(3, service.decisionsUnrouted());
        assertEquals(1, service.commandErrors());
    }

    @Test
    void readRunsOnTheEngineThreadAfterTheCommandsSentBeforeIt() throws Exception
    {
        start(config());
        assertEquals(AcdService.THREAD_NAME, get(service.read(e -> Thread.currentThread().getName())));
        assertSame(engine, get(service.read(e -> e)));
        for (int i = 0; i < 100; i++)
        {
            service.queue(i, 1, 0, 0);
            final int expected = i + 1;
            final int seen = get(service.read(e -> ((FakeEngine)e).calls.size()));
            assertEquals(expected, seen);
        }

        final IllegalStateException thrown = new IllegalStateException("expected by the test");
        final ExecutionException failed = assertThrows(ExecutionException.class,
            () -> service.read(e ->
            {
                throw thrown;
            }).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertSame(thrown, failed.getCause());

        final AtomicReference<String> ranOn = new AtomicReference<>();
        get(service.execute(e -> ranOn.set(Thread.currentThread().getName())));
        assertEquals(AcdService.THREAD_NAME, ranOn.get());
    }

    @Test
    void exceptionsInTheEngineDoNotStopIt() throws Exception
    {
        start(config());
        engine.reaction = (command, id, other, listener) ->
        {
            if (command.equals("ended"))
            {
                throw new IllegalStateException("expected by the test: a command fails");
            }
            if (command.equals("answered"))
            {
                throw new AssertionError("expected by the test: an error escapes the command");
            }
        };
        engine.pollFailure = new IllegalStateException("expected by the test: a timer fails");
        service.ended(1);
        service.answered(1, 1);
        service.queue(2, 1, 0, 0);
        await(() -> engine.calls.contains("queue(2,1,0)@1000"), "the command after the failures");
        await(() -> service.commandErrors() == 3, "the failed commands and the failed timer counted");
        assertNull(engine.pollFailure);
        final int polls = engine.polls.get();
        await(() -> engine.polls.get() > polls + 2, "timers still polled");
        assertEquals("alive", get(service.read(e -> "alive")));
        assertTrue(service.isRunning());
        assertEquals(0, service.engineErrors());
    }

    @Test
    void aFatalErrorEndsTheEngineThreadVisibly()
    {
        start(config());
        assertTrue(service.isRunning());
        engine.reaction = (command, id, other, listener) ->
        {
            throw new StackOverflowError("expected by the test");
        };
        service.ended(1);
        await(() -> service.engineErrors() == 1, "the error, handed to the agent runner");
        await(() -> !service.isRunning(), "the engine thread to end");
    }

    @Test
    void closeStopsTheEngineThreadPromptlyAndRefusesWhatComesAfter() throws Exception
    {
        // a close timeout far above the bound: "promptly" is the engine stopping, not close giving up on it
        start(config().withCloseTimeoutMillis(60_000));
        final Thread thread = get(service.read(e -> Thread.currentThread()));
        final long start = System.nanoTime();
        service.close();
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "close took too long");
        assertFalse(thread.isAlive());
        service.close();

        assertFalse(service.queue(1, 1, 0, 0));
        assertFalse(service.ended(1));
        assertTrue(service.addAgent(1, "S", false).isCompletedExceptionally());
        assertTrue(service.read(e -> 1).isCompletedExceptionally());
    }

    @Test
    void closeFailsTheFuturesAndReadsStillWaiting()
    {
        service(config());
        final CompletableFuture<Void> admin = service.addAgent(1, "S", false);
        final CompletableFuture<Integer> read = service.read(e -> 1);
        assertFalse(admin.isDone());
        assertFalse(read.isDone());
        service.close();
        assertTrue(admin.isCompletedExceptionally());
        assertTrue(read.isCompletedExceptionally());
    }

    @Test
    void closeGivesUpOnAStuckEngineAfterItsTimeout()
    {
        start(config().withCloseTimeoutMillis(300));
        final AtomicBoolean stuck = new AtomicBoolean(true);
        final AtomicReference<Thread> engineThread = new AtomicReference<>();
        engine.reaction = (command, id, other, listener) ->
        {
            engineThread.set(Thread.currentThread());
            while (stuck.get())
            {
                // Deaf to interrupts, as a runaway loop would be.
                Thread.onSpinWait();
            }
        };
        service.ended(1);
        await(() -> engineThread.get() != null, "the engine stuck in a command");

        final long start = System.nanoTime();
        service.close();
        final long took = System.nanoTime() - start;
        assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(300), "gave up before its timeout");
        // unbounded would be the bug (the engine never ends); a loaded machine may take seconds to return
        assertTrue(took < TimeUnit.SECONDS.toNanos(10), "close took too long");
        assertTrue(engineThread.get().isAlive());
        stuck.set(false);
        await(() -> !engineThread.get().isAlive(), "the engine thread, once unstuck");
    }

    @Test
    void aQueuedCallNeedsAWorkerThatExists()
    {
        service(config());
        assertThrows(IllegalArgumentException.class, () -> service.queue(1, 1, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> service.queue(1, 1, 0, -1));
        assertEquals(2, service.workers());
    }

    AcdService.Config config()
    {
        return AcdService.Config.defaults(2).withClock(time::get);
    }

    /** Settings and the daily reset go through the command ring like every command; queries are typed. */
    @Test
    void settingsAndTheDailyResetAreEncodedCommandsAndQueriesAreTyped()
    {
        service = new AcdService(SETTINGS, AcdEngine::new, config()).start();
        final AcdSettings changed = new AcdSettings(SelectionPolicy.FEWEST_CALLS, false, 30_000, 5_000);
        get(service.settings(changed));
        assertEquals(changed, get(service.query(AcdQueries::settings)));
        get(service.addAgent(1, "A1", false));
        get(service.addGroup(2, GroupSettings.voice("sales")));
        get(service.joinGroup(1, 2));
        get(service.setAgentState(1, AgentState.IDLE, AcdCommands.REASON_NONE));
        get(service.directOffer(1));
        get(service.directStart(1));
        get(service.directEnded(1));
        assertEquals(Long.valueOf(1), get(service.<Long>query(view -> view.callsToday(1))),
            "an answered direct offer counts");
        get(service.resetDailyCounts());
        assertEquals(Long.valueOf(0), get(service.<Long>query(view -> view.callsToday(1))));
        assertEquals(AgentState.WRAP_UP, get(service.state(1)));
        assertEquals(List.of("A1"), get(service.agents()).stream().map(AgentView::staffNo).toList());
        assertEquals(0, service.commandErrors());
    }

    private void service(final AcdService.Config config)
    {
        service = new AcdService(SETTINGS, (settings, listener, now) ->
        {
            engine = new FakeEngine(listener, now);
            return engine;
        }, config);
    }

    private void start(final AcdService.Config config)
    {
        service(config);
        service.start();
    }

    static <T> T get(final CompletableFuture<T> future)
    {
        try
        {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new AssertionError("the future failed or timed out", ex);
        }
    }

    static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
