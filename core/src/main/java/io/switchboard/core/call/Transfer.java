package io.switchboard.core.call;

import io.switchboard.sip.util.TimerScheduler;

/**
 * A transfer in progress on one call: where the remaining party goes, who asked, and where it returns if nobody
 * takes it. Also the second half of an agent's own call (click-to-dial, internal call), which has no transferor and
 * simply ends if the target does not answer. Owned by the call's loop.
 */
final class Transfer
{
    /** Ringing the target, or ringing the transferring agent again after the target failed. */
    enum Stage
    {
        TARGET, RETURN
    }

    final TransferTarget target;
    /** The leg that asked: set aside while the target rings (REFER), or already released (API); null for a dial. */
    final Leg transferor;
    /** Asked by a phone's REFER: progress goes back to it in NOTIFYs, and it is reconnected if the target fails. */
    final boolean byRefer;
    /** The REFER's CSeq (the NOTIFYs' Event id), and whether the phone wants NOTIFYs at all (RFC 4488). */
    long referSeq;
    boolean notify = true;
    /** The agent a failed API transfer rings again, by extension and ACD id (-1 for a phone that is no agent). */
    final String returnExtension;
    final int returnAgentId;
    /** The skill group the caller waits in when everything else failed, or -1 (then the call ends). */
    final int group;
    Stage stage = Stage.TARGET;
    TimerScheduler.Cancellable timer;
    /** An attended transfer's consultation call, once found. */
    ReplacedDialog replaced;
    /** The agent the ACD was told is being rung for this transfer (a direct offer), or -1. */
    int rungAgent = -1;

    Transfer(final TransferTarget target, final Leg transferor, final boolean byRefer, final String returnExtension,
        final int returnAgentId, final int group)
    {
        this.target = target;
        this.transferor = transferor;
        this.byRefer = byRefer;
        this.returnExtension = returnExtension;
        this.returnAgentId = returnAgentId;
        this.group = group;
    }

    /** The second half of an agent's own call: no transferor, no fallback. */
    static Transfer dial(final TransferTarget target)
    {
        return new Transfer(target, null, false, null, -1, -1);
    }

    boolean isDial()
    {
        return transferor == null && returnExtension == null;
    }

    void cancelTimer()
    {
        if (timer != null)
        {
            timer.cancel();
            timer = null;
        }
    }
}
