package io.switchboard.acd;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The engine thread's duty cycle (Aeron's conductor): the encoded commands from the command ring, then the reads
 * waiting in their queue, then the engine's timers. Each command is stamped with the engine's clock and applied
 * through {@link CommandCodec#apply}; an administrative command's future is completed here, on the engine thread.
 */
final class AcdConductor implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(AcdConductor.class);
    /** Commands carried out per duty cycle before timers and queries get their turn. */
    private static final int COMMAND_BATCH = 256;
    private static final int READ_BATCH = 64;

    private final ManyToOneRingBuffer commands;
    private final ManyToOneConcurrentArrayQueue<EngineRead<?>> reads;
    private final ConcurrentHashMap<Long, CompletableFuture<Void>> pending;
    private final DecisionRouter router;
    private final AcdCommands engine;
    private final NanoClock clock;
    private final MessageHandler commandHandler = this::onCommand;
    private final Consumer<EngineRead<?>> readRunner = this::run;
    // Single writer each (the engine thread), read by anyone.
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    AcdConductor(final ManyToOneRingBuffer commands, final ManyToOneConcurrentArrayQueue<EngineRead<?>> reads,
        final ConcurrentHashMap<Long, CompletableFuture<Void>> pending, final DecisionRouter router,
        final AcdCommands engine, final NanoClock clock)
    {
        this.commands = commands;
        this.reads = reads;
        this.pending = pending;
        this.router = router;
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public int doWork()
    {
        int work = commands.read(commandHandler, COMMAND_BATCH);
        if (work < COMMAND_BATCH)
        {
            // A read stops at the end of the buffer: take the commands that wrapped around in the same cycle.
            work += commands.read(commandHandler, COMMAND_BATCH - work);
        }
        work += reads.drain(readRunner, READ_BATCH);
        try
        {
            work += engine.poll(clock.nanoTime());
        }
        catch (final RuntimeException | AssertionError ex)
        {
            // Counted with the commands: one bad timer must not end the engine thread.
            failed.lazySet(failed.get() + 1);
            LOG.warn("ACD timers failed", ex);
        }
        return work;
    }

    @Override
    public String roleName()
    {
        return AcdService.THREAD_NAME;
    }

    /** Commands carried out (or tried). */
    long processed()
    {
        return processed.get();
    }

    /** Commands (and timer runs) the engine refused or failed on. */
    long failed()
    {
        return failed.get();
    }

    private void onCommand(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        processed.lazySet(processed.get() + 1);
        final long now = clock.nanoTime();
        if (CommandCodec.isAdmin(msgTypeId))
        {
            onAdmin(msgTypeId, buffer, index, now);
            return;
        }
        final long callId = CommandCodec.callId(buffer, index);
        // The route is set before the engine sees the call (or session), because queueing may offer it at once.
        final boolean newRoute = msgTypeId == CommandCodec.QUEUE
            && router.route(callId, CommandCodec.queueOwner(buffer, index))
            || msgTypeId == CommandCodec.CHAT_QUEUE
            && router.routeChat(callId, CommandCodec.chatQueueOwner(buffer, index));
        try
        {
            CommandCodec.apply(msgTypeId, buffer, index, engine, now);
        }
        catch (final RuntimeException | AssertionError ex)
        {
            countFailure(msgTypeId, ex);
            if (newRoute)
            {
                forget(msgTypeId, callId);
            }
        }
        if (msgTypeId == CommandCodec.ENDED || msgTypeId == CommandCodec.CHAT_ENDED)
        {
            // After the engine, which may still withdraw the offer, and even if it did not know the call or session.
            forget(msgTypeId, callId);
        }
    }

    private void forget(final int msgTypeId, final long id)
    {
        if (msgTypeId == CommandCodec.QUEUE || msgTypeId == CommandCodec.ENDED)
        {
            router.forget(id);
        }
        else
        {
            router.forgetChat(id);
        }
    }

    private void onAdmin(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final long now)
    {
        final CompletableFuture<Void> future = pending.remove(CommandCodec.correlationId(buffer, index));
        // An opened session's route is set before the engine serves it, as a queued one's, and forgotten if refused.
        final boolean newRoute = msgTypeId == CommandCodec.CHAT_OPEN && router.routeChat(
            CommandCodec.adminSession(buffer, index), CommandCodec.chatOpenWorker(buffer, index));
        try
        {
            CommandCodec.apply(msgTypeId, buffer, index, engine, now);
            if (future != null)
            {
                future.complete(null);
            }
        }
        catch (final RuntimeException | AssertionError ex)
        {
            countFailure(msgTypeId, ex);
            if (newRoute)
            {
                router.forgetChat(CommandCodec.adminSession(buffer, index));
            }
            if (future != null)
            {
                future.completeExceptionally(ex);
            }
        }
    }

    // RuntimeException and AssertionError are a refusal or a bug in one command: the engine goes on with the next.
    // Other errors (out of memory, stack overflow) reach the agent runner, which logs them and ends the thread.
    private void countFailure(final int msgTypeId, final Throwable ex)
    {
        failed.lazySet(failed.get() + 1);
        if (ex instanceof AcdException refused)
        {
            // A refusal is an answer (a call that ended twice, an agent picking a forbidden state), not a fault.
            LOG.debug("ACD command {} refused: {} {}", msgTypeId, refused.error(), refused.getMessage());
        }
        else
        {
            LOG.warn("ACD command {} failed", msgTypeId, ex);
        }
    }

    private <T> void run(final EngineRead<T> read)
    {
        try
        {
            catchUp(read.after);
            read.future.complete(read.reader.apply(engine));
        }
        catch (final RuntimeException | AssertionError ex)
        {
            read.future.completeExceptionally(ex);
        }
    }

    /**
     * Carries out the commands up to {@code position} before a read, so that a thread that sends a command and
     * then reads sees its command's effect. Waits only for commands already claimed, which their senders commit
     * a few instructions later.
     */
    private void catchUp(final long position)
    {
        while (commands.consumerPosition() < position)
        {
            if (commands.read(commandHandler, COMMAND_BATCH) == 0)
            {
                Thread.onSpinWait();
            }
        }
    }
}
