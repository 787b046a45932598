package io.switchboard.core.publish;

/**
 * An immutable value that its one writer replaces whole and any thread reads: a read after {@link #publish} sees
 * the new value and everything it holds (a volatile reference: release on publish, acquire on get). What the call
 * path reads per call (the trunks' plan, the tenant's settings, the agents' directory, the numbers bound to flows,
 * the screen-pop pages) is published this way, so readers never lock and never see half a change.
 *
 * @param <T> the value, immutable
 */
public final class Published<T>
{
    private volatile T value;

    public Published(final T initial)
    {
        this.value = initial;
    }

    /** The value as last published. */
    public T get()
    {
        return value;
    }

    /** Replaces the value; only the value's one writer calls this. */
    public void publish(final T next)
    {
        this.value = next;
    }
}
