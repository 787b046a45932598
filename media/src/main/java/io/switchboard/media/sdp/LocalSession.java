package io.switchboard.media.sdp;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Our {@code o=} line state for one leg (RFC 4566 §5.2, RFC 3264 §8). The session id stays for the whole call;
 * the version increases by one with every description we send that differs from the previous one, and an
 * unchanged re-send (a re-INVITE answered with the same media) repeats it, so the peer can skip renegotiation.
 * The writer ({@link SdpWriter}) tracks the change by comparing what it wrote; {@link #nextVersion()} forces a
 * new version.
 * <p>
 * Not thread-safe: a leg's signalling runs on one event loop.
 */
public final class LocalSession
{
    public static final String USERNAME = "switchboard";

    private final String address;
    private final long sessionId;
    private long version;
    private String lastContent;

    /** A session with a random positive id; the id is kept below 2^62 so that versions never overflow. */
    public LocalSession(final String address)
    {
        this(address, ThreadLocalRandom.current().nextLong(1, 1L << 62));
    }

    public LocalSession(final String address, final long sessionId)
    {
        if (address == null || address.isBlank())
        {
            throw new IllegalArgumentException("address required");
        }
        if (sessionId < 0)
        {
            throw new IllegalArgumentException("session id must not be negative: " + sessionId);
        }
        this.address = address;
        this.sessionId = sessionId;
        this.version = sessionId;
    }

    public String username()
    {
        return USERNAME;
    }

    public long sessionId()
    {
        return sessionId;
    }

    /** Our address, as written in {@code o=}. */
    public String address()
    {
        return address;
    }

    /** The version of the description last sent (or of the first one, before any was sent). */
    public long version()
    {
        return version;
    }

    /** Increases the version by one, for a description the caller knows to be new, and returns it. */
    public long nextVersion()
    {
        version++;
        lastContent = null;
        return version;
    }

    /**
     * The version for a description about to be sent: the current one when the content equals the previous
     * description's (or it is the first), else the next.
     *
     * @param content the description without its {@code o=} line.
     */
    long versionFor(final String content)
    {
        if (lastContent != null && !lastContent.equals(content))
        {
            version++;
        }
        lastContent = content;
        return version;
    }
}
