package io.switchboard.acd;

/**
 * A skill group.
 *
 * @param name            at most 20 characters, counted as code points (full-width and half-width count as one)
 * @param policy          this group's selection policy, or null for the tenant's
 * @param concurrency     how many sessions an agent of this group handles at once: 1 for voice
 * @param maxQueueLength  callers beyond this many waiting go to the fallback at once (0 = no limit)
 * @param maxWaitMillis   a caller waiting this long goes to the fallback (0 = no limit)
 * @param fallback        what happens then
 */
public record GroupSettings(String name, SelectionPolicy policy, int concurrency, int maxQueueLength,
    long maxWaitMillis, Fallback fallback)
{
    public static final int MAX_NAME_CODE_POINTS = 20;

    public GroupSettings
    {
        if (name == null || name.isBlank() || name.codePointCount(0, name.length()) > MAX_NAME_CODE_POINTS)
        {
            throw new AcdException(AcdError.INVALID, "a group name has 1 to 20 characters: " + name);
        }
        if (concurrency < 1 || maxQueueLength < 0 || maxWaitMillis < 0 || fallback == null)
        {
            throw new AcdException(AcdError.INVALID, "group " + name + ": concurrency >= 1, limits >= 0, a fallback");
        }
    }

    /** A voice group with no limits; a caller waits until answered or gone. */
    public static GroupSettings voice(final String name)
    {
        return new GroupSettings(name, null, 1, 0, 0, Fallback.HANG_UP);
    }
}
