package io.switchboard.acd;

/** How an idle agent of a group is chosen for a call. */
public enum SelectionPolicy
{
    /** The agent who has been idle longest. */
    LONGEST_IDLE,
    /** The agent who has answered the fewest calls today; ties go to the longest idle. */
    FEWEST_CALLS
}
