package io.switchboard.acd;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's decisions on their way to one consumer thread: a worker (offer, withdraw, position, fallback of the
 * calls it owns; chat offer, withdraw, position, no-agent of the chat sessions it owns) or the observer of agent
 * states. A one-to-one ring buffer, since the engine thread is the only
 * producer and the worker the only consumer; the producer side is called only on the engine thread, the consumer
 * side ({@link #drain}) only on the consumer's thread. Neither side allocates per decision: the fields are written
 * into claimed space and read back into a handler kept for the purpose.
 */
final class DecisionRing
{
    static final int OFFER = 1;
    static final int WITHDRAW = 2;
    static final int POSITION = 3;
    static final int FALLBACK = 4;
    static final int AGENT_STATE = 5;
    static final int CHAT_OFFER = 6;
    static final int CHAT_WITHDRAW = 7;
    static final int CHAT_POSITION = 8;
    static final int CHAT_NO_AGENT = 9;
    static final int CHAT_TRANSFERRED = 10;

    private static final Logger LOG = LoggerFactory.getLogger(DecisionRing.class);
    private static final int CALL_ID = 0;
    private static final int AGENT = 8;
    private static final int FLAG = 12;
    private static final int OFFER_LENGTH = 16;
    private static final int CALL_AGENT_LENGTH = 12;
    private static final int ID_LENGTH = 8;
    private static final int FALLBACK_GROUP = 12;
    private static final int FALLBACK_LENGTH = 16;
    private static final int STATE_AGENT = 0;
    private static final int STATE = 4;
    private static final int STATE_REASON = 8;
    private static final int STATE_LENGTH = 12;
    private static final AgentState[] STATES = AgentState.values();
    private static final Fallback.Action[] ACTIONS = Fallback.Action.values();

    private final String name;
    private final OneToOneRingBuffer ring;
    private final MutableDirectBuffer buffer;
    // Consumer side only.
    private final Int2ObjectHashMap<Fallback> fallbacks = new Int2ObjectHashMap<>();
    private final MessageHandler handler = this::onMessage;
    private AcdListener target;
    // Written by one thread each (emitted/dropped by the engine, handlerErrors by the consumer), read by anyone.
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong handlerErrors = new AtomicLong();

    /** {@code capacity}: bytes for messages, a power of two; the ring's trailer is added to it. */
    DecisionRing(final String name, final int capacity)
    {
        this.name = name;
        ring = new OneToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            capacity + RingBufferDescriptor.TRAILER_LENGTH, BitUtil.CACHE_LINE_LENGTH)));
        buffer = ring.buffer();
    }

    void offer(final long callId, final int agentId, final boolean autoAnswer)
    {
        idIntFlag(OFFER, callId, agentId, autoAnswer);
    }

    void withdraw(final long callId, final int agentId)
    {
        idInt(WITHDRAW, callId, agentId);
    }

    void position(final long callId, final int ahead)
    {
        idInt(POSITION, callId, ahead);
    }

    void chatOffer(final long sessionId, final int agentId, final boolean autoAccept)
    {
        idIntFlag(CHAT_OFFER, sessionId, agentId, autoAccept);
    }

    void chatWithdraw(final long sessionId, final int agentId)
    {
        idInt(CHAT_WITHDRAW, sessionId, agentId);
    }

    void chatPosition(final long sessionId, final int ahead)
    {
        idInt(CHAT_POSITION, sessionId, ahead);
    }

    void chatTransferred(final long sessionId, final int agentId)
    {
        idInt(CHAT_TRANSFERRED, sessionId, agentId);
    }

    void chatNoAgent(final long sessionId)
    {
        final int index = claim(CHAT_NO_AGENT, ID_LENGTH);
        if (index > 0)
        {
            buffer.putLong(index + CALL_ID, sessionId);
            commit(index);
        }
    }

    void fallback(final long callId, final Fallback fallback)
    {
        final int index = claim(FALLBACK, FALLBACK_LENGTH);
        if (index > 0)
        {
            buffer.putLong(index + CALL_ID, callId);
            buffer.putInt(index + AGENT, fallback.action().ordinal());
            buffer.putInt(index + FALLBACK_GROUP, fallback.groupId());
            commit(index);
        }
    }

    void agentState(final int agentId, final AgentState state, final int reason)
    {
        final int index = claim(AGENT_STATE, STATE_LENGTH);
        if (index > 0)
        {
            buffer.putInt(index + STATE_AGENT, agentId);
            buffer.putInt(index + STATE, state.ordinal());
            buffer.putInt(index + STATE_REASON, reason);
            commit(index);
        }
    }

    /**
     * Hands up to {@code limit} decisions to {@code listener}, on the calling (consumer) thread; returns how many.
     * A listener's exception is logged and counted and the next decision is still delivered: decisions are
     * independent, and one call's trouble must not stall the others.
     */
    int drain(final AcdListener listener, final int limit)
    {
        target = listener;
        try
        {
            final int read = ring.read(handler, limit);
            // A read stops at the end of the buffer; the messages that wrapped around are read at once, not a tick
            // later.
            return read < limit ? read + ring.read(handler, limit - read) : read;
        }
        finally
        {
            target = null;
        }
    }

    /** Decisions written. */
    long emitted()
    {
        return emitted.get();
    }

    /** Decisions lost because the consumer did not keep up and the ring was full. */
    long dropped()
    {
        return dropped.get();
    }

    long handlerErrors()
    {
        return handlerErrors.get();
    }

    /** Bytes waiting to be drained. */
    int occupancy()
    {
        return ring.size();
    }

    int capacity()
    {
        return ring.capacity();
    }

    /** A call or session id, an agent id, a flag: offers. */
    private void idIntFlag(final int msgTypeId, final long id, final int agentId, final boolean flag)
    {
        final int index = claim(msgTypeId, OFFER_LENGTH);
        if (index > 0)
        {
            buffer.putLong(index + CALL_ID, id);
            buffer.putInt(index + AGENT, agentId);
            buffer.putInt(index + FLAG, flag ? 1 : 0);
            commit(index);
        }
    }

    /** A call or session id and an int (an agent id, or the number ahead): withdrawals and positions. */
    private void idInt(final int msgTypeId, final long id, final int value)
    {
        final int index = claim(msgTypeId, CALL_AGENT_LENGTH);
        if (index > 0)
        {
            buffer.putLong(index + CALL_ID, id);
            buffer.putInt(index + AGENT, value);
            commit(index);
        }
    }

    private int claim(final int msgTypeId, final int length)
    {
        final int index = ring.tryClaim(msgTypeId, length);
        if (index <= 0)
        {
            // The engine must never wait for a worker (a stalled loop would stall every call), so a decision that
            // finds the ring full is lost; rings are sized so that this means the worker is stuck, hence warn.
            final long lost = dropped.get() + 1;
            dropped.lazySet(lost);
            if ((lost & (lost - 1)) == 0)
            {
                // Powers of two only: a stuck worker would otherwise flood the log from the engine thread.
                LOG.warn("ACD decision ring {} is full: decision type {} dropped ({} so far)", name, msgTypeId, lost);
            }
        }
        return index;
    }

    private void commit(final int index)
    {
        ring.commit(index);
        emitted.lazySet(emitted.get() + 1);
    }

    private void onMessage(final int msgTypeId, final MutableDirectBuffer buf, final int index, final int length)
    {
        try
        {
            switch (msgTypeId)
            {
                case OFFER -> target.offer(buf.getLong(index + CALL_ID), buf.getInt(index + AGENT),
                    buf.getInt(index + FLAG) != 0);
                case WITHDRAW -> target.withdraw(buf.getLong(index + CALL_ID), buf.getInt(index + AGENT));
                case POSITION -> target.position(buf.getLong(index + CALL_ID), buf.getInt(index + AGENT));
                case FALLBACK -> target.fallback(buf.getLong(index + CALL_ID),
                    fallback(ACTIONS[buf.getInt(index + AGENT)], buf.getInt(index + FALLBACK_GROUP)));
                case AGENT_STATE -> target.agentState(buf.getInt(index + STATE_AGENT),
                    STATES[buf.getInt(index + STATE)], buf.getInt(index + STATE_REASON));
                case CHAT_OFFER -> target.chatOffer(buf.getLong(index + CALL_ID), buf.getInt(index + AGENT),
                    buf.getInt(index + FLAG) != 0);
                case CHAT_WITHDRAW -> target.chatWithdraw(buf.getLong(index + CALL_ID), buf.getInt(index + AGENT));
                case CHAT_POSITION -> target.chatPosition(buf.getLong(index + CALL_ID), buf.getInt(index + AGENT));
                case CHAT_NO_AGENT -> target.chatNoAgent(buf.getLong(index + CALL_ID));
                case CHAT_TRANSFERRED -> target.chatTransferred(buf.getLong(index + CALL_ID),
                    buf.getInt(index + AGENT));
                default -> throw new IllegalStateException("unknown ACD decision type " + msgTypeId);
            }
        }
        catch (final RuntimeException ex)
        {
            handlerErrors.lazySet(handlerErrors.get() + 1);
            LOG.warn("ACD decision type {} on ring {} failed in its handler", msgTypeId, name, ex);
        }
    }

    /** Fallbacks are values; one per group is kept so that delivering one allocates nothing after the first. */
    private Fallback fallback(final Fallback.Action action, final int groupId)
    {
        if (action == Fallback.Action.HANGUP)
        {
            return groupId == Fallback.HANG_UP.groupId() ? Fallback.HANG_UP : new Fallback(action, groupId);
        }
        final Fallback cached = fallbacks.get(groupId);
        if (cached != null)
        {
            return cached;
        }
        final Fallback created = Fallback.toGroup(groupId);
        fallbacks.put(groupId, created);
        return created;
    }
}
