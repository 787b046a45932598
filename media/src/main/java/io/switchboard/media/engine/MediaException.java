package io.switchboard.media.engine;

/** A session could not be opened: no free port in the range, or the sockets could not be bound. */
public final class MediaException extends Exception
{
    private static final long serialVersionUID = 1L;

    public MediaException(final String message)
    {
        super(message);
    }
}
