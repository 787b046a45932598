package io.switchboard.core.config;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * Which extensions may call out through the trunks. Each list holds entries that are {@code "all"}, one extension
 * ({@code "1001"}) or a range of numeric extensions ({@code "1001-1010"}, both ends included); a single string is
 * read as a list of one ({@code "allowed": "all"}). An agent calls out with the permission of the extension it is
 * logged in at.
 *
 * <p>Nobody may call out unless listed: the default is the safe one against toll fraud. {@link #international}
 * only narrows {@link #allowed}: an extension must be in both to call a number outside the dial plan's country.
 */
public final class OutboundSettings
{
    /** Extensions that may call out at all; empty (default) = none. */
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public List<String> allowed = new ArrayList<>();
    /** Extensions that may also call international numbers; empty (default) = none. */
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public List<String> international = new ArrayList<>();

    /** An entry: {@code all}, an extension, or digits-digits (a range, first &lt;= last). */
    static final String ENTRY = "all|[0-9A-Za-z_.-]{1,32}";

    /** Validates permissions given at run time; IllegalArgumentException if wrong. */
    public void validate()
    {
        conclude();
    }

    void conclude()
    {
        check(allowed, "tenant.outbound.allowed");
        check(international, "tenant.outbound.international");
    }

    private static void check(final List<String> entries, final String where)
    {
        SwitchboardConfig.require(entries != null, where + " must be a list");
        for (final String e : entries)
        {
            SwitchboardConfig.require(e != null && e.matches(ENTRY),
                where + ": not \"all\", an extension or a range first-last: " + e);
            if (e.matches("[0-9]{1,18}-[0-9]{1,18}"))
            {
                final int dash = e.indexOf('-');
                SwitchboardConfig.require(Long.parseLong(e.substring(0, dash)) <= Long.parseLong(e.substring(dash + 1)),
                    where + ": range " + e + " ends before it starts");
            }
        }
    }
}
