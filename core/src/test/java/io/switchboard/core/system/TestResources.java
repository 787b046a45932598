package io.switchboard.core.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one test started (SIPp processes, RTP peers, anything closeable), closed in the reverse order when the test is
 * over, whatever happened in it.
 */
final class TestResources implements AutoCloseable
{
    private final List<AutoCloseable> resources = new ArrayList<>();

    /** A SIPp the test started: killed at the end if still running. */
    Sipp started(final Sipp sipp)
    {
        resources.add(sipp::kill);
        return sipp;
    }

    /** A Java RTP endpoint, closed at the end. */
    RtpPeer peer(final String name) throws Exception
    {
        final RtpPeer peer = new RtpPeer(name);
        resources.add(peer);
        return peer;
    }

    /** Anything else to close at the end (e.g. a call to abandon). */
    void add(final AutoCloseable resource)
    {
        resources.add(resource);
    }

    @Override
    public void close() throws Exception
    {
        Collections.reverse(resources);
        for (final AutoCloseable resource : resources)
        {
            resource.close();
        }
        resources.clear();
    }
}
