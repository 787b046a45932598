package io.switchboard.core.config;

/** The journal's snapshots of the service records, which keep start-up fast however long the journal grows. */
public final class JournalSettings
{
    /** A snapshot is written after this many new service records (and at a clean shutdown); 0: no snapshots. */
    public int snapshotEvery = 100_000;

    void conclude()
    {
        SwitchboardConfig.require(snapshotEvery >= 0, "journal.snapshotEvery must be >= 0");
    }
}
