package io.switchboard.core.signalling;

import javax.sip.message.Request;
import javax.sip.message.Response;
import io.switchboard.sip.transport.Flow;

/** Handles an authenticated REGISTER and returns the registrar's response (RFC 3261 §10.3). */
@FunctionalInterface
public interface RegistrarPort
{
    Response register(Request request, String authenticatedUser, Flow flow);
}
