package io.switchboard.core.call;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state of one leg of a call: its INVITE transaction and then its dialog, whichever side we are on (the UAS of
 * the caller's leg, the UAC of a callee fork). It follows RFC 3261's INVITE transactions (Figures 5 and 7) up to the
 * dialog (§12) and the dialog to its end (§15):
 * <pre>
 *            1xx with tag          2xx
 *   TRYING ---------------> EARLY --------> CONFIRMED --------------> ENDED
 *     |  \____________________|___2xx_____^   |    ^  BYE sent/received ^
 *     |          | CANCEL     | CANCEL        | transfer  | reconnect   |
 *     |          v            v               v           |             |
 *     |       CANCELLING ---------- 2xx crossed --> SET_ASIDE ----------+
 *     |          | 487 / final                             BYE
 *     v          v
 *   FAILED  (final non-2xx, timeout, transport error; the caller's leg answered with a failure)
 * </pre>
 * A CANCELLING leg whose 2xx crossed our CANCEL is confirmed and then hung up at once (§9.1). FAILED and ENDED are
 * final. {@link Leg#transition} is the only way a leg changes state; a change this table does not allow is made
 * all the same (the call layer must not wedge) but counted and logged as unexpected.
 */
public enum LegState
{
    /** The INVITE is out (or in), no answer with a tag yet. */
    TRYING,
    /** An early dialog: a provisional answer with a To tag (§12.1). */
    EARLY,
    /** We sent CANCEL for the leg's INVITE (§9.1): a 487, or a 2xx that crossed the CANCEL, comes next. */
    CANCELLING,
    /** The dialog is confirmed by a 2xx (§12.1). */
    CONFIRMED,
    /** Confirmed, but taken out of the call by a transfer: its phone may hang up, or get the call back. */
    SET_ASIDE,
    /** The INVITE ended without a dialog: a final non-2xx, a timeout, a transport error. Final. */
    FAILED,
    /** The dialog is over: BYE sent or received (§15). Final. */
    ENDED;

    private Set<LegState> next;

    static
    {
        TRYING.next = EnumSet.of(EARLY, CANCELLING, CONFIRMED, FAILED, ENDED);
        EARLY.next = EnumSet.of(EARLY, CANCELLING, CONFIRMED, FAILED, ENDED);
        CANCELLING.next = EnumSet.of(CONFIRMED, FAILED, ENDED);
        CONFIRMED.next = EnumSet.of(SET_ASIDE, ENDED);
        SET_ASIDE.next = EnumSet.of(CONFIRMED, ENDED);
        FAILED.next = EnumSet.noneOf(LegState.class);
        ENDED.next = EnumSet.noneOf(LegState.class);
    }

    /** Whether the table above allows this state to change to {@code to}. */
    public boolean allows(final LegState to)
    {
        return next.contains(to);
    }

    /** FAILED or ENDED: nothing more happens on the leg. */
    public boolean isFinal()
    {
        return this == FAILED || this == ENDED;
    }
}
