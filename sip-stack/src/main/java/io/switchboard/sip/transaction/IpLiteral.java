package io.switchboard.sip.transaction;

/** Recognises IP address literals cheaply, so that turning one into an address never asks DNS. */
final class IpLiteral
{
    private IpLiteral()
    {
    }

    /** True for a dotted IPv4 literal or an IPv6 literal (without brackets). */
    static boolean isLiteral(final String host)
    {
        if (host.indexOf(':') >= 0)
        {
            return true;
        }
        int dots = 0;
        for (int i = 0, n = host.length(); i < n; i++)
        {
            final char c = host.charAt(i);
            if (c == '.')
            {
                dots++;
            }
            else if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return dots == 3;
    }
}
