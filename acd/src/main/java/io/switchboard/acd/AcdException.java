package io.switchboard.acd;

/** A command the engine refused, with the reason and a message for a person. */
public final class AcdException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final AcdError error;

    public AcdException(final AcdError error, final String message)
    {
        super(message, null, false, false);
        this.error = error;
    }

    public AcdError error()
    {
        return error;
    }
}
