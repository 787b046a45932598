package io.switchboard.core.admin;

import io.switchboard.core.journal.Journal;
import io.switchboard.ivr.store.FlowStore;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * The voice flows' and numbers' changes ({@link FlowEvent}) on the one path of {@link StoreChanges}: checked,
 * journalled, applied, then the numbers' flows handed on ({@code published}).
 */
public final class FlowAdmin extends StoreChanges<FlowStore, FlowEvent>
{
    public FlowAdmin(final FlowStore store, final Journal journal, final Executor owner, final Runnable published)
    {
        super(store, journal, owner, published);
    }

    /** Applies the journal's flow and number entries in order at start; returns how many no longer applied. */
    public static int replay(final FlowStore store, final List<Entry> entries)
    {
        return StoreChanges.replay(store, entries, FlowEvent::read);
    }
}
