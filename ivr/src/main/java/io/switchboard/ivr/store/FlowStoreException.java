package io.switchboard.ivr.store;

import io.switchboard.ivr.flow.Problem;

import java.util.List;

/** A change to flows or numbers that is not allowed, with the reason, and the flow's problems if it is invalid. */
public final class FlowStoreException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason
    {
        UNKNOWN_FLOW, UNKNOWN_NUMBER, UNKNOWN_CHANNEL, DUPLICATE, WRONG_STATE, INVALID
    }

    private final Reason reason;
    private final transient List<Problem> problems;

    public FlowStoreException(final Reason reason, final String message)
    {
        this(reason, message, List.of());
    }

    public FlowStoreException(final Reason reason, final String message, final List<Problem> problems)
    {
        super(message, null, false, false);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public Reason reason()
    {
        return reason;
    }

    public List<Problem> problems()
    {
        return problems;
    }
}
