package io.switchboard.core.signalling;

import io.switchboard.core.call.ReplacedDialog;
import io.switchboard.sip.dialog.Identifiers;

import java.util.concurrent.CompletableFuture;

/**
 * Attended transfers across workers (RFC 3891 Replaces): the consultation call named by a Call-ID belongs to the
 * worker that owns that Call-ID ({@link Identifiers#ownerOf}, the same rule that brought its messages there), so it
 * is asked of that worker alone, on its loop, and ended there.
 */
public final class ReplacesLookup implements ReplacedDialog.Lookup
{
    private final SipWorker[] workers;

    public ReplacesLookup(final SipWorker[] workers)
    {
        this.workers = workers;
    }

    @Override
    public CompletableFuture<ReplacedDialog> find(final String callId, final String toTag, final String fromTag)
    {
        final SipWorker owner = workers[Identifiers.ownerOf(callId, workers.length)];
        return CompletableFuture.supplyAsync(new Find(owner, callId, toTag, fromTag), owner.loop());
    }

    @Override
    public void end(final ReplacedDialog replaced)
    {
        final SipWorker owner = workers[replaced.worker()];
        owner.loop().execute(new End(owner, replaced.callId()));
    }

    /** The consultation call's far end, looked up on its owner's loop. */
    private record Find(SipWorker owner, String callId, String toTag, String fromTag)
        implements java.util.function.Supplier<ReplacedDialog>
    {
        @Override
        public ReplacedDialog get()
        {
            return owner.calls().referrals().replaced(callId, toTag, fromTag);
        }
    }

    /** The consultation call ended on its owner's loop, now that its far end talks to the transferred party. */
    private record End(SipWorker owner, long callId) implements Runnable
    {
        @Override
        public void run()
        {
            owner.calls().referrals().endReplaced(callId);
        }
    }
}
