package io.switchboard.core.signalling;

import io.switchboard.sip.transport.Target;

import javax.sip.address.URI;
import java.util.List;

/** Finds where an extension can be reached now: its registered contacts (the location service). */
public interface Locator
{
    /** One registered contact: the URI to put in the Request-URI and where to send the request. */
    record Contact(URI uri, Target target)
    {
    }

    /** True if the tenant has this extension at all (registered or not). */
    boolean exists(String extension);

    /** The extension's current contacts, best first; empty if none is registered. */
    List<Contact> contactsOf(String extension);
}
