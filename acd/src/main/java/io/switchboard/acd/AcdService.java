package io.switchboard.acd;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The ACD engine on a thread of its own, and the proxy through which every other thread reaches it. The engine
 * ({@code AcdEngine}) is single-threaded: it owns all ACD state and runs on the "acd-engine" thread, driven by the
 * {@link AcdConductor} (an Agrona {@link Agent} under an {@link AgentRunner}). Any thread gives it commands through
 * this class, which encodes them ({@link CommandCodec}, written by a {@link CommandWriter}) onto a many-to-one ring
 * buffer; the engine's decisions come back through the {@link DecisionRouter} on one one-to-one ring per worker (the
 * event loop that owns the call or the chat session), drained by that worker with {@link #drain}, and agent-state
 * changes on an observer ring drained with {@link #drainAgentStates}. Nothing is locked and the call and chat
 * commands and decisions allocate nothing in steady state.
 *
 * <p>Call commands ({@link #queue}, {@link #answered}, {@link #declined}, {@link #ended}) and chat commands
 * ({@link #chatQueue}, {@link #chatAccepted}, {@link #chatEnded}) are fire-and-forget: they return false when the
 * command ring is full (the caller answers 503 or retries), and an engine refusal is only logged and counted.
 * Administrative commands (settings and the daily reset included), and the direct-call ones ({@link #directOffer}
 * and the like), return a future completed on the engine thread, normally or with the engine's
 * {@link AcdException}; a full ring completes it with {@link AcdError#OVERLOADED}. Stages chained on those futures
 * without an executor run on the engine thread: keep them short, or use the {@code *Async} forms. Reads
 * ({@link #query}) see the engine through {@link AcdQueries} only.
 */
public final class AcdService implements AutoCloseable
{
    public static final String THREAD_NAME = "acd-engine";

    private static final Logger LOG = LoggerFactory.getLogger(AcdService.class);
    private static final int CLOSE_RETRY_MILLIS = 100;

    /** Makes the engine; {@code AcdEngine::new} fits. Called once, on the thread that constructs the service. */
    @FunctionalInterface
    public interface EngineFactory
    {
        AcdCommands create(AcdSettings settings, AcdListener listener, long nowNanos);
    }

    /**
     * How the service is built.
     *
     * @param workers            the number of workers (SIP event loops), each with its decision ring
     * @param commandRingBytes   the command ring's capacity, a power of two
     * @param decisionRingBytes  each worker's decision ring capacity (and the observer's), a power of two
     * @param queryQueueCapacity how many {@link #read} tasks may wait for the engine
     * @param idleStrategy       what the engine thread does when it has nothing to do
     * @param clock              the engine's clock; the engine thread stamps every command with it
     * @param closeTimeoutMillis how long {@link #close} waits for the engine thread before giving up on it
     */
    public record Config(int workers, int commandRingBytes, int decisionRingBytes, int queryQueueCapacity,
        IdleStrategy idleStrategy, NanoClock clock, long closeTimeoutMillis)
    {
        public Config
        {
            if (workers < 1 || queryQueueCapacity < 1 || idleStrategy == null || clock == null
                || closeTimeoutMillis < 1)
            {
                throw new IllegalArgumentException("at least one worker, a query queue, an idle strategy, a clock");
            }
        }

        /**
         * One worker per event loop, 1 MiB of commands (about 40,000 queued calls), 256 KiB of decisions per worker.
         * The idle strategy sleeps 1 ms: the ACD sees a few commands a second per agent, so a spinning thread would
         * burn a core for nothing, and a millisecond is nothing next to a phone that rings for seconds.
         */
        public static Config defaults(final int workers)
        {
            return new Config(workers, 1 << 20, 1 << 18, 1024, new SleepingMillisIdleStrategy(1),
                SystemNanoClock.INSTANCE, 5_000);
        }

        public Config withIdleStrategy(final IdleStrategy strategy)
        {
            return new Config(workers, commandRingBytes, decisionRingBytes, queryQueueCapacity, strategy, clock,
                closeTimeoutMillis);
        }

        public Config withClock(final NanoClock nanoClock)
        {
            return new Config(workers, commandRingBytes, decisionRingBytes, queryQueueCapacity, idleStrategy,
                nanoClock, closeTimeoutMillis);
        }

        public Config withRings(final int commandBytes, final int decisionBytes)
        {
            return new Config(workers, commandBytes, decisionBytes, queryQueueCapacity, idleStrategy, clock,
                closeTimeoutMillis);
        }

        public Config withCloseTimeoutMillis(final long millis)
        {
            return new Config(workers, commandRingBytes, decisionRingBytes, queryQueueCapacity, idleStrategy, clock,
                millis);
        }
    }

    private final Config config;
    private final NanoClock clock;
    private final CommandWriter writer;
    private final ManyToOneRingBuffer commands;
    private final DecisionRing[] workerRings;
    private final DecisionRing observer;
    private final ManyToOneConcurrentArrayQueue<EngineRead<?>> reads;
    private final DecisionRouter router;
    private final AcdConductor conductor;
    private final AgentRunner runner;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Thread engineThread;
    /** Written by the agent runner, read by anyone. */
    private final AtomicLong engineErrors = new AtomicLong();

    /** Builds the service and its engine (through {@code factory}); the engine thread starts with {@link #start}. */
    public AcdService(final AcdSettings settings, final EngineFactory factory, final Config config)
    {
        this.config = config;
        clock = config.clock();
        writer = new CommandWriter(config.commandRingBytes());
        commands = writer.commands;
        workerRings = new DecisionRing[config.workers()];
        for (int i = 0; i < workerRings.length; i++)
        {
            workerRings[i] = new DecisionRing("worker-" + i, config.decisionRingBytes());
        }
        observer = new DecisionRing("agent-states", config.decisionRingBytes());
        reads = new ManyToOneConcurrentArrayQueue<>(config.queryQueueCapacity());
        router = new DecisionRouter(workerRings, observer);
        conductor = new AcdConductor(commands, reads, writer.pending, router,
            factory.create(settings, router, clock.nanoTime()), clock);
        runner = new AgentRunner(config.idleStrategy(), this::onEngineError, null, conductor);
    }

    /** Starts the engine thread; returns this. */
    public AcdService start()
    {
        if (!started.compareAndSet(false, true))
        {
            throw new IllegalStateException("the ACD service is already started");
        }
        engineThread = AgentRunner.startOnThread(runner, runnable ->
        {
            final Thread thread = new Thread(runnable, THREAD_NAME);
            // A service someone forgot to close must not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        });
        return this;
    }

    // ---- call commands: any thread, no allocation, false when the ring is full ----

    /** A call waits for an agent of {@code groupId}; its decisions go to worker {@code ownerWorker}'s ring. */
    public boolean queue(final long callId, final int groupId, final long callerKey, final int ownerWorker)
    {
        return writer.queue(callId, groupId, callerKey, requireWorker(ownerWorker));
    }

    public boolean answered(final long callId, final int agentId)
    {
        return writer.withAgent(CommandCodec.ANSWERED, callId, agentId);
    }

    public boolean declined(final long callId, final int agentId)
    {
        return writer.withAgent(CommandCodec.DECLINED, callId, agentId);
    }

    public boolean ended(final long callId)
    {
        return writer.ended(CommandCodec.ENDED, callId);
    }

    // ---- chat commands: any thread, no allocation, false when the ring is full (see AcdCommands) ----

    /**
     * A chat session waits for an agent of {@code groupId}, {@code ownerAgentId} (or -1) first; its decisions
     * (chatOffer, chatWithdraw, chatPosition, chatNoAgent) go to worker {@code ownerWorker}'s ring, drained with
     * {@link #drain} like a call's, until it ends or the engine drops it ({@link AcdListener#chatNoAgent}).
     */
    public boolean chatQueue(final long sessionId, final int groupId, final int ownerAgentId, final int ownerWorker)
    {
        return writer.chatQueue(sessionId, groupId, ownerAgentId, requireWorker(ownerWorker));
    }

    /** The agent accepted the session offered to it; a refusal is only logged and counted, as for calls. */
    public boolean chatAccepted(final long sessionId, final int agentId)
    {
        return writer.withAgent(CommandCodec.CHAT_ACCEPTED, sessionId, agentId);
    }

    /** The session no longer occupies anyone (left the queue, offer withdrawn, or its wrap-up finished). */
    public boolean chatEnded(final long sessionId)
    {
        return writer.ended(CommandCodec.CHAT_ENDED, sessionId);
    }

    /** The agent's reception switch (see {@link AcdCommands#chatReception}). */
    public CompletableFuture<Void> chatReception(final int agentId, final boolean on)
    {
        return admin(CommandCodec.CHAT_RECEPTION,
            (buffer, id) -> CommandCodec.encodeMembership(buffer, id, agentId, on ? 1 : 0));
    }

    /**
     * Transfers a served session to a colleague ({@code toAgentId}) or a group ({@code toAgentId} -1); the new agent
     * comes as {@link AcdListener#chatTransferred} on the session's ring; fails with {@link AcdError#AGENT_UNAVAILABLE}
     * when nobody can take it.
     */
    public CompletableFuture<Void> chatTransfer(final long sessionId, final int fromAgentId, final int toAgentId,
        final int toGroupId)
    {
        return admin(CommandCodec.CHAT_TRANSFER, (buffer, id) -> CommandCodec.encodeChatMove(buffer, id, sessionId,
            fromAgentId, toAgentId, toGroupId));
    }

    /** The agent picks a waiting session (the unassigned pool); completes once it serves it. */
    public CompletableFuture<Void> chatPick(final long sessionId, final int agentId)
    {
        return admin(CommandCodec.CHAT_PICK,
            (buffer, id) -> CommandCodec.encodeChatMove(buffer, id, sessionId, agentId, -1, -1));
    }

    /**
     * The agent opens a session itself (an app user contacted first); its later decisions (a transfer) go to worker
     * {@code ownerWorker}'s ring. Completes once the agent serves it; fails when it cannot (see {@link
     * AcdCommands#chatOpen}).
     */
    public CompletableFuture<Void> chatOpen(final long sessionId, final int agentId, final int groupId,
        final int ownerWorker)
    {
        final int worker = requireWorker(ownerWorker);
        return admin(CommandCodec.CHAT_OPEN, (buffer, id) -> CommandCodec.encodeChatMove(buffer, id, sessionId,
            agentId, worker, groupId));
    }

    // ---- administrative commands: any thread, a future completed by the engine ----

    public CompletableFuture<Void> addGroup(final int groupId, final GroupSettings settings)
    {
        return admin(CommandCodec.ADD_GROUP, (buffer, id) -> CommandCodec.encodeGroup(buffer, id, groupId, settings));
    }

    public CompletableFuture<Void> updateGroup(final int groupId, final GroupSettings settings)
    {
        return admin(CommandCodec.UPDATE_GROUP,
            (buffer, id) -> CommandCodec.encodeGroup(buffer, id, groupId, settings));
    }

    public CompletableFuture<Void> removeGroup(final int groupId)
    {
        return admin(CommandCodec.REMOVE_GROUP, (buffer, id) -> CommandCodec.encodeId(buffer, id, groupId));
    }

    public CompletableFuture<Void> addAgent(final int agentId, final String staffNo, final boolean autoAnswer)
    {
        return admin(CommandCodec.ADD_AGENT,
            (buffer, id) -> CommandCodec.encodeAgent(buffer, id, agentId, staffNo, autoAnswer));
    }

    public CompletableFuture<Void> removeAgent(final int agentId)
    {
        return admin(CommandCodec.REMOVE_AGENT, (buffer, id) -> CommandCodec.encodeId(buffer, id, agentId));
    }

    public CompletableFuture<Void> joinGroup(final int agentId, final int groupId)
    {
        return admin(CommandCodec.JOIN_GROUP,
            (buffer, id) -> CommandCodec.encodeMembership(buffer, id, agentId, groupId));
    }

    public CompletableFuture<Void> leaveGroup(final int agentId, final int groupId)
    {
        return admin(CommandCodec.LEAVE_GROUP,
            (buffer, id) -> CommandCodec.encodeMembership(buffer, id, agentId, groupId));
    }

    public CompletableFuture<Void> setAgentState(final int agentId, final AgentState target, final int reason)
    {
        return admin(CommandCodec.SET_AGENT_STATE,
            (buffer, id) -> CommandCodec.encodeAgentState(buffer, id, agentId, target, reason));
    }

    public CompletableFuture<Void> endWrapUp(final int agentId)
    {
        return admin(CommandCodec.END_WRAP_UP, (buffer, id) -> CommandCodec.encodeId(buffer, id, agentId));
    }

    /** See {@link AcdCommands#keepWrapUp}. */
    public CompletableFuture<Void> keepWrapUp(final int agentId)
    {
        return admin(CommandCodec.KEEP_WRAP_UP, (buffer, id) -> CommandCodec.encodeId(buffer, id, agentId));
    }

    public CompletableFuture<Void> extendWrapUp(final int agentId, final long extraMillis)
    {
        return admin(CommandCodec.EXTEND_WRAP_UP,
            (buffer, id) -> CommandCodec.encodeExtendWrapUp(buffer, id, agentId, extraMillis));
    }

    /** The tenant's settings, changed by an administrator: an encoded command like any other. */
    public CompletableFuture<Void> settings(final AcdSettings settings)
    {
        return admin(CommandCodec.SETTINGS, (buffer, id) -> CommandCodec.encodeSettings(buffer, id, settings));
    }

    /** Starts the daily counts again (at local midnight): an encoded command, so it is replayed like the others. */
    public CompletableFuture<Void> resetDailyCounts()
    {
        return admin(CommandCodec.RESET_DAILY, (buffer, id) -> CommandCodec.encodeId(buffer, id, 0));
    }

    /**
     * What the engine knew before a restart, sent before calls are taken: the last agent of each caller (oldest
     * first) when {@code lastAgents}, else each agent's calls today; {@code longs[i]} (caller key or calls) with
     * {@code agentIds[i]} for i below {@code count}. Encoded commands like the others, in batches one after another;
     * completes when the engine has them all.
     */
    public CompletableFuture<Void> restore(final boolean lastAgents, final long[] longs, final int[] agentIds,
        final int from, final int count)
    {
        final int n = Math.min(CommandCodec.pairsThatFit(commands.maxMsgLength()), count - from);
        return n <= 0 ? CompletableFuture.completedFuture(null) : admin(lastAgents ? CommandCodec.RESTORE_LAST_AGENTS
            : CommandCodec.RESTORE_CALLS_TODAY, (buffer, id) -> CommandCodec.encodePairs(buffer, id, longs, agentIds,
            from, n)).thenCompose(done -> restore(lastAgents, longs, agentIds, from + n, count));
    }

    // ---- direct calls (not routed by the ACD): any thread, a future completed by the engine ----
    // Sent like the administrative commands, stamped with the engine's clock: the call layer needs the refusal
    // (AGENT_UNAVAILABLE: the target is busy) and these come a few a second, not at the queued calls' rate.

    /** A direct call rings the agent; fails with {@link AcdError#AGENT_UNAVAILABLE} if the agent is not idle. */
    public CompletableFuture<Void> directOffer(final int agentId)
    {
        return admin(CommandCodec.DIRECT_OFFER, (buffer, id) -> CommandCodec.encodeId(buffer, id, agentId));
    }

    /** The agent is on a direct call (answered, or made by the agent); see {@link AcdCommands#directStart}. */
    public CompletableFuture<Void> directStart(final int agentId)
    {
        return admin(CommandCodec.DIRECT_START, (buffer, id) -> CommandCodec.encodeId(buffer, id, agentId));
    }

    /** A direct offer rang out or was refused by the agent's phone: a break for a missed call. */
    public CompletableFuture<Void> directMissed(final int agentId)
    {
        return admin(CommandCodec.DIRECT_MISSED, (buffer, id) -> CommandCodec.encodeId(buffer, id, agentId));
    }

    /** A direct call of the agent (ringing or talking) is over. */
    public CompletableFuture<Void> directEnded(final int agentId)
    {
        return admin(CommandCodec.DIRECT_ENDED, (buffer, id) -> CommandCodec.encodeId(buffer, id, agentId));
    }

    // ---- queries and other work on the engine thread ----

    /**
     * Runs {@code reader} on the engine thread, after the commands already sent, and completes the future
     * with its result (or its exception) there. The engine is passed as {@link AcdCommands}: the call layer casts
     * it to {@code AcdEngine} for its queries. {@link AcdError#OVERLOADED} when too many reads are waiting.
     */
    public <T> CompletableFuture<T> read(final Function<? super AcdCommands, ? extends T> reader)
    {
        final EngineRead<T> task = new EngineRead<>(reader, commands.producerPosition());
        if (writer.closed())
        {
            task.future.completeExceptionally(CommandWriter.closedException());
        }
        else if (!reads.offer(task))
        {
            task.future.completeExceptionally(new AcdException(AcdError.OVERLOADED, "too many ACD queries waiting"));
        }
        else if (writer.closed())
        {
            // Closed while offering: the engine may never run it, and failing a future twice is harmless.
            task.future.completeExceptionally(CommandWriter.closedException());
        }
        return task.future;
    }

    /**
     * Asks the engine's read-only view, on its thread, after every command written before (like {@link #read});
     * the typed side for callers outside this module, which never see the engine itself.
     */
    public <T> CompletableFuture<T> query(final Function<? super AcdQueries, ? extends T> reader)
    {
        return read(commands -> reader.apply((AcdQueries)commands));
    }

    /** Every agent as the engine has it now. */
    public CompletableFuture<java.util.List<AgentView>> agents()
    {
        return query(AcdQueries::agents);
    }

    /** One agent's state now. */
    public CompletableFuture<AgentState> state(final int agentId)
    {
        return query(view -> view.state(agentId));
    }

    /** Runs {@code action} on the engine thread, like {@link #read}: for tests and benchmarks. */
    public CompletableFuture<Void> execute(final Consumer<? super AcdCommands> action)
    {
        return read(target ->
        {
            action.accept(target);
            return null;
        });
    }

    // ---- decisions: drained by their consumers ----

    /**
     * Hands up to {@code limit} decisions for the calls of {@code worker} to {@code handler}, on the calling thread
     * (that worker's own, and only it); returns how many. Allocates nothing.
     */
    public int drain(final int worker, final AcdListener handler, final int limit)
    {
        return workerRings[worker].drain(handler, limit);
    }

    /** Hands up to {@code limit} agent-state changes to {@code handler}.agentState; one consumer thread only. */
    public int drainAgentStates(final AcdListener handler, final int limit)
    {
        return observer.drain(handler, limit);
    }

    // ---- counters ----

    /** Whether the engine thread runs: false before {@link #start}, after {@link #close} or a fatal error. */
    public boolean isRunning()
    {
        final Thread thread = engineThread;
        return !writer.closed() && thread != null && thread.isAlive();
    }

    public int workers()
    {
        return workerRings.length;
    }

    /** Commands the engine thread carried out (or tried to). */
    public long commandsProcessed()
    {
        return conductor.processed();
    }

    /** Commands the engine refused or failed on. */
    public long commandErrors()
    {
        return conductor.failed();
    }

    /** Commands not sent because the command ring was full. */
    public long commandsRejected()
    {
        return writer.rejected();
    }

    /** Decisions for a call the service does not know (ended, or queued by no one): not delivered. */
    public long decisionsUnrouted()
    {
        return router.unrouted();
    }

    /** Errors that ended the engine thread (out of memory, stack overflow...), from the agent runner. */
    public long engineErrors()
    {
        return engineErrors.get();
    }

    public long decisionsEmitted(final int worker)
    {
        return workerRings[worker].emitted();
    }

    /** Decisions lost because worker's ring was full. */
    public long decisionsDropped(final int worker)
    {
        return workerRings[worker].dropped();
    }

    public long agentStatesEmitted()
    {
        return observer.emitted();
    }

    public long agentStatesDropped()
    {
        return observer.dropped();
    }

    public int commandRingCapacity()
    {
        return commands.capacity();
    }

    /** Bytes of commands waiting for the engine. */
    public int commandRingOccupancy()
    {
        return commands.size();
    }

    public int decisionRingOccupancy(final int worker)
    {
        return workerRings[worker].occupancy();
    }

    /**
     * Stops the engine thread, waiting at most the configured close timeout (then it is left behind, a daemon, and
     * an error is logged), and fails every command future and read still waiting.
     */
    @Override
    public void close()
    {
        if (!closing.compareAndSet(false, true))
        {
            return;
        }
        writer.close();
        final long deadline = System.nanoTime() + config.closeTimeoutMillis() * 1_000_000L;
        try
        {
            runner.close(CLOSE_RETRY_MILLIS, thread ->
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new GiveUp();
                }
                LOG.debug("waiting for {} to stop", THREAD_NAME);
            });
        }
        catch (final GiveUp ex)
        {
            LOG.error("{} did not stop within {} ms; left running as a daemon", THREAD_NAME,
                config.closeTimeoutMillis());
        }
        final AcdException gone = CommandWriter.closedException();
        writer.pending.values().forEach(future -> future.completeExceptionally(gone));
        writer.pending.clear();
        if (!runner.isClosed())
        {
            // The engine thread may still be draining the task queue, and it is its only consumer.
            return;
        }
        reads.drain(read -> read.future.completeExceptionally(gone));
    }

    private int requireWorker(final int worker)
    {
        if (worker < 0 || worker >= workerRings.length)
        {
            throw new IllegalArgumentException("no worker " + worker + " of " + workerRings.length);
        }
        return worker;
    }

    private CompletableFuture<Void> admin(final int msgTypeId, final CommandWriter.AdminEncoder encoder)
    {
        return writer.admin(msgTypeId, encoder);
    }

    private void onEngineError(final Throwable error)
    {
        engineErrors.incrementAndGet();
        LOG.error("ACD engine error", error);
    }

    /** Thrown out of {@link AgentRunner#close(int, Consumer)} to bound the wait; caught in {@link #close}. */
    private static final class GiveUp extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        GiveUp()
        {
            super("close timeout", null, false, false);
        }
    }
}
