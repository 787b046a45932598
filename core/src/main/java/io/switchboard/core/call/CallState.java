package io.switchboard.core.call;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state of a B2BUA call as the caller sees it (its leg's INVITE server transaction, RFC 3261 Figure 7, and then
 * its dialog, §12), with stable codes for counters and service records:
 * <pre>
 *            18x to the caller        2xx to the caller       ACK
 *   ROUTING -------------------> EARLY --------------> ANSWERED -----> CONFIRMED
 *      |  \_____________2xx (queue, flow: we answer)___^    |              |
 *      |  \_____________an agent's own phone answers_______ | ____________^|
 *      |                                                    |              |
 *      +------------------ any end: hang-up, failure, timeout, transfer ---+--> ENDING --> ENDED
 * </pre>
 * ENDING is entered by {@code CallController.end}: its entry actions answer an unanswered caller, cancel pending
 * forks, hang up confirmed legs and tell every feature of the call; ENDED follows once they have run. A call in
 * ENDING ignores a second end (features that end it again while it ends).
 */
public enum CallState
{
    /** INVITE received from the caller, forks sent, nothing heard back yet. */
    ROUTING(1),
    /** A fork answered provisionally (ringing); the caller heard 180/183. */
    EARLY(2),
    /** A fork answered 2xx (or we answered: queue, flow); the caller got 200 and we wait for its ACK. */
    ANSWERED(3),
    /** Both legs confirmed: the call is up. */
    CONFIRMED(4),
    /** Being torn down: BYE/CANCEL going out, the features told. */
    ENDING(5),
    /** Over. */
    ENDED(6);

    private final int code;
    private Set<CallState> next;

    static
    {
        ROUTING.next = EnumSet.of(EARLY, ANSWERED, CONFIRMED, ENDING);
        EARLY.next = EnumSet.of(EARLY, ANSWERED, ENDING);
        ANSWERED.next = EnumSet.of(CONFIRMED, ENDING);
        CONFIRMED.next = EnumSet.of(ENDING);
        ENDING.next = EnumSet.of(ENDED);
        ENDED.next = EnumSet.noneOf(CallState.class);
    }

    CallState(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    /** Whether the figure above allows this state to change to {@code to}. */
    public boolean allows(final CallState to)
    {
        return next.contains(to);
    }

    /** ENDING or ENDED: the call is going or gone. */
    public boolean isOver()
    {
        return this == ENDING || this == ENDED;
    }
}
