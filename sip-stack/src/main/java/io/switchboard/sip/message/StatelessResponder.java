package io.switchboard.sip.message;

import javax.sip.message.Request;
import gov.nist.javax.sip.header.ProxyRequire;
import gov.nist.javax.sip.header.Require;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;

import javax.sip.header.MaxForwardsHeader;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checks a parsed request before it reaches the transaction layer and answers those that need no state
 * (RFC 3261 §8.2 UAS behaviour, in the RFC's order). None of these answers depends on who the request names, so
 * they may come before authentication without telling a scanner anything:
 * <ol>
 *   <li>ACK: never answered (§17.1.1.3), goes on.</li>
 *   <li>Method not in the allowed set: {@code 501 Not Implemented} with Allow (§8.2.1).</li>
 *   <li>CSeq method not the Request-Line's: {@code 400} (§8.1.1.5); checked after the method, so an unknown method
 *       is 501 whatever its CSeq says (RFC 4475 §3.1.2.18).</li>
 *   <li>A Request-URI whose scheme is not sip or sips: {@code 416 Unsupported URI Scheme} (§8.2.2.1); a REGISTER
 *       whose To is not a sip or sips address of record: {@code 400} (RFC 4475 §3.3.4).</li>
 *   <li>Require or Proxy-Require naming an option-tag not in the supported set: {@code 420 Bad Extension} with
 *       Unsupported listing them (§8.2.2.3, §16.3 item 4). Not applied to CANCEL, which must not carry them
 *       (§9.1).</li>
 *   <li>{@code Max-Forwards: 0}: {@code 483 Too Many Hops} (§16.3 item 2), except an out-of-dialog OPTIONS,
 *       which §16.3 lets the element answer as the final recipient: we answer it as below, which makes
 *       "max-forwards 0" pings useful for finding the switch.</li>
 *   <li>An INVITE or UPDATE whose body is not {@code application/sdp}, or is encoded: {@code 415 Unsupported Media
 *       Type} with Accept and Accept-Encoding (§8.2.3, RFC 4475 §3.3.6); an INVITE whose Accept leaves out
 *       {@code application/sdp}, which every answer to it would carry: {@code 406 Not Acceptable} with a 399
 *       Warning (§21.4.7, RFC 4475 §3.3.15).</li>
 *   <li>OPTIONS outside a dialog (no To tag): {@code 200 OK} with Allow, Accept, Accept-Encoding,
 *       Accept-Language and Supported (§11.2).</li>
 * </ol>
 * Everything else answers null: the request goes on. Stateless and thread-safe once built.
 */
public final class StatelessResponder
{
    /** The methods the switch implements, listed in Allow. */
    public static final List<String> DEFAULT_ALLOWED_METHODS =
        List.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "REGISTER", "UPDATE", "INFO", "REFER", "NOTIFY");

    private final List<String> allowedMethods;
    private final Set<String> supportedOptionTags;
    private final SipCounters counters;

    /**
     * @param allowedMethods      methods we implement, upper case, as listed in Allow
     * @param supportedOptionTags option-tags we support (RFC 3261 §19.2), compared case-insensitively
     * @param counters            where UNKNOWN_METHOD_501, UNSUPPORTED_REQUIRE_420 and TOO_MANY_HOPS_483 count
     */
    public StatelessResponder(
        final List<String> allowedMethods, final Set<String> supportedOptionTags, final SipCounters counters)
    {
        this.allowedMethods = List.copyOf(allowedMethods);
        final List<String> lower = new ArrayList<>();
        for (final String tag : supportedOptionTags)
        {
            lower.add(tag.toLowerCase(Locale.ROOT));
        }
        this.supportedOptionTags = Set.copyOf(lower);
        this.counters = counters;
    }

    /** The default methods, and no option-tags supported yet. */
    public static StatelessResponder withDefaults(final SipCounters counters)
    {
        return new StatelessResponder(DEFAULT_ALLOWED_METHODS, Set.of("norefersub"), counters);
    }

    /** The response to send for this request, or null when the request should go on to the transactions. */
    public SIPResponse check(final Request requestMessage)
    {
        final SIPRequest request = (SIPRequest)requestMessage;
        final String method = request.getMethod();
        if ("ACK".equals(method))
        {
            return null;
        }
        try
        {
            if (!allowedMethods.contains(method))
            {
                counters.increment(SipCounters.Id.UNKNOWN_METHOD_501);
                return withAllow(response(request, 501));
            }
            if (!method.equals(request.getCSeq().getMethod()))
            {
                return response(request, 400, "Bad Request (CSeq method does not match Request-Line)");
            }
            final SIPResponse addressing = RequestChecks.addressing(request);
            if (addressing != null)
            {
                return addressing;
            }
            final List<String> unsupported = "CANCEL".equals(method) ? List.of() : unsupportedTags(request);
            if (!unsupported.isEmpty())
            {
                counters.increment(SipCounters.Id.UNSUPPORTED_REQUIRE_420);
                final SIPResponse response = response(request, 420);
                for (final String tag : unsupported)
                {
                    response.addHeader(SipFactories.HEADERS.createUnsupportedHeader(tag));
                }
                return response;
            }
            final boolean outOfDialogOptions = "OPTIONS".equals(method) && request.getToTag() == null;
            final MaxForwardsHeader maxForwards = request.getMaxForwards();
            if (maxForwards != null && maxForwards.getMaxForwards() == 0 && !outOfDialogOptions)
            {
                counters.increment(SipCounters.Id.TOO_MANY_HOPS_483);
                return response(request, 483);
            }
            final SIPResponse content = RequestChecks.content(request);
            if (content != null)
            {
                return content;
            }
            return outOfDialogOptions ? optionsOk(request) : null;
        }
        catch (final ParseException ex)
        {
            // only our own constant header values are parsed here
            throw new IllegalStateException("cannot build a stateless response", ex);
        }
    }

    private List<String> unsupportedTags(final SIPRequest request)
    {
        final List<String> unsupported = new ArrayList<>(1);
        final Iterator<?> require = request.getHeaders(Require.NAME);
        while (require.hasNext())
        {
            addIfUnsupported(((Require)require.next()).getOptionTag(), unsupported);
        }
        final Iterator<?> proxyRequire = request.getHeaders(ProxyRequire.NAME);
        while (proxyRequire.hasNext())
        {
            addIfUnsupported(((ProxyRequire)proxyRequire.next()).getOptionTag(), unsupported);
        }
        return unsupported;
    }

    private void addIfUnsupported(final String tag, final List<String> unsupported)
    {
        if (tag != null && !supportedOptionTags.contains(tag.toLowerCase(Locale.ROOT)) && !unsupported.contains(tag))
        {
            unsupported.add(tag);
        }
    }

    private SIPResponse optionsOk(final SIPRequest request) throws ParseException
    {
        final SIPResponse response = withAllow(response(request, 200));
        response.addHeader(SipFactories.HEADERS.createAcceptHeader("application", "sdp"));
        response.addHeader(SipFactories.HEADERS.createAcceptEncodingHeader("identity"));
        response.addHeader(SipFactories.HEADERS.createAcceptLanguageHeader(Locale.ENGLISH));
        if (supportedOptionTags.isEmpty())
        {
            response.addHeader(SipFactories.HEADERS.createHeader("Supported", ""));
        }
        for (final String tag : supportedOptionTags)
        {
            response.addHeader(SipFactories.HEADERS.createSupportedHeader(tag));
        }
        return response;
    }

    private SIPResponse withAllow(final SIPResponse response) throws ParseException
    {
        for (final String method : allowedMethods)
        {
            response.addHeader(SipFactories.HEADERS.createAllowHeader(method));
        }
        return response;
    }

    /** A response copying Via, From, To, Call-ID and CSeq, with a To tag added if missing (RFC 3261 §8.2.6.2). */
    static SIPResponse response(final SIPRequest request, final int status) throws ParseException
    {
        return response(request, status, null);
    }

    /** The same, with our own reason phrase when not null. */
    static SIPResponse response(final SIPRequest request, final int status, final String reason)
        throws ParseException
    {
        final SIPResponse response = (SIPResponse)SipFactories.MESSAGES.createResponse(status, request);
        if (reason != null)
        {
            response.setReasonPhrase(reason);
        }
        if (response.getTo().getTag() == null)
        {
            response.getTo().setTag(Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        }
        return response;
    }
}
