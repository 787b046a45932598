package io.switchboard.core.trunk;

import io.switchboard.core.config.TrunkSettings;

import java.util.List;

/**
 * An outbound route: the trunks to try in order (the next after a 5xx or a timeout, see {@link Failover}).
 *
 * @param dialled the number as dialled, cleaned of separators ({@link E164#clean})
 * @param e164 its E.164 form, or null if it has none (a short or service number)
 * @param rulePrefix the prefix of the dial plan rule that matched
 * @param international whether the call leaves the country (the extension was allowed to)
 * @param attempts at least one, in failover order
 */
public record Route(String dialled, String e164, String rulePrefix, boolean international, List<Attempt> attempts)
    implements RouteResult
{
    public Route
    {
        attempts = List.copyOf(attempts);
    }

    /**
     * One attempt: the trunk and the number to send as the Request-URI user part (and To), after the rule's strip
     * and prepend.
     */
    public record Attempt(TrunkSettings trunk, String number)
    {
        public String trunkName()
        {
            return trunk.name;
        }
    }
}
