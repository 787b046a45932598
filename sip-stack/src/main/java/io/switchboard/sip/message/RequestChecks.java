package io.switchboard.sip.message;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;

import javax.sip.address.URI;
import javax.sip.header.AcceptHeader;
import javax.sip.header.ContentEncodingHeader;
import javax.sip.header.ContentTypeHeader;
import java.text.ParseException;
import java.util.Iterator;

/**
 * The header and content inspections of a UAS (RFC 3261 §8.2.2.1 and §8.2.3) that {@link StatelessResponder} makes
 * before a request reaches the transactions: what can be refused from the request alone, whoever it names. The
 * switch speaks SIP and SIP URIs only, and session descriptions only as {@code application/sdp} without encoding.
 */
final class RequestChecks
{
    private static final String SDP_TYPE = "application";
    private static final String SDP_SUBTYPE = "sdp";

    private RequestChecks()
    {
    }

    /**
     * {@code 416} for a Request-URI that is not a sip or sips URI (RFC 4475 §3.3.2, §3.3.3); {@code 400} for a
     * REGISTER whose To is not a sip or sips address of record (RFC 4475 §3.3.4); otherwise null.
     */
    static SIPResponse addressing(final SIPRequest request) throws ParseException
    {
        if (!isSip(request.getRequestURI()))
        {
            return StatelessResponder.response(request, 416);
        }
        if ("REGISTER".equals(request.getMethod()) && !isSip(request.getTo().getAddress().getURI()))
        {
            return StatelessResponder.response(request, 400, "Bad Request (To is no sip or sips address of record)");
        }
        return null;
    }

    /**
     * For INVITE and UPDATE, whose bodies are session descriptions: {@code 415} with Accept and Accept-Encoding
     * for a body we cannot read (another type, or encoded); {@code 406} with a 399 Warning for an INVITE whose
     * Accept leaves out {@code application/sdp}, since every answer to it carries one. Otherwise null.
     */
    static SIPResponse content(final SIPRequest request) throws ParseException
    {
        final String method = request.getMethod();
        if (!"INVITE".equals(method) && !"UPDATE".equals(method))
        {
            return null;
        }
        if (hasBody(request) && (!isSdp(request.getContentTypeHeader()) || isEncoded(request)))
        {
            final SIPResponse response = StatelessResponder.response(request, 415);
            response.addHeader(SipFactories.HEADERS.createAcceptHeader(SDP_TYPE, SDP_SUBTYPE));
            response.addHeader(SipFactories.HEADERS.createAcceptEncodingHeader("identity"));
            return response;
        }
        if ("INVITE".equals(method) && !acceptsSdp(request))
        {
            final SIPResponse response = StatelessResponder.response(request, 406);
            try
            {
                response.addHeader(SipFactories.HEADERS.createWarningHeader("switchboard", 399,
                    "answers to INVITE carry application/sdp, which Accept leaves out"));
            }
            catch (final javax.sip.InvalidArgumentException ex)
            {
                throw new IllegalStateException("399 is a warning code", ex);
            }
            return response;
        }
        return null;
    }

    private static boolean isSip(final URI uri)
    {
        final String scheme = uri == null ? null : uri.getScheme();
        return "sip".equalsIgnoreCase(scheme) || "sips".equalsIgnoreCase(scheme);
    }

    private static boolean hasBody(final SIPRequest request)
    {
        final byte[] body = request.getRawContent();
        return body != null && body.length > 0;
    }

    private static boolean isSdp(final ContentTypeHeader type)
    {
        return type != null && SDP_TYPE.equalsIgnoreCase(type.getContentType())
            && SDP_SUBTYPE.equalsIgnoreCase(type.getContentSubType());
    }

    private static boolean isEncoded(final SIPRequest request)
    {
        final Iterator<?> encodings = request.getHeaders(ContentEncodingHeader.NAME);
        while (encodings.hasNext())
        {
            final String encoding = ((ContentEncodingHeader)encodings.next()).getEncoding();
            if (encoding != null && !"identity".equalsIgnoreCase(encoding.trim()))
            {
                return true;
            }
        }
        return false;
    }

    /** No Accept means application/sdp (RFC 3261 §20.1); otherwise one of its ranges must cover it. */
    private static boolean acceptsSdp(final SIPRequest request)
    {
        final Iterator<?> accepts = request.getHeaders(AcceptHeader.NAME);
        if (!accepts.hasNext())
        {
            return true;
        }
        while (accepts.hasNext())
        {
            final AcceptHeader accept = (AcceptHeader)accepts.next();
            final String type = accept.getContentType();
            final String subtype = accept.getContentSubType();
            if (covers(type, SDP_TYPE) && covers(subtype, SDP_SUBTYPE))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(final String range, final String value)
    {
        return range != null && ("*".equals(range.trim()) || value.equalsIgnoreCase(range.trim()));
    }
}
