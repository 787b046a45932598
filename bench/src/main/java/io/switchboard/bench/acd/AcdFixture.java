package io.switchboard.bench.acd;

import io.switchboard.acd.AcdEngine;
import io.switchboard.acd.AcdListener;
import io.switchboard.acd.AcdSettings;
import io.switchboard.acd.AgentState;
import io.switchboard.acd.Fallback;
import io.switchboard.acd.GroupSettings;
import io.switchboard.acd.SelectionPolicy;

import java.util.SplittableRandom;

/**
 * The benchmarks' call center: {@value #AGENTS} agents in {@value #GROUPS} voice groups, each agent in 3 distinct
 * groups drawn from a seeded {@link SplittableRandom} (about 30 members a group), all idle at the start; with chat
 * groups asked for, each agent is also in one of them ({@code agentId % chatGroups}: 20 members each for 500),
 * concurrency {@value #CHAT_CONCURRENCY}, accept timeout {@value #CHAT_ACCEPT_TIMEOUT_MS} ms. The fixture is its own
 * {@link AcdListener}: it counts offers of calls and sessions (the decisions) and keeps the last of each, so the
 * driver can answer it once the engine call has returned (a listener must not call the engine back).
 *
 * <p>Calls go to groups and come from callers drawn from pre-computed tables of {@value #TABLE} entries, so an
 * operation draws no random number and allocates nothing. Callers come from a pool of {@value #CALLERS} keys:
 * the engine remembers each caller's last agent in a map, which a pool keeps from growing.
 */
final class AcdFixture implements AcdListener
{
    static final int AGENTS = 10_000;
    static final int GROUPS = 1_000;
    static final int GROUPS_PER_AGENT = 3;
    static final int TABLE = 1 << 16;
    static final int CALLERS = 4096;
    /** Simulated time advances this much per operation: 50 µs. */
    static final long STEP_NANOS = 50_000;
    static final long NO_CALL = 0;
    static final int CHAT_CONCURRENCY = 3;
    static final long CHAT_ACCEPT_TIMEOUT_MS = 30_000;

    final AcdEngine engine;
    final int[] groupTable = new int[TABLE];
    final long[] callerTable = new long[TABLE];
    long now = 1_000_000_000L;
    long nextCallId = 1;
    /** Offers made since the start: every one is a decision. */
    long offers;
    /** The last offer not yet answered by the driver, or {@link #NO_CALL}. */
    long offeredCall = NO_CALL;
    int offeredAgent = -1;
    /** Chat groups are ids {@value #GROUPS} and up; none unless asked for. */
    final int chatGroups;
    final int[] chatGroupTable = new int[TABLE];
    long nextSessionId = 1;
    /** Chat sessions offered since the start: every one is a decision. */
    long chatOffers;
    long offeredSession = NO_CALL;
    int offeredSessionAgent = -1;

    AcdFixture(final SelectionPolicy policy, final long seed, final int callCapacity)
    {
        this(policy, seed, callCapacity, 0);
    }

    /** With {@code chatGroups} chat groups (0: voice only, as the call benchmarks have it). */
    AcdFixture(final SelectionPolicy policy, final long seed, final int callCapacity, final int chatGroups)
    {
        this.chatGroups = chatGroups;
        engine = new AcdEngine(new AcdSettings(policy, true, 10_000, 5_000), this, now, AGENTS, callCapacity);
        for (int g = 0; g < GROUPS; g++)
        {
            engine.addGroup(g, GroupSettings.voice("g" + g));
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final int[] mine = new int[GROUPS_PER_AGENT];
        for (int a = 0; a < AGENTS; a++)
        {
            engine.addAgent(a, "S" + a, false);
            for (int k = 0; k < GROUPS_PER_AGENT; k++)
            {
                int g;
                do
                {
                    g = random.nextInt(GROUPS);
                }
                while (contains(mine, k, g));
                mine[k] = g;
                engine.joinGroup(a, g, now);
            }
            engine.setAgentState(a, AgentState.IDLE, 0, now);
        }
        for (int i = 0; i < TABLE; i++)
        {
            groupTable[i] = random.nextInt(GROUPS);
            callerTable[i] = 1 + random.nextInt(CALLERS);
        }
        if (chatGroups > 0)
        {
            addChat(new SplittableRandom(seed + 1));
        }
    }

    /** After the voice set-up, from a random stream of its own: the voice benchmarks' state stays as it was. */
    private void addChat(final SplittableRandom random)
    {
        for (int g = 0; g < chatGroups; g++)
        {
            engine.addGroup(GROUPS + g, GroupSettings.chat("c" + g, CHAT_CONCURRENCY, CHAT_ACCEPT_TIMEOUT_MS));
        }
        for (int a = 0; a < AGENTS; a++)
        {
            engine.joinGroup(a, GROUPS + a % chatGroups, now);
        }
        for (int i = 0; i < TABLE; i++)
        {
            chatGroupTable[i] = GROUPS + random.nextInt(chatGroups);
        }
    }

    private static boolean contains(final int[] values, final int count, final int value)
    {
        for (int i = 0; i < count; i++)
        {
            if (values[i] == value)
            {
                return true;
            }
        }
        return false;
    }

    /** Queues a new call to the group the table gives for it; returns its id. May offer it at once. */
    long queueNext()
    {
        final long callId = nextCallId++;
        final int i = (int)(callId & (TABLE - 1));
        engine.queue(callId, groupTable[i], callerTable[i], now);
        return callId;
    }

    /** Queues a new chat session (no owner) to the chat group the table gives for it; returns its id. */
    long queueChatNext()
    {
        final long sessionId = nextSessionId++;
        engine.chatQueue(sessionId, chatGroupTable[(int)(sessionId & (TABLE - 1))], -1, now);
        return sessionId;
    }

    /** Takes the pending session offer (clears it); returns the session id or {@link #NO_CALL}. */
    long takeChatOffer()
    {
        final long sessionId = offeredSession;
        offeredSession = NO_CALL;
        return sessionId;
    }

    /** The group the next {@link #queueNext()} will use. */
    int nextGroup()
    {
        return groupTable[(int)(nextCallId & (TABLE - 1))];
    }

    /** Takes the pending offer (clears it); returns the call id or {@link #NO_CALL}. */
    long takeOffer()
    {
        final long callId = offeredCall;
        offeredCall = NO_CALL;
        return callId;
    }

    @Override
    public void offer(final long callId, final int agentId, final boolean autoAnswer)
    {
        if (offeredCall != NO_CALL)
        {
            throw new IllegalStateException("two offers in one engine call: " + offeredCall + " and " + callId);
        }
        offers++;
        offeredCall = callId;
        offeredAgent = agentId;
    }

    @Override
    public void withdraw(final long callId, final int agentId)
    {
        if (callId == offeredCall)
        {
            offeredCall = NO_CALL;
        }
    }

    @Override
    public void position(final long callId, final int ahead)
    {
    }

    @Override
    public void fallback(final long callId, final Fallback fallback)
    {
        throw new IllegalStateException("call " + callId + " fell back to " + fallback);
    }

    @Override
    public void agentState(final int agentId, final AgentState state, final int reason)
    {
    }

    @Override
    public void chatOffer(final long sessionId, final int agentId, final boolean autoAccept)
    {
        chatOffers++;
        offeredSession = sessionId;
        offeredSessionAgent = agentId;
    }

    @Override
    public void chatWithdraw(final long sessionId, final int agentId)
    {
        if (sessionId == offeredSession)
        {
            offeredSession = NO_CALL;
        }
    }

    @Override
    public void chatNoAgent(final long sessionId)
    {
        throw new IllegalStateException("chat session " + sessionId + " found nobody online");
    }
}
