package io.switchboard.core.call;

import io.switchboard.core.signalling.Locator;
import io.switchboard.core.trunk.Route;
import io.switchboard.core.trunk.RouteRefusal;
import io.switchboard.core.trunk.RouteResult;
import io.switchboard.ivr.flow.Flow;

import javax.sip.message.Response;
import java.util.List;

/**
 * Where a new call to a number goes, in this order: a flow bound to the number, a queue number, an outside number
 * (only for an authenticated extension: a trunk's or a stranger's call never reaches a trunk), one of our
 * extensions (404 if it is none, 480 if no phone of it is registered).
 */
final class CallRouter
{
    private final Features features;
    private final Locator locator;

    CallRouter(final Features features, final Locator locator)
    {
        this.features = features;
        this.locator = locator;
    }

    /**
     * @param number the Request-URI's user, or null
     * @param caller the authenticated extension calling, or null (a trunk, a trusted address)
     */
    Destination route(final String number, final String caller)
    {
        final Flow flow = features.flows != null ? features.flows.flowFor(number) : null;
        if (flow != null)
        {
            return new Destination.ToFlow(flow);
        }
        final int group = features.queues != null ? features.queues.groupFor(number) : -1;
        if (group >= 0)
        {
            return new Destination.ToQueue(group);
        }
        if (number != null && !locator.exists(number) && features.outbound != null && caller != null)
        {
            final RouteResult result = features.outbound.route(number, caller);
            if (result instanceof RouteRefusal refusal)
            {
                return new Destination.Refused(refusal.status());
            }
            if (result != null)
            {
                return new Destination.ToTrunk((Route)result);
            }
        }
        if (number == null || !locator.exists(number))
        {
            return new Destination.Refused(Response.NOT_FOUND);
        }
        final List<Locator.Contact> contacts = locator.contactsOf(number);
        return contacts.isEmpty() ? new Destination.Refused(Response.TEMPORARILY_UNAVAILABLE)
            : new Destination.ToPhones(contacts);
    }
}
