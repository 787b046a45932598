package io.switchboard.core.admin;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A change administrators made, as the journal keeps it: a typed record, serialised by Jackson under its
 * {@link #type()}. It is produced only by validating a command, and applied by one {@code apply} that serves both
 * the live path (after the entry is written) and the replay at start, so that the two cannot drift.
 */
public interface AdminEvent
{
    /** The journal entry's type, for example {@code group.created}. */
    @JsonIgnore
    String type();
}
