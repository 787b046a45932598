package io.switchboard.media.sdp;

import java.util.Locale;

/** The direction attribute of a media stream (RFC 4566 §6, RFC 3264 §6.1), seen from the side that wrote it. */
public enum Direction
{
    SENDRECV("sendrecv", true, true),
    SENDONLY("sendonly", true, false),
    RECVONLY("recvonly", false, true),
    INACTIVE("inactive", false, false);

    private final String attribute;
    private final boolean sends;
    private final boolean receives;

    Direction(final String attribute, final boolean sends, final boolean receives)
    {
        this.attribute = attribute;
        this.sends = sends;
        this.receives = receives;
    }

    /** The attribute name, as written in {@code a=sendrecv}. */
    public String attribute()
    {
        return attribute;
    }

    public boolean sends()
    {
        return sends;
    }

    public boolean receives()
    {
        return receives;
    }

    /** The direction an answerer takes for this offered direction (RFC 3264 §6.1): the mirror image. */
    public Direction answerTo()
    {
        return of(receives, sends);
    }

    /** Only what both allow: what we may do when our wish meets what the other side accepted. */
    public Direction restrictTo(final Direction other)
    {
        return of(sends && other.sends, receives && other.receives);
    }

    public static Direction of(final boolean sends, final boolean receives)
    {
        if (sends)
        {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }

    /**
     * @param name an attribute name such as {@code sendonly}, in any case.
     * @return the direction it names, or null when it is not a direction attribute (callers scan all attributes).
     */
    public static Direction parse(final String name)
    {
        if (name == null)
        {
            return null;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT))
        {
            case "sendrecv" -> SENDRECV;
            case "sendonly" -> SENDONLY;
            case "recvonly" -> RECVONLY;
            case "inactive" -> INACTIVE;
            default -> null;
        };
    }
}
