package io.switchboard.chat.store;

import java.util.Locale;

/**
 * A website the chat widget is embedded in (接入桌面网站): a name, the site's real domain (pages of other origins are
 * refused) and the published session flow its visitors run (null while unbound).
 */
public record WebsiteChannel(String name, String domain, String flow)
{
    /** Whether a page of {@code origin} (an Origin header: scheme://host[:port]) belongs to this site. */
    public boolean allows(final String origin)
    {
        if (origin == null)
        {
            return false;
        }
        final int scheme = origin.indexOf("://");
        String host = scheme < 0 ? origin : origin.substring(scheme + 3);
        final int port = host.lastIndexOf(':');
        if (port > 0 && !host.endsWith("]"))
        {
            host = host.substring(0, port);
        }
        return host.toLowerCase(Locale.ROOT).equals(domain.toLowerCase(Locale.ROOT));
    }
}
