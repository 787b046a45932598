package io.switchboard.core.config;

/**
 * Call recording ({@code tenant.recording}): whether calls are recorded (a skill group may turn its calls' recording
 * off), how long recordings are kept and how much free disk space recording leaves. Off by default: recording people
 * needs their notice (and in places their consent), so an operator turns it on knowingly; the demo configuration does.
 * Recordings go to {@code <dataDir>/recordings/yyyy/MM/dd/<callId>.wav}.
 */
public final class RecordingSettings
{
    /** Calls answered by a person are recorded: queue calls of groups whose recording is on, and direct calls. */
    public boolean enabled;
    /** Recordings older than this many days (by the call's date) are deleted, once a day; 0 keeps them forever. */
    public int retentionDays = 90;
    /** Below this much usable space on the recordings' disk, recording stops (calls go on) until space returns. */
    public long minFreeMegabytes = 512;
    /** The queue from the SIP workers to the recording writer (a power of two, 64 KiB..256 MiB). */
    public int queueBytes = 4 * 1024 * 1024;

    void conclude()
    {
        SwitchboardConfig.require(retentionDays >= 0 && retentionDays <= 36_500,
            "tenant.recording.retentionDays must be 0..36500 (0 = keep forever)");
        SwitchboardConfig.require(minFreeMegabytes >= 0, "tenant.recording.minFreeMegabytes must be >= 0");
        SwitchboardConfig.require(queueBytes >= 64 * 1024 && queueBytes <= 256 * 1024 * 1024
            && Integer.bitCount(queueBytes) == 1,
            "tenant.recording.queueBytes must be a power of two, 64 KiB..256 MiB");
    }
}
