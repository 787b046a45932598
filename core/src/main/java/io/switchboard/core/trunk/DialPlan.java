package io.switchboard.core.trunk;

import io.switchboard.core.config.DialPlanSettings;
import io.switchboard.core.config.TenantSettings;
import io.switchboard.core.config.TrunkSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Outbound routing: chooses the trunks for a number an extension dialled, or refuses it.
 *
 * <ol>
 *   <li>The extension must be allowed to call out ({@link OutboundPermission}); a null extension (the request was
 *       not authenticated as an extension, e.g. it came from a trunk) never is: 403. No unauthenticated request
 *       reaches a trunk.</li>
 *   <li>The dialled string is cleaned of separators; if it is not a number (letters, {@code * #}): 484.</li>
 *   <li>The rules are matched: one whose prefix starts with {@code +} against the E.164 form ({@link E164}), any
 *       other against the cleaned digits as dialled. The longest prefix wins, ties go to the rule listed first. No
 *       match: 404.</li>
 *   <li>The number to send is the matched form with the rule's {@code strip} leading characters removed and its
 *       {@code prepend} put in front; nothing left: 484.</li>
 *   <li>If the E.164 form of the dialled number or of the number sent is outside the country, the extension needs
 *       the international permission: 403. Numbers with no E.164 form (112, service numbers) are national.</li>
 * </ol>
 *
 * <p>Local targets (extensions, queues, IVR numbers) are the caller's business: route only what is none of them.
 * Immutable and thread safe.
 */
public final class DialPlan
{
    /** A rule with its trunks looked up. */
    private record Rule(String prefix, boolean e164, int strip, String prepend, List<TrunkSettings> trunks)
    {
    }

    private final E164 e164;
    private final OutboundPermission permission;
    /** Longest prefix first, configuration order among equal lengths. */
    private final List<Rule> rules;

    /**
     * @throws IllegalArgumentException if a rule names a trunk the directory does not have
     */
    public DialPlan(final DialPlanSettings plan, final OutboundPermission permission, final TrunkDirectory trunks)
    {
        this.e164 = E164.of(plan);
        this.permission = permission;
        final List<Rule> list = new ArrayList<>();
        for (final DialPlanSettings.Rule r : plan.rules)
        {
            final List<TrunkSettings> ts = new ArrayList<>();
            for (final String name : r.trunks)
            {
                final TrunkSettings t = trunks.trunk(name);
                if (t == null)
                {
                    throw new IllegalArgumentException("configuration: tenant.dialPlan.rules." + r.prefix
                        + ": no trunk named " + name);
                }
                ts.add(t);
            }
            list.add(new Rule(r.prefix, r.prefix.startsWith("+"), r.strip, r.prepend == null ? "" : r.prepend,
                List.copyOf(ts)));
        }
        list.sort(Comparator.comparingInt((final Rule r) -> r.prefix().length()).reversed()); // stable
        this.rules = List.copyOf(list);
    }

    /** The dial plan of a concluded tenant configuration. */
    public static DialPlan of(final TenantSettings tenant, final TrunkDirectory trunks)
    {
        return new DialPlan(tenant.dialPlan, OutboundPermission.of(tenant.outbound), trunks);
    }

    public E164 e164()
    {
        return e164;
    }

    /**
     * Routes a number dialled by an extension.
     *
     * @param dialled the Request-URI user part as the extension sent it
     * @param fromExtension the authenticated extension, or null if the request was not authenticated as one
     */
    public RouteResult route(final String dialled, final String fromExtension)
    {
        if (!permission.mayCallOut(fromExtension))
        {
            return new RouteRefusal(RouteRefusal.Reason.NOT_ALLOWED, fromExtension == null
                ? "outbound calls need an authenticated extension" : "extension " + fromExtension
                + " may not call out");
        }
        final String typed = E164.clean(dialled);
        if (typed == null)
        {
            return new RouteRefusal(RouteRefusal.Reason.INVALID, "not a phone number: " + dialled);
        }
        final String normal = e164.normalise(typed);
        final Rule rule = match(typed, normal);
        if (rule == null)
        {
            return new RouteRefusal(RouteRefusal.Reason.NO_ROUTE, "no dial plan rule for " + typed);
        }
        final String matched = rule.e164() ? normal : typed;
        final String number = rule.prepend() + matched.substring(rule.strip());
        if (number.isEmpty() || "+".equals(number))
        {
            return new RouteRefusal(RouteRefusal.Reason.INVALID, "nothing left to dial of " + typed + " after rule "
                + rule.prefix());
        }
        final boolean international = e164.isInternational(normal) || e164.isInternational(e164.normalise(number));
        if (international && !permission.mayCallInternational(fromExtension))
        {
            return new RouteRefusal(RouteRefusal.Reason.NOT_ALLOWED, "extension " + fromExtension
                + " may not call international numbers (" + (normal != null ? normal : number) + ")");
        }
        final List<Route.Attempt> attempts = new ArrayList<>(rule.trunks().size());
        for (final TrunkSettings t : rule.trunks())
        {
            attempts.add(new Route.Attempt(t, number));
        }
        return new Route(typed, normal, rule.prefix(), international, attempts);
    }

    private Rule match(final String typed, final String normal)
    {
        for (final Rule r : rules)
        {
            final String form = r.e164() ? normal : typed;
            if (form != null && form.startsWith(r.prefix()))
            {
                return r;
            }
        }
        return null;
    }
}
