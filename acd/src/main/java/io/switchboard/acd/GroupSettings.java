package io.switchboard.acd;

/**
 * A skill group.
 *
 * @param name                    at most 20 characters, counted as code points (full-width and half-width count
 *                                as one)
 * @param policy                  this group's selection policy, or null for the tenant's
 * @param concurrency             the manuals' "接待人数上限": how many chat sessions (offered or served, in all
 *                                its groups) an agent may have open for this group to offer it one more, 1 to
 *                                {@value #MAX_CONCURRENCY}; voice groups keep 1. Calls are one at a time whatever
 *                                it is
 * @param maxQueueLength          callers beyond this many waiting go to the fallback at once (0 = no limit); calls
 *                                only: a chat session waits until offered or ended
 * @param maxWaitMillis           a caller waiting this long goes to the fallback (0 = no limit); calls only
 * @param fallback                what happens then
 * @param chatAcceptTimeoutMillis the group's "超时转接": an offered chat session not accepted within this time is
 *                                taken back and offered to another agent of the group (1 to 90 s); 0 = off, the
 *                                offer waits until accepted. Applies to offers made after it is set
 * @param chatPool                the unassigned pool (未接入池): a chat session nobody can take waits in the group's
 *                                queue even while nobody of the group is available (online with reception on),
 *                                for an agent to pick or to be offered when one comes, at most {@value #MAX_POOL}
 *                                waiting; off: with nobody available it is not kept ({@link AcdListener#chatNoAgent})
 */
public record GroupSettings(String name, SelectionPolicy policy, int concurrency, int maxQueueLength,
    long maxWaitMillis, Fallback fallback, long chatAcceptTimeoutMillis, boolean chatPool)
{
    /** The most chat sessions waiting in one group's pool; one more hears {@link AcdListener#chatNoAgent}. */
    public static final int MAX_POOL = 2000;
    public static final int MAX_NAME_CODE_POINTS = 20;
    /** The largest concurrency a group may have. */
    public static final int MAX_CONCURRENCY = 100;
    /** The longest accept timeout, and the shortest one that is not 0 (off). */
    public static final long MAX_ACCEPT_TIMEOUT_MILLIS = 90_000;
    public static final long MIN_ACCEPT_TIMEOUT_MILLIS = 1_000;

    public GroupSettings
    {
        if (name == null || name.isBlank() || name.codePointCount(0, name.length()) > MAX_NAME_CODE_POINTS)
        {
            throw new AcdException(AcdError.INVALID, "a group name has 1 to 20 characters: " + name);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY || maxQueueLength < 0 || maxWaitMillis < 0
            || fallback == null)
        {
            throw new AcdException(AcdError.INVALID,
                "group " + name + ": concurrency 1 to " + MAX_CONCURRENCY + ", limits >= 0, a fallback");
        }
        if (chatAcceptTimeoutMillis != 0 && (chatAcceptTimeoutMillis < MIN_ACCEPT_TIMEOUT_MILLIS
            || chatAcceptTimeoutMillis > MAX_ACCEPT_TIMEOUT_MILLIS))
        {
            throw new AcdException(AcdError.INVALID,
                "group " + name + ": the chat accept timeout is 0 (off) or 1 to 90 s: " + chatAcceptTimeoutMillis);
        }
    }

    /** The settings without the unassigned pool. */
    public GroupSettings(final String name, final SelectionPolicy policy, final int concurrency,
        final int maxQueueLength, final long maxWaitMillis, final Fallback fallback, final long chatAcceptTimeoutMillis)
    {
        this(name, policy, concurrency, maxQueueLength, maxWaitMillis, fallback, chatAcceptTimeoutMillis, false);
    }

    /** The settings as they were before chat: no accept timeout (offers wait until accepted). */
    public GroupSettings(final String name, final SelectionPolicy policy, final int concurrency,
        final int maxQueueLength, final long maxWaitMillis, final Fallback fallback)
    {
        this(name, policy, concurrency, maxQueueLength, maxWaitMillis, fallback, 0);
    }

    /** A voice group with no limits; a caller waits until answered or gone. */
    public static GroupSettings voice(final String name)
    {
        return new GroupSettings(name, null, 1, 0, 0, Fallback.HANG_UP);
    }

    /** A chat group: the tenant's policy, {@code concurrency} sessions an agent, the accept timeout (0 = off). */
    public static GroupSettings chat(final String name, final int concurrency, final long acceptTimeoutMillis)
    {
        return new GroupSettings(name, null, concurrency, 0, 0, Fallback.HANG_UP, acceptTimeoutMillis);
    }
}
