package io.switchboard.acd;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The layout of the commands on {@link AcdService}'s many-to-one ring buffer, and how a message is carried out on
 * an {@link AcdCommands}. The four call commands (queue, answered, declined, ended) and the three chat ones (chat
 * queue, accepted, ended) have fixed lengths so that a caller can claim their space in the ring and write the
 * fields in place, allocating nothing; the administrative
 * ones start with a correlation id (to complete the caller's future) and may carry strings. The time is not
 * encoded: the engine thread stamps each command with its own clock when it carries it out, so callers on other
 * threads (other clocks, other delays) never disagree with the engine's timers.
 */
final class CommandCodec
{
    static final int QUEUE = 1;
    static final int ANSWERED = 2;
    static final int DECLINED = 3;
    static final int ENDED = 4;
    /** Chat commands: fire-and-forget like the call ones, the session id first. */
    static final int CHAT_QUEUE = 5;
    static final int CHAT_ACCEPTED = 6;
    static final int CHAT_ENDED = 7;
    /** Type ids from here on are administrative: they carry a correlation id first. */
    static final int FIRST_ADMIN = 10;
    static final int ADD_GROUP = 10;
    static final int UPDATE_GROUP = 11;
    static final int REMOVE_GROUP = 12;
    static final int ADD_AGENT = 13;
    static final int REMOVE_AGENT = 14;
    static final int JOIN_GROUP = 15;
    static final int LEAVE_GROUP = 16;
    static final int SET_AGENT_STATE = 17;
    static final int END_WRAP_UP = 18;
    static final int EXTEND_WRAP_UP = 19;
    /** Direct calls: administrative in form (a future tells the call layer of a refusal), one agent id. */
    static final int DIRECT_OFFER = 20;
    static final int DIRECT_START = 21;
    static final int DIRECT_MISSED = 22;
    static final int DIRECT_ENDED = 23;
    static final int SETTINGS = 24;
    static final int RESET_DAILY = 25;
    // chat commands whose caller needs the engine's answer (a refusal): sent as the administrative ones
    static final int CHAT_RECEPTION = 26;
    static final int CHAT_TRANSFER = 27;
    static final int CHAT_PICK = 28;
    /** An agent opens a session: {@link #encodeChatMove} with the decisions' worker and the group. */
    static final int CHAT_OPEN = 29;
    /** The agent keeps its wrap-up open until it ends it: one agent id. */
    static final int KEEP_WRAP_UP = 30;
    /** What the engine knew before a restart, in batches of (long, int) pairs: caller key and agent. */
    static final int RESTORE_LAST_AGENTS = 31;
    /** The same for calls today: count and agent. */
    static final int RESTORE_CALLS_TODAY = 32;
    /** Pairs in one restore command at most (12 KiB); fewer when the ring's largest message is smaller. */
    static final int RESTORE_BATCH = 1024;

    /** Call commands: the call id is always first. */
    private static final int CALL_ID = 0;
    private static final int QUEUE_CALLER_KEY = 8;
    private static final int QUEUE_GROUP = 16;
    private static final int QUEUE_OWNER = 20;
    static final int QUEUE_LENGTH = 24;
    private static final int CALL_AGENT = 8;
    static final int CALL_AGENT_LENGTH = 12;
    static final int ENDED_LENGTH = 8;
    private static final int CHAT_GROUP = 8;
    private static final int CHAT_OWNER_AGENT = 12;
    private static final int CHAT_WORKER = 16;
    static final int CHAT_QUEUE_LENGTH = 20;

    /** Administrative commands: correlation id, then the agent or group id. */
    private static final int CORRELATION = 0;
    private static final int ID = 8;
    private static final int SECOND = 12;
    private static final int ID_LENGTH = 12;
    private static final int PAIR_LENGTH = 16;
    private static final int STATE_REASON = 16;
    private static final int STATE_LENGTH = 20;
    private static final int EXTRA_MILLIS = 16;
    private static final int EXTEND_LENGTH = 24;
    private static final int SETTINGS_RING = 16;
    private static final int SETTINGS_WRAP_UP = 24;
    private static final int SETTINGS_CHAT_RULES = 32;
    private static final int SETTINGS_LENGTH = 36;
    private static final int CHAT_AUTO_ACCEPT = 1;
    private static final int CHATS_DURING_CALLS = 2;
    private static final int CALLS_DURING_CHATS = 4;
    private static final int RING_TIMEOUT_OFF = 8;
    private static final int STATE_RECOVERY_OFF = 16;
    private static final int AGENT_STAFF_NO = 16;
    private static final int GROUP_CONCURRENCY = 16;
    private static final int GROUP_MAX_QUEUE = 20;
    private static final int GROUP_MAX_WAIT = 24;
    private static final int GROUP_FALLBACK_ACTION = 32;
    private static final int GROUP_FALLBACK_GROUP = 36;
    private static final int GROUP_ACCEPT_TIMEOUT = 40;
    private static final int GROUP_POOL = 48;
    private static final int GROUP_NAME = 52;
    private static final int TRANSFER_GROUP = 16;
    private static final int ADMIN_SESSION = 24;
    private static final int ADMIN_SESSION_LENGTH = 32;
    private static final int PAIRS = 16;
    private static final int PAIR_BYTES = Long.BYTES + Integer.BYTES;
    /** Stands for a null policy or staff number: the engine, not the codec, decides what null means. */
    private static final int NULL = -1;

    // Enum values() clones its array on every call; these are read on the engine thread for every command.
    private static final AgentState[] STATES = AgentState.values();
    private static final SelectionPolicy[] POLICIES = SelectionPolicy.values();
    private static final Fallback.Action[] ACTIONS = Fallback.Action.values();

    private CommandCodec()
    {
    }

    static boolean isAdmin(final int msgTypeId)
    {
        return msgTypeId >= FIRST_ADMIN;
    }

    static void encodeQueue(final MutableDirectBuffer buffer, final int index, final long callId, final int groupId,
        final long callerKey, final int ownerWorker)
    {
        buffer.putLong(index + CALL_ID, callId);
        buffer.putLong(index + QUEUE_CALLER_KEY, callerKey);
        buffer.putInt(index + QUEUE_GROUP, groupId);
        buffer.putInt(index + QUEUE_OWNER, ownerWorker);
    }

    /** For {@link #ANSWERED} and {@link #DECLINED}. */
    static void encodeCallAgent(final MutableDirectBuffer buffer, final int index, final long callId,
        final int agentId)
    {
        buffer.putLong(index + CALL_ID, callId);
        buffer.putInt(index + CALL_AGENT, agentId);
    }

    /** For {@link #ENDED} and {@link #CHAT_ENDED}. */
    static void encodeEnded(final MutableDirectBuffer buffer, final int index, final long callId)
    {
        buffer.putLong(index + CALL_ID, callId);
    }

    /** For {@link #CHAT_QUEUE}; {@link #CHAT_ACCEPTED} is laid out as {@link #ANSWERED} ({@link #encodeCallAgent}). */
    static void encodeChatQueue(final MutableDirectBuffer buffer, final int index, final long sessionId,
        final int groupId, final int ownerAgentId, final int ownerWorker)
    {
        buffer.putLong(index + CALL_ID, sessionId);
        buffer.putInt(index + CHAT_GROUP, groupId);
        buffer.putInt(index + CHAT_OWNER_AGENT, ownerAgentId);
        buffer.putInt(index + CHAT_WORKER, ownerWorker);
    }

    /** The worker that owns a queued chat session: its decisions go to that worker's ring. */
    /** The session of an administrative chat command ({@link #encodeChatMove}). */
    static long adminSession(final DirectBuffer buffer, final int index)
    {
        return buffer.getLong(index + ADMIN_SESSION);
    }

    /** The worker of a {@link #CHAT_OPEN}. */
    static int chatOpenWorker(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index + SECOND);
    }

    static int chatQueueOwner(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index + CHAT_WORKER);
    }

    /** The call id of a call command, the session id of a chat command. */
    static long callId(final DirectBuffer buffer, final int index)
    {
        return buffer.getLong(index + CALL_ID);
    }

    /** The worker (SIP event loop) that owns a queued call: its decisions go to that worker's ring. */
    static int queueOwner(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index + QUEUE_OWNER);
    }

    static long correlationId(final DirectBuffer buffer, final int index)
    {
        return buffer.getLong(index + CORRELATION);
    }

    /** For {@link #ADD_GROUP} and {@link #UPDATE_GROUP}; returns the length. */
    static int encodeGroup(final MutableDirectBuffer buffer, final long correlationId, final int groupId,
        final GroupSettings settings)
    {
        buffer.putLong(CORRELATION, correlationId);
        buffer.putInt(ID, groupId);
        buffer.putInt(SECOND, settings.policy() == null ? NULL : settings.policy().ordinal());
        buffer.putInt(GROUP_CONCURRENCY, settings.concurrency());
        buffer.putInt(GROUP_MAX_QUEUE, settings.maxQueueLength());
        buffer.putLong(GROUP_MAX_WAIT, settings.maxWaitMillis());
        buffer.putInt(GROUP_FALLBACK_ACTION, settings.fallback().action().ordinal());
        buffer.putInt(GROUP_FALLBACK_GROUP, settings.fallback().groupId());
        buffer.putLong(GROUP_ACCEPT_TIMEOUT, settings.chatAcceptTimeoutMillis());
        buffer.putInt(GROUP_POOL, settings.chatPool() ? 1 : 0);
        return GROUP_NAME + buffer.putStringUtf8(GROUP_NAME, settings.name());
    }

    static int encodeAgent(final MutableDirectBuffer buffer, final long correlationId, final int agentId,
        final String staffNo, final boolean autoAnswer)
    {
        buffer.putLong(CORRELATION, correlationId);
        buffer.putInt(ID, agentId);
        buffer.putInt(SECOND, autoAnswer ? 1 : 0);
        if (staffNo == null)
        {
            buffer.putInt(AGENT_STAFF_NO, NULL);
            return AGENT_STAFF_NO + Integer.BYTES;
        }
        return AGENT_STAFF_NO + buffer.putStringUtf8(AGENT_STAFF_NO, staffNo);
    }

    /** For {@link #SETTINGS}: the policy, last-agent priority, ring timeout, wrap-up and the chat rules. */
    static int encodeSettings(final MutableDirectBuffer buffer, final long correlationId, final AcdSettings settings)
    {
        buffer.putLong(CORRELATION, correlationId);
        buffer.putInt(ID, settings.policy().ordinal());
        buffer.putInt(SECOND, settings.lastAgentPriority() ? 1 : 0);
        buffer.putLong(SETTINGS_RING, settings.ringTimeoutMillis());
        buffer.putLong(SETTINGS_WRAP_UP, settings.wrapUpMillis());
        buffer.putInt(SETTINGS_CHAT_RULES, (settings.chatAutoAccept() ? CHAT_AUTO_ACCEPT : 0)
            | (settings.chatsDuringCalls() ? CHATS_DURING_CALLS : 0)
            | (settings.callsDuringChats() ? CALLS_DURING_CHATS : 0)
            | (settings.ringTimeout() ? 0 : RING_TIMEOUT_OFF) | (settings.stateRecovery() ? 0 : STATE_RECOVERY_OFF));
        return SETTINGS_LENGTH;
    }

    private static AcdSettings decodeSettings(final DirectBuffer buffer, final int index)
    {
        final int rules = buffer.getInt(index + SETTINGS_CHAT_RULES);
        return new AcdSettings(POLICIES[buffer.getInt(index + ID)], buffer.getInt(index + SECOND) != 0,
            buffer.getLong(index + SETTINGS_RING), buffer.getLong(index + SETTINGS_WRAP_UP),
            (rules & CHAT_AUTO_ACCEPT) != 0, (rules & CHATS_DURING_CALLS) != 0, (rules & CALLS_DURING_CHATS) != 0,
            (rules & RING_TIMEOUT_OFF) == 0, (rules & STATE_RECOVERY_OFF) == 0);
    }

    /** For the commands that name one agent or group only. */
    static int encodeId(final MutableDirectBuffer buffer, final long correlationId, final int id)
    {
        buffer.putLong(CORRELATION, correlationId);
        buffer.putInt(ID, id);
        return ID_LENGTH;
    }

    /** For {@link #JOIN_GROUP} and {@link #LEAVE_GROUP}. */
    static int encodeMembership(final MutableDirectBuffer buffer, final long correlationId, final int agentId,
        final int groupId)
    {
        buffer.putLong(CORRELATION, correlationId);
        buffer.putInt(ID, agentId);
        buffer.putInt(SECOND, groupId);
        return PAIR_LENGTH;
    }

    /**
     * For {@link #CHAT_TRANSFER} ({@code toAgentId} -1 for a group), {@link #CHAT_PICK} ({@code toAgentId} and
     * {@code toGroupId} unused) and {@link #CHAT_OPEN} ({@code toAgentId}: the worker its decisions go to).
     */
    static int encodeChatMove(final MutableDirectBuffer buffer, final long correlationId, final long sessionId,
        final int agentId, final int toAgentId, final int toGroupId)
    {
        buffer.putLong(CORRELATION, correlationId);
        buffer.putInt(ID, agentId);
        buffer.putInt(SECOND, toAgentId);
        buffer.putInt(TRANSFER_GROUP, toGroupId);
        buffer.putLong(ADMIN_SESSION, sessionId);
        return ADMIN_SESSION_LENGTH;
    }

    static int encodeAgentState(final MutableDirectBuffer buffer, final long correlationId, final int agentId,
        final AgentState target, final int reason)
    {
        buffer.putLong(CORRELATION, correlationId);
        buffer.putInt(ID, agentId);
        buffer.putInt(SECOND, target.ordinal());
        buffer.putInt(STATE_REASON, reason);
        return STATE_LENGTH;
    }

    static int encodeExtendWrapUp(final MutableDirectBuffer buffer, final long correlationId, final int agentId,
        final long extraMillis)
    {
        buffer.putLong(CORRELATION, correlationId);
        buffer.putInt(ID, agentId);
        buffer.putLong(EXTRA_MILLIS, extraMillis);
        return EXTEND_LENGTH;
    }

    /** How many pairs one restore command may carry in a ring whose largest message is {@code maxLength} bytes. */
    static int pairsThatFit(final int maxLength)
    {
        return Math.max(1, Math.min(RESTORE_BATCH, (maxLength - PAIRS) / PAIR_BYTES));
    }

    /** For the restore commands: {@code count} pairs from {@code from} of the two arrays; returns the length. */
    static int encodePairs(final MutableDirectBuffer buffer, final long correlationId, final long[] longs,
        final int[] agentIds, final int from, final int count)
    {
        buffer.putLong(CORRELATION, correlationId);
        buffer.putInt(ID, count);
        for (int i = 0; i < count; i++)
        {
            buffer.putLong(PAIRS + i * PAIR_BYTES, longs[from + i]);
            buffer.putInt(PAIRS + i * PAIR_BYTES + Long.BYTES, agentIds[from + i]);
        }
        return PAIRS + count * PAIR_BYTES;
    }

    private static void restore(final int msgTypeId, final DirectBuffer buffer, final int index,
        final AcdCommands engine, final long now)
    {
        for (int i = 0, n = buffer.getInt(index + ID); i < n; i++)
        {
            final int at = index + PAIRS + i * PAIR_BYTES;
            if (msgTypeId == RESTORE_LAST_AGENTS)
            {
                engine.restoreLastAgent(buffer.getLong(at), buffer.getInt(at + Long.BYTES), now);
            }
            else
            {
                engine.restoreCallsToday(buffer.getInt(at + Long.BYTES), buffer.getLong(at), now);
            }
        }
    }

    /**
     * Carries out one command on {@code engine} at {@code now}. The engine's {@link AcdException} (or any other
     * exception) passes through to the caller, which decides whether it completes a future or is only counted.
     */
    static void apply(final int msgTypeId, final DirectBuffer buffer, final int index, final AcdCommands engine,
        final long now)
    {
        switch (msgTypeId)
        {
            case QUEUE -> engine.queue(buffer.getLong(index + CALL_ID), buffer.getInt(index + QUEUE_GROUP),
                buffer.getLong(index + QUEUE_CALLER_KEY), now);
            case ANSWERED -> engine.answered(buffer.getLong(index + CALL_ID), buffer.getInt(index + CALL_AGENT), now);
            case DECLINED -> engine.declined(buffer.getLong(index + CALL_ID), buffer.getInt(index + CALL_AGENT), now);
            case ENDED -> engine.ended(buffer.getLong(index + CALL_ID), now);
            case CHAT_QUEUE -> engine.chatQueue(buffer.getLong(index + CALL_ID), buffer.getInt(index + CHAT_GROUP),
                buffer.getInt(index + CHAT_OWNER_AGENT), now);
            case CHAT_ACCEPTED -> engine.chatAccepted(buffer.getLong(index + CALL_ID),
                buffer.getInt(index + CALL_AGENT), now);
            case CHAT_ENDED -> engine.chatEnded(buffer.getLong(index + CALL_ID), now);
            case ADD_GROUP -> engine.addGroup(buffer.getInt(index + ID), decodeGroup(buffer, index));
            case UPDATE_GROUP -> engine.updateGroup(buffer.getInt(index + ID), decodeGroup(buffer, index), now);
            case REMOVE_GROUP -> engine.removeGroup(buffer.getInt(index + ID), now);
            case ADD_AGENT -> engine.addAgent(buffer.getInt(index + ID), decodeStaffNo(buffer, index),
                buffer.getInt(index + SECOND) != 0);
            case REMOVE_AGENT -> engine.removeAgent(buffer.getInt(index + ID), now);
            case JOIN_GROUP -> engine.joinGroup(buffer.getInt(index + ID), buffer.getInt(index + SECOND), now);
            case LEAVE_GROUP -> engine.leaveGroup(buffer.getInt(index + ID), buffer.getInt(index + SECOND), now);
            case SET_AGENT_STATE -> engine.setAgentState(buffer.getInt(index + ID),
                STATES[buffer.getInt(index + SECOND)], buffer.getInt(index + STATE_REASON), now);
            case END_WRAP_UP -> engine.endWrapUp(buffer.getInt(index + ID), now);
            case KEEP_WRAP_UP -> engine.keepWrapUp(buffer.getInt(index + ID), now);
            case EXTEND_WRAP_UP -> engine.extendWrapUp(buffer.getInt(index + ID),
                buffer.getLong(index + EXTRA_MILLIS), now);
            case DIRECT_OFFER -> engine.directOffer(buffer.getInt(index + ID), now);
            case DIRECT_START -> engine.directStart(buffer.getInt(index + ID), now);
            case DIRECT_MISSED -> engine.directMissed(buffer.getInt(index + ID), now);
            case DIRECT_ENDED -> engine.directEnded(buffer.getInt(index + ID), now);
            case SETTINGS -> engine.settings(decodeSettings(buffer, index), now);
            case RESET_DAILY -> engine.resetDailyCounts(now);
            case CHAT_RECEPTION -> engine.chatReception(buffer.getInt(index + ID), buffer.getInt(index + SECOND) != 0,
                now);
            case CHAT_TRANSFER -> engine.chatTransfer(buffer.getLong(index + ADMIN_SESSION),
                buffer.getInt(index + ID), buffer.getInt(index + SECOND), buffer.getInt(index + TRANSFER_GROUP), now);
            case CHAT_PICK -> engine.chatPick(buffer.getLong(index + ADMIN_SESSION), buffer.getInt(index + ID), now);
            case CHAT_OPEN -> engine.chatOpen(buffer.getLong(index + ADMIN_SESSION), buffer.getInt(index + ID),
                buffer.getInt(index + TRANSFER_GROUP), now);
            case RESTORE_LAST_AGENTS, RESTORE_CALLS_TODAY -> restore(msgTypeId, buffer, index, engine, now);
            default -> throw new IllegalArgumentException("unknown ACD command type " + msgTypeId);
        }
    }

    private static GroupSettings decodeGroup(final DirectBuffer buffer, final int index)
    {
        final int policy = buffer.getInt(index + SECOND);
        final Fallback.Action action = ACTIONS[buffer.getInt(index + GROUP_FALLBACK_ACTION)];
        final int fallbackGroup = buffer.getInt(index + GROUP_FALLBACK_GROUP);
        final Fallback fallback = action == Fallback.Action.HANGUP && fallbackGroup == Fallback.HANG_UP.groupId()
            ? Fallback.HANG_UP : new Fallback(action, fallbackGroup);
        return new GroupSettings(buffer.getStringUtf8(index + GROUP_NAME), policy == NULL ? null : POLICIES[policy],
            buffer.getInt(index + GROUP_CONCURRENCY), buffer.getInt(index + GROUP_MAX_QUEUE),
            buffer.getLong(index + GROUP_MAX_WAIT), fallback, buffer.getLong(index + GROUP_ACCEPT_TIMEOUT),
            buffer.getInt(index + GROUP_POOL) != 0);
    }

    private static String decodeStaffNo(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index + AGENT_STAFF_NO) == NULL ? null : buffer.getStringUtf8(index + AGENT_STAFF_NO);
    }
}
