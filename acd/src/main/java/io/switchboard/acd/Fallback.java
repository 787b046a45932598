package io.switchboard.acd;

/**
 * What happens to a queued call that waited too long or found the queue full.
 *
 * @param action  what to do
 * @param groupId the group to queue in for {@link Action#GROUP}
 */
public record Fallback(Action action, int groupId)
{
    /** The kinds of fallback. */
    public enum Action
    {
        /** Queue the call in another group (its wait there starts afresh). */
        GROUP,
        /** Tell the caller (a prompt, played by the call layer) and hang up. */
        HANGUP
    }

    public static final Fallback HANG_UP = new Fallback(Action.HANGUP, -1);

    public static Fallback toGroup(final int groupId)
    {
        return new Fallback(Action.GROUP, groupId);
    }
}
