package io.switchboard.core.admin;

/**
 * A change to a store that administrators edit (voice flows and numbers, session flows and channels), as the journal
 * keeps it: {@link #check} asks the store whether it would take the change now without changing anything; {@link
 * #apply} makes it, the same at start (replay) and live.
 *
 * @param <S> the store
 */
public interface StoreChange<S> extends AdminEvent
{
    /** Whether the store would take the change now; an exception of the store's says why not. Changes nothing. */
    void check(S store);

    /** Makes the change (the store checks it again: at replay an entry that no longer applies is refused). */
    void apply(S store);
}
