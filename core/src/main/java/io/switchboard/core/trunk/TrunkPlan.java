package io.switchboard.core.trunk;

import io.switchboard.core.config.DialPlanSettings;
import io.switchboard.core.config.OutboundSettings;
import io.switchboard.core.config.TrunkSettings;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trunks, their carriers' resolved addresses, the dial plan and the outbound permissions, as one immutable value:
 * replaced whole when an administrator changes any of it, read per call by the workers and the inbound authorizer.
 * Building one may look host names up in DNS: never on an event loop.
 *
 * @param trunks the trunks, in order (not changed once in a plan)
 * @param addresses each trunk's carrier address, by name
 * @param directory the trunks by name, source address and number
 * @param dialPlanSettings the dial plan as given
 * @param outboundSettings the permissions as given
 * @param dialPlan the dial plan built from them
 */
public record TrunkPlan(List<TrunkSettings> trunks, Map<String, InetSocketAddress> addresses, TrunkDirectory directory,
    DialPlanSettings dialPlanSettings, OutboundSettings outboundSettings, DialPlan dialPlan)
{
    /**
     * Builds a plan from validated settings, resolving hosts.
     *
     * @throws IllegalArgumentException if a host cannot be resolved or a rule names no trunk
     */
    public static TrunkPlan build(final List<TrunkSettings> trunks, final DialPlanSettings dialPlan,
        final OutboundSettings outbound)
    {
        final Map<String, InetSocketAddress> resolved = new HashMap<>();
        for (final TrunkSettings trunk : trunks)
        {
            final InetSocketAddress address = new InetSocketAddress(trunk.host, trunk.port);
            if (address.isUnresolved())
            {
                throw new IllegalArgumentException("trunk " + trunk.name + ": cannot resolve " + trunk.host);
            }
            resolved.put(trunk.name, address);
        }
        final TrunkDirectory directory = new TrunkDirectory(trunks);
        return new TrunkPlan(List.copyOf(trunks), Map.copyOf(resolved), directory, dialPlan, outbound,
            new DialPlan(dialPlan, OutboundPermission.of(outbound), directory));
    }

    /** The trunk of that name, or null. */
    public TrunkSettings trunk(final String name)
    {
        return directory.trunk(name);
    }
}
