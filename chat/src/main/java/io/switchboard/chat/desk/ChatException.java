package io.switchboard.chat.desk;

/** A chat command refused, with why; nothing was changed. */
public final class ChatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** Why a command was refused. */
    public enum Reason
    {
        /** No such session (or, to a visitor, not its own: a visitor is never told which). */
        UNKNOWN_SESSION,
        /** The channel has no published flow, or does not exist. */
        NO_CHANNEL,
        /** The session is not in a state for this (ended, not offered to this agent, not served by it). */
        WRONG_STATE,
        /** The session holds as many messages as it may. */
        TOO_MANY_MESSAGES,
        /** The request itself is wrong (an empty or too long message). */
        INVALID,
        /** Nobody can take the session (a transfer to a colleague or group that cannot take it now). */
        NO_AGENT,
        /** Someone else's (a recall of a message the agent did not write). */
        NOT_YOURS,
        /** Too late for it (a recall after its window). */
        TOO_LATE
    }

    private final Reason reason;

    public ChatException(final Reason reason, final String message)
    {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason()
    {
        return reason;
    }
}
