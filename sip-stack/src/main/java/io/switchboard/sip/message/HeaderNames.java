package io.switchboard.sip.message;

import java.util.Locale;

/**
 * Header field names as RFC 3261 §7.3.3 and §20 spell them, with the compact forms expanded.
 */
public final class HeaderNames
{
    private HeaderNames()
    {
    }

    /**
     * The canonical name of a header as written on the wire: "v" and "VIA" give "Via", "l" gives "Content-Length".
     * Unknown names come back trimmed, as written.
     */
    public static String canonical(final String raw)
    {
        final String name = raw.trim();
        switch (name.toLowerCase(Locale.ROOT))
        {
            case "v", "via": return "Via";
            case "f", "from": return "From";
            case "t", "to": return "To";
            case "i", "call-id": return "Call-ID";
            case "cseq": return "CSeq";
            case "l", "content-length": return "Content-Length";
            case "c", "content-type": return "Content-Type";
            case "m", "contact": return "Contact";
            case "max-forwards": return "Max-Forwards";
            case "s", "subject": return "Subject";
            case "k", "supported": return "Supported";
            case "e", "content-encoding": return "Content-Encoding";
            default: return name;
        }
    }
}
