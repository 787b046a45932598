package io.switchboard.chat.store;

/**
 * An app (client) channel (spec §1): its users are known by a user id their company's own server vouches for, with a
 * token signed by the channel's shared {@code secret} (the server makes it when the channel is created; it changes
 * only when rotated). The only channel where an agent may open a session first (spec §9). Runs one published session
 * flow ({@code flow}, null while unbound) for the sessions its users open.
 */
public record AppChannel(String name, String flow, String secret)
{
    /** The prefix of an app user's visitor id: {@code app:<channel>:<user id>}, never a widget's (no colon there). */
    public static final String VISITOR_PREFIX = "app:";

    /** The stable visitor id of user {@code userId} of this channel. */
    public String visitorId(final String userId)
    {
        return VISITOR_PREFIX + name + ':' + userId;
    }

    /** The user id a visitor id names (an app user's), or null for a website visitor's. */
    public static String userIdOf(final String visitorId)
    {
        if (visitorId == null || !visitorId.startsWith(VISITOR_PREFIX))
        {
            return null;
        }
        final int colon = visitorId.indexOf(':', VISITOR_PREFIX.length());
        return colon < 0 ? null : visitorId.substring(colon + 1);
    }

    /** Never the secret: a record's text is logged. */
    @Override
    public String toString()
    {
        return "AppChannel[name=" + name + ", flow=" + flow + "]";
    }
}
