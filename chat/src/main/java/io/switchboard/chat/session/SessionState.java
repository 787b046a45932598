package io.switchboard.chat.session;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a chat session is. The transitions ({@link ChatSession#transition}):
 *
 * <pre>
 *   IN_FLOW ──transfer──▶ QUEUED ──offer (manual accept)──▶ OFFERED ──accepted──▶ SERVING ──ended──▶ WRAP_UP
 *      │                   │  ▲                               │                    ▲                  │
 *      │                   │  └──────accept timeout───────────┘                    │               finished
 *      │                   └────────────────assigned (auto accept)─────────────────┘                  ▼
 *      └──flow ended, visitor left──▶ FINISHED ◀──no agent, visitor left── QUEUED, OFFERED        FINISHED
 * </pre>
 *
 * A served session transferred to another agent stays SERVING (a transition to itself: the new agent in {@link
 * ChatSession#servedBy()}). A served session ends into WRAP_UP however it ends (the agent's End, the visitor's
 * silence, the visitor leaving), and is FINISHED when the agent finishes its wrap-up (完成会话); one never served
 * goes straight to FINISHED.
 *
 * <p>IN_FLOW ──opened by an agent──▶ SERVING: an agent contacting an app user first (spec §9, 员工主动联系用户) opens
 * the session served by itself, without the flow's menu or the queue.
 */
public enum SessionState
{
    IN_FLOW, QUEUED, OFFERED, SERVING, WRAP_UP, FINISHED;

    /** The states this one may go to. */
    public Set<SessionState> next()
    {
        return switch (this)
        {
            case IN_FLOW -> EnumSet.of(QUEUED, SERVING, FINISHED);
            case QUEUED -> EnumSet.of(OFFERED, SERVING, FINISHED);
            case OFFERED -> EnumSet.of(SERVING, QUEUED, FINISHED);
            case SERVING -> EnumSet.of(WRAP_UP, SERVING);
            case WRAP_UP -> EnumSet.of(FINISHED);
            case FINISHED -> EnumSet.noneOf(SessionState.class);
        };
    }

    /** Whether the visitor and an agent are (or were just) talking: messages go both ways. */
    public boolean served()
    {
        return this == SERVING;
    }

    /** Whether the session still holds a place in the ACD's work for an agent (offered or being served). */
    public boolean withAgent()
    {
        return this == OFFERED || this == SERVING || this == WRAP_UP;
    }
}
