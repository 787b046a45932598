package io.switchboard.sip.message;

import javax.sip.message.Request;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.transport.HostPort;

import java.text.ParseException;

/** Adds our Via to requests we send (RFC 3261 §8.1.1.7), always asking for rport (RFC 3581). */
public final class Vias
{
    private Vias()
    {
    }

    /** Pushes a new top Via with our sent-by, the transport and the branch. */
    public static void push(
        final Request requestMessage, final HostPort sentBy, final String transport, final String branch)
    {
        final SIPRequest request = (SIPRequest)requestMessage;
        try
        {
            final Via via = new Via();
            via.setTransport(transport);
            via.setHost(sentBy.host());
            via.setPort(sentBy.port());
            via.setBranch(branch);
            via.setRPort();
            request.addFirst(via);
        }
        catch (final ParseException | javax.sip.InvalidArgumentException | javax.sip.SipException ex)
        {
            throw new IllegalArgumentException("cannot add Via " + sentBy, ex);
        }
    }
}
