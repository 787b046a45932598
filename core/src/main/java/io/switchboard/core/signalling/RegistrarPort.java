package io.switchboard.core.signalling;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.transport.Flow;

/** Handles an authenticated REGISTER and returns the registrar's response (RFC 3261 §10.3). */
@FunctionalInterface
public interface RegistrarPort
{
    SIPResponse register(SIPRequest request, String authenticatedUser, Flow flow);
}
