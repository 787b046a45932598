package io.switchboard.sip.message;

import javax.sip.message.Request;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.dialog.Identifiers;

import java.text.ParseException;

/** Responses a UAS builds itself (RFC 3261 §8.2.6). */
public final class Responses
{
    private Responses()
    {
    }

    /** A response with the RFC's reason phrase and, unless it is a 100 or To already has one, a new To tag. */
    public static SIPResponse withToTag(final Request requestMessage, final int status)
    {
        final SIPRequest request = (SIPRequest)requestMessage;
        return withToTag(request, status, null, Identifiers.tag());
    }

    /**
     * A response to the request; a final or dialog-creating response to a request whose To has no tag gets
     * {@code toTag} (RFC 3261 §8.2.6.2). A null reason keeps the RFC's reason phrase.
     */
    public static SIPResponse withToTag(final Request requestMessage, final int status, final String reason,
        final String toTag)
    {
        final SIPRequest request = (SIPRequest)requestMessage;
        final SIPResponse response = reason == null ? request.createResponse(status)
            : request.createResponse(status, reason);
        if (status > 100 && toTag != null && response.getTo().getTag() == null)
        {
            try
            {
                response.getTo().setTag(toTag);
            }
            catch (final ParseException ex)
            {
                throw new IllegalArgumentException("bad To tag " + toTag, ex);
            }
        }
        return response;
    }
}
