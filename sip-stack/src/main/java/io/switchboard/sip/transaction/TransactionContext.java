package io.switchboard.sip.transaction;

import io.switchboard.sip.SipCounters;
import io.switchboard.sip.transport.MessageSender;
import io.switchboard.sip.util.TimerScheduler;

/**
 * What every transaction of one {@link TransactionLayer} shares: its TU, sender, clock, timer values, counters and
 * table. Owned by the layer's thread, like the transactions.
 */
final class TransactionContext
{
    final TransactionUser tu;
    final MessageSender sender;
    final TimerScheduler scheduler;
    final TimerValues timers;
    final SipCounters counters;
    final TransactionTable table = new TransactionTable();

    TransactionContext(
        final TransactionUser tu,
        final MessageSender sender,
        final TimerScheduler scheduler,
        final TimerValues timers,
        final SipCounters counters)
    {
        this.tu = tu;
        this.sender = sender;
        this.scheduler = scheduler;
        this.timers = timers;
        this.counters = counters;
    }
}
