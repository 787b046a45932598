package io.switchboard.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Outbound routing: how dialled numbers are written in E.164 and the prefix rules that choose the trunks.
 *
 * <p>A rule whose prefix starts with {@code +} is matched against the E.164 form of the dialled number; any other
 * rule against the digits as dialled (spaces, dashes, dots, slashes and parentheses removed). The longest matching
 * prefix wins, ties go to the rule listed first. The number sent to the trunk is the matched form with
 * {@code strip} leading characters removed and {@code prepend} put in front; the trunks are tried in the rule's
 * order (the next one after a 5xx or a timeout).
 */
public final class DialPlanSettings
{
    /** The tenant's country calling code, e.g. {@code "49"}; needed as soon as there are rules. */
    public String country;
    /** What precedes a national number dialled without the country code ({@code "0"} in Germany, "1" in the US). */
    public String nationalPrefix = "0";
    /** What precedes an international number ({@code "00"}, "011" in the US). */
    public String internationalPrefix = "00";
    public List<Rule> rules = new ArrayList<>();

    /** One prefix rule. */
    public static final class Rule
    {
        /** {@code +} followed by digits (matches the E.164 form), or digits (matches the number as dialled). */
        public String prefix;
        /** Leading characters of the matched form removed before sending; at most the prefix's length. */
        public int strip;
        /** Put in front after stripping, e.g. {@code "+49"}; {@code +} and digits, may be empty. */
        public String prepend = "";
        /** Trunk names, in failover order; at least one. */
        public List<String> trunks = new ArrayList<>();
    }

    /** Validates a dial plan given at run time against the trunks' names; IllegalArgumentException if wrong. */
    public void validate(final Set<String> trunkNames)
    {
        conclude(trunkNames);
    }

    void conclude(final Set<String> trunkNames)
    {
        SwitchboardConfig.require(nationalPrefix != null && nationalPrefix.matches("[0-9]{0,4}"),
            "tenant.dialPlan.nationalPrefix must be 0 to 4 digits, was " + nationalPrefix);
        SwitchboardConfig.require(internationalPrefix != null && internationalPrefix.matches("[0-9]{1,4}")
            && !internationalPrefix.equals(nationalPrefix),
            "tenant.dialPlan.internationalPrefix must be 1 to 4 digits, not the national prefix, was "
                + internationalPrefix);
        SwitchboardConfig.require(country == null || country.matches("[1-9][0-9]{0,2}"),
            "tenant.dialPlan.country must be a country calling code (1 to 3 digits), was " + country);
        SwitchboardConfig.require(rules != null, "tenant.dialPlan.rules must be a list");
        SwitchboardConfig.require(rules.isEmpty() || country != null,
            "tenant.dialPlan.country must be set when there are rules");
        final Set<String> prefixes = new HashSet<>();
        for (final Rule r : rules)
        {
            SwitchboardConfig.require(r.prefix != null && r.prefix.matches("\\+?[0-9]{0,20}") && !r.prefix.isEmpty(),
                "tenant.dialPlan.rules: prefix must be '+' and/or digits, was " + r.prefix);
            final String where = "tenant.dialPlan.rules." + r.prefix + ": ";
            SwitchboardConfig.require(prefixes.add(r.prefix), where + "prefix listed twice");
            SwitchboardConfig.require(r.strip >= 0 && r.strip <= r.prefix.length(),
                where + "strip must be 0.." + r.prefix.length() + " (the prefix's length), was " + r.strip);
            if (r.prepend == null)
            {
                r.prepend = "";
            }
            SwitchboardConfig.require(r.prepend.matches("\\+?[0-9]{0,16}"),
                where + "prepend must be '+' and/or digits, was " + r.prepend);
            SwitchboardConfig.require(r.trunks != null && !r.trunks.isEmpty(), where + "needs at least one trunk");
            final Set<String> seen = new HashSet<>();
            for (final String t : r.trunks)
            {
                SwitchboardConfig.require(trunkNames.contains(t), where + "no trunk named " + t);
                SwitchboardConfig.require(seen.add(t), where + "trunk " + t + " listed twice");
            }
        }
    }
}
