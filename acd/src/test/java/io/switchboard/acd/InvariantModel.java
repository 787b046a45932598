package io.switchboard.acd;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine should know, kept by {@link RandomisedInvariantTest} from its commands and the listener's reports
 * ({@link InvariantListener}), with the selection rules written the plain way (brute force over every agent).
 */
final class InvariantModel
{
    static final int AGENTS = 40;
    static final int GROUPS = 8;

    enum Status
    {
        WAITING, RINGING, ON_CALL, DONE
    }

    enum ChatStatus
    {
        WAITING, OFFERED, SERVED, DONE
    }

    static final class Call
    {
        final long id;
        final long callerKey;
        int group;
        Status status = Status.WAITING;
        int agent = -1;
        int lastPosition = Integer.MAX_VALUE;
        String outcome;

        Call(final long id, final long callerKey, final int group)
        {
            this.id = id;
            this.callerKey = callerKey;
            this.group = group;
        }
    }

    static final class Chat
    {
        final long id;
        final int group;
        final int owner;
        ChatStatus status = ChatStatus.WAITING;
        int agent = -1;
        int lastPosition = Integer.MAX_VALUE;
        /** How it ended: "served" (then ended), "no-agent", "left-queue", "left-offer". */
        String outcome;

        Chat(final long id, final int group, final int owner)
        {
            this.id = id;
            this.group = group;
            this.owner = owner;
        }
    }

    long now = 5_000_000_000L;
    int events;
    int done;
    int chatsDone;
    int removing = -1;
    long endingChat = -1;
    /** An agent is picking a state (it may pick any break reason, the system's included). */
    boolean picking;
    long nextCallId = 100;
    long nextChatId = 1_000_000;
    boolean lastAgentPriority;
    boolean chatsDuringCalls;
    boolean callsDuringChats;
    boolean chatAutoAccept;
    SelectionPolicy tenantPolicy;
    final AgentState[] state = new AgentState[AGENTS];
    final long[] idleSince = new long[AGENTS];
    final long[] callsToday = new long[AGENTS];
    final int[] open = new int[AGENTS];
    final long[] chatsToday = new long[AGENTS];
    final long[] chatAt = new long[AGENTS];
    final boolean[] held = new boolean[AGENTS];
    final boolean[][] member = new boolean[AGENTS][GROUPS];
    final SelectionPolicy[] policy = new SelectionPolicy[GROUPS];
    final int[] maxLength = new int[GROUPS];
    final int[] concurrency = new int[GROUPS];
    final Map<Long, Call> calls = new HashMap<>();
    final List<Long> live = new ArrayList<>();
    final Map<Long, Integer> lastAgent = new HashMap<>();
    @SuppressWarnings("unchecked")
    final List<Long>[] queues = new List[GROUPS];
    final Map<Long, Chat> chats = new HashMap<>();
    final List<Long> liveChats = new ArrayList<>();
    @SuppressWarnings("unchecked")
    final List<Long>[] chatQueues = new List[GROUPS];

    InvariantModel()
    {
        Arrays.fill(state, AgentState.OFFLINE);
        for (int g = 0; g < GROUPS; g++)
        {
            queues[g] = new ArrayList<>();
            chatQueues[g] = new ArrayList<>();
        }
    }

    /** Queued calls may be offered to the agent: idle, and with no open chat unless calls during chats. */
    boolean takesCalls(final int a)
    {
        return state[a] == AgentState.IDLE && (callsDuringChats || open[a] == 0);
    }

    /** The member of g the call policy picks among those that take calls (brute force), or -1. */
    int best(final int g)
    {
        int best = -1;
        for (int a = 0; a < AGENTS; a++)
        {
            if (member[a][g] && takesCalls(a) && (best < 0 || before(g, a, best)))
            {
                best = a;
            }
        }
        return best;
    }

    private boolean before(final int g, final int a, final int b)
    {
        if (policy[g] == SelectionPolicy.FEWEST_CALLS && callsToday[a] != callsToday[b])
        {
            return callsToday[a] < callsToday[b];
        }
        return idleSince[a] != idleSince[b] ? idleSince[a] < idleSince[b] : a < b;
    }

    int callTakers(final int g)
    {
        int n = 0;
        for (int a = 0; a < AGENTS; a++)
        {
            n += member[a][g] && takesCalls(a) ? 1 : 0;
        }
        return n;
    }

    // ---------------------------------------------------------------- chats

    boolean receivesChats(final int a)
    {
        final AgentState s = state[a];
        return s == AgentState.IDLE
            || chatsDuringCalls && (s == AgentState.RINGING || s == AgentState.ON_CALL || s == AgentState.WRAP_UP);
    }

    /** Whether a session of g may be offered to agent a now. */
    boolean receivable(final int a, final int g)
    {
        return member[a][g] && receivesChats(a) && !held[a] && open[a] < concurrency[g];
    }

    boolean online(final int g)
    {
        for (int a = 0; a < AGENTS; a++)
        {
            if (member[a][g] && state[a] != AgentState.OFFLINE)
            {
                return true;
            }
        }
        return false;
    }

    /** The agent a session of g with this owner goes to (brute force), or -1. */
    int bestChat(final int g, final int owner)
    {
        if (owner >= 0 && receivable(owner, g))
        {
            return owner;
        }
        int best = -1;
        for (int a = 0; a < AGENTS; a++)
        {
            if (receivable(a, g) && (best < 0 || chatBefore(g, a, best)))
            {
                best = a;
            }
        }
        return best;
    }

    private boolean chatBefore(final int g, final int a, final int b)
    {
        if (open[a] != open[b])
        {
            return open[a] < open[b];
        }
        if (policy[g] == SelectionPolicy.FEWEST_CALLS)
        {
            if (chatsToday[a] != chatsToday[b])
            {
                return chatsToday[a] < chatsToday[b];
            }
        }
        else
        {
            final long sinceA = Math.max(chatAt[a], idleSince[a]);
            final long sinceB = Math.max(chatAt[b], idleSince[b]);
            if (sinceA != sinceB)
            {
                return sinceA < sinceB;
            }
        }
        return a < b;
    }

    static void setOutcome(final Call call, final String outcome)
    {
        assertNull(call.outcome, "call " + call.id + " " + outcome + " after it was " + call.outcome);
        call.outcome = outcome;
    }

    static void setOutcome(final Chat chat, final String outcome)
    {
        assertNull(chat.outcome, "chat " + chat.id + " " + outcome + " after it was " + chat.outcome);
        chat.outcome = outcome;
    }

    /** The session ended (no-agent, left the queue or its offer, or served and then ended). */
    void chatDone(final Chat chat)
    {
        chat.status = ChatStatus.DONE;
        chatQueues[chat.group].remove(chat.id);
        chatsDone++;
    }
}
