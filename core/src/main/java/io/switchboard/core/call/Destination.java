package io.switchboard.core.call;

import io.switchboard.core.signalling.Locator;
import io.switchboard.core.trunk.Route;
import io.switchboard.ivr.flow.Flow;

import java.util.List;

/** Where a new call goes ({@link CallRouter}): a flow, a queue, a trunk, an extension's phones, or nowhere. */
sealed interface Destination
{
    /** A number bound to an IVR flow: we answer and the flow runs. */
    record ToFlow(Flow flow) implements Destination
    {
    }

    /** A queue number: we answer, the caller waits for an agent of the group. */
    record ToQueue(int group) implements Destination
    {
    }

    /** An outside number, through the dial plan and the trunks. */
    record ToTrunk(Route route) implements Destination
    {
    }

    /** One of our extensions: every registered phone rings. */
    record ToPhones(List<Locator.Contact> contacts) implements Destination
    {
    }

    /** Nowhere: the caller gets {@code status} (404, 480, 403 ... ). */
    record Refused(int status) implements Destination
    {
    }
}
