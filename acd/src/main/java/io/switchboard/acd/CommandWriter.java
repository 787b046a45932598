package io.switchboard.acd;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The writing side of the engine's command ring, for {@link AcdService}'s callers on any thread. The call and chat
 * commands are claimed in the ring and written in place ({@link CommandCodec}'s fixed layouts): no allocation, false
 * when the ring is full. The administrative ones go through a scratch buffer and get a future, registered in
 * {@link #pending} under their correlation id for the {@link AcdConductor} to complete on the engine thread.
 */
final class CommandWriter
{
    /** Writes one administrative command's fields at the start of a buffer; returns the length. */
    @FunctionalInterface
    interface AdminEncoder
    {
        int encode(MutableDirectBuffer buffer, long correlationId);
    }

    final ManyToOneRingBuffer commands;
    /** Administrative commands written and not carried out yet, by correlation id. */
    final ConcurrentHashMap<Long, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final MutableDirectBuffer buffer;
    private final AtomicLong correlationIds = new AtomicLong();
    /** Written by any caller, read by anyone. */
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean closed;

    /** {@code capacity}: bytes for commands, a power of two; the ring's trailer is added to it. */
    CommandWriter(final int capacity)
    {
        commands = new ManyToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            capacity + RingBufferDescriptor.TRAILER_LENGTH, BitUtil.CACHE_LINE_LENGTH)));
        buffer = commands.buffer();
    }

    boolean queue(final long callId, final int groupId, final long callerKey, final int ownerWorker)
    {
        final int index = claim(CommandCodec.QUEUE, CommandCodec.QUEUE_LENGTH);
        if (index < 0)
        {
            return false;
        }
        CommandCodec.encodeQueue(buffer, index, callId, groupId, callerKey, ownerWorker);
        commands.commit(index);
        return true;
    }

    boolean chatQueue(final long sessionId, final int groupId, final int ownerAgentId, final int ownerWorker)
    {
        final int index = claim(CommandCodec.CHAT_QUEUE, CommandCodec.CHAT_QUEUE_LENGTH);
        if (index < 0)
        {
            return false;
        }
        CommandCodec.encodeChatQueue(buffer, index, sessionId, groupId, ownerAgentId, ownerWorker);
        commands.commit(index);
        return true;
    }

    /** {@link CommandCodec#ANSWERED}, {@link CommandCodec#DECLINED} or {@link CommandCodec#CHAT_ACCEPTED}. */
    boolean withAgent(final int msgTypeId, final long id, final int agentId)
    {
        final int index = claim(msgTypeId, CommandCodec.CALL_AGENT_LENGTH);
        if (index < 0)
        {
            return false;
        }
        CommandCodec.encodeCallAgent(buffer, index, id, agentId);
        commands.commit(index);
        return true;
    }

    /** {@link CommandCodec#ENDED} or {@link CommandCodec#CHAT_ENDED}. */
    boolean ended(final int msgTypeId, final long id)
    {
        final int index = claim(msgTypeId, CommandCodec.ENDED_LENGTH);
        if (index < 0)
        {
            return false;
        }
        CommandCodec.encodeEnded(buffer, index, id);
        commands.commit(index);
        return true;
    }

    /** Writes one administrative command; these are rare, so a scratch buffer and a future per call are fine. */
    CompletableFuture<Void> admin(final int msgTypeId, final AdminEncoder encoder)
    {
        final CompletableFuture<Void> future = new CompletableFuture<>();
        if (closed)
        {
            future.completeExceptionally(closedException());
            return future;
        }
        final long correlationId = correlationIds.incrementAndGet();
        final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(64);
        final int length = encoder.encode(scratch, correlationId);
        // Registered before it is written: the engine may carry it out before write() returns.
        pending.put(correlationId, future);
        if (!commands.write(msgTypeId, scratch, 0, length))
        {
            pending.remove(correlationId);
            rejected.incrementAndGet();
            future.completeExceptionally(new AcdException(AcdError.OVERLOADED, "the ACD command ring is full"));
        }
        else if (closed && pending.remove(correlationId) != null)
        {
            future.completeExceptionally(closedException());
        }
        return future;
    }

    /** Commands not sent because the ring was full. */
    long rejected()
    {
        return rejected.get();
    }

    boolean closed()
    {
        return closed;
    }

    /** From now on every command is refused (false, or a future failed as closed). */
    void close()
    {
        closed = true;
    }

    static AcdException closedException()
    {
        return new AcdException(AcdError.OVERLOADED, "the ACD service is closed");
    }

    private int claim(final int msgTypeId, final int length)
    {
        if (closed)
        {
            return -1;
        }
        final int index = commands.tryClaim(msgTypeId, length);
        if (index < 0)
        {
            rejected.incrementAndGet();
        }
        return index;
    }
}
