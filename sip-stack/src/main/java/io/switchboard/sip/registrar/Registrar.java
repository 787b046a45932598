package io.switchboard.sip.registrar;

import javax.sip.message.Request;
import io.switchboard.sip.message.Responses;

import gov.nist.javax.sip.header.ParametersHeader;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.transport.Flow;

import javax.sip.InvalidArgumentException;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.UserAgentHeader;
import javax.sip.message.Response;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.ListIterator;
import java.util.TimeZone;

/**
 * The registrar (RFC 3261 §10.3): processes an authenticated REGISTER into the {@link LocationService}.
 * <ul>
 *   <li>Step 5: the To user must be the authenticated user, else {@code 403 Forbidden}. The AOR is that user.</li>
 *   <li>No Contact: a query, answered with the current bindings.</li>
 *   <li>Step 6: {@code Contact: *} removes every binding, only alone and with {@code Expires: 0}, else
 *   {@code 400}. A contact's {@code expires} parameter overrides the Expires header, which overrides the default.
 *   A non-zero expiry below min-expires is refused with {@code 423 Interval Too Brief} and Min-Expires; one above
 *   max-expires is lowered to it.</li>
 *   <li>Step 7: an existing binding with the same Call-ID and a CSeq not lower than the request's makes the request
 *   fail; the RFC asks that all updates are committed or none, and that a failed update is a
 *   {@code 500 Server Internal Error}, so that is the answer and nothing changes ({@link BindingUpdate}).</li>
 *   <li>Step 8: {@code 200 OK} listing every current binding with its remaining {@code expires}, and a Date.</li>
 *   <li>NAT: each binding records the flow and a target chosen by {@link ContactTarget}.</li>
 * </ul>
 * The Request-URI's domain is not checked here: tenants are resolved before the registrar is called.
 * <p>
 * Thread safety: stateless apart from the shared {@link LocationService}; any event loop may call it.
 * {@code nowMs} is wall-clock time (epoch ms): it stamps the Date header as well as the expiries.
 */
public final class Registrar
{
    private static final float DEFAULT_Q = 1.0f;

    private final RegistrarConfig config;
    private final LocationService location;
    private final SipCounters counters;

    /**
     * @param config   a concluded config.
     * @param location where bindings are stored.
     * @param counters REGISTRATIONS is counted here, once per REGISTER that changed or refreshed bindings.
     */
    public Registrar(final RegistrarConfig config, final LocationService location, final SipCounters counters)
    {
        this.config = config;
        this.location = location;
        this.counters = counters;
    }

    /**
     * Processes a REGISTER whose sender was authenticated.
     *
     * @param request           the REGISTER.
     * @param authenticatedUser the user that the digest authenticator accepted.
     * @param flow              the flow the request arrived on.
     * @param nowMs             the current wall-clock time in epoch ms.
     * @return the response to send.
     */
    public SIPResponse register(
        final Request requestMessage, final String authenticatedUser, final Flow flow, final long nowMs)
    {
        final SIPRequest request = (SIPRequest)requestMessage;
        if (!(request.getTo().getAddress().getURI() instanceof SipURI to) ||
            !authenticatedUser.equals(to.getUser()))
        {
            return Responses.withToTag(request, Response.FORBIDDEN);
        }
        final String aor = to.getUser();
        final List<ContactHeader> contacts = contacts(request);
        if (contacts.isEmpty())
        {
            return ok(request, location.lookup(aor, nowMs), nowMs);
        }
        final ExpiresHeader expiresHeader = request.getExpires();
        final int headerExpires = expiresHeader == null ? -1 : expiresHeader.getExpires();
        final boolean wildcard = contacts.stream().anyMatch(ContactHeader::isWildCard);
        if (wildcard && (contacts.size() != 1 || headerExpires != 0))
        {
            return Responses.withToTag(request, Response.BAD_REQUEST);
        }
        final List<Binding> requested = new ArrayList<>(contacts.size());
        for (final ContactHeader contact : wildcard ? List.<ContactHeader>of() : contacts)
        {
            if (!(contact.getAddress().getURI() instanceof SipURI))
            {
                return Responses.withToTag(request, Response.BAD_REQUEST);
            }
            int expires = contact.getExpires() >= 0 ? contact.getExpires() :
                (headerExpires >= 0 ? headerExpires : config.defaultExpires());
            if (expires != 0 && expires < config.minExpires())
            {
                return intervalTooBrief(request);
            }
            expires = Math.min(expires, config.maxExpires());
            requested.add(binding(request, aor, contact, expires, flow, nowMs));
        }
        final BindingUpdate update = new BindingUpdate(requested, wildcard, request.getCallId().getCallId(),
            request.getCSeq().getSeqNumber(), config.maxContactsPerAor(), nowMs);
        final List<Binding> bindings = location.update(aor, update::apply);
        if (bindings == null)
        {
            return Responses.withToTag(request, Response.SERVER_INTERNAL_ERROR);
        }
        counters.increment(SipCounters.Id.REGISTRATIONS);
        return ok(request, bindings, nowMs);
    }

    private static List<ContactHeader> contacts(final SIPRequest request)
    {
        final List<ContactHeader> contacts = new ArrayList<>();
        final ListIterator<? extends Header> headers = request.getHeaders(ContactHeader.NAME);
        while (headers != null && headers.hasNext())
        {
            contacts.add((ContactHeader)headers.next());
        }
        return contacts;
    }

    private static Binding binding(
        final SIPRequest request,
        final String aor,
        final ContactHeader contact,
        final int expires,
        final Flow flow,
        final long nowMs)
    {
        final SipURI uri = (SipURI)contact.getAddress().getURI();
        final float q = contact.getQValue() >= 0 ? contact.getQValue() : DEFAULT_Q;
        final UserAgentHeader userAgent = (UserAgentHeader)request.getHeader(UserAgentHeader.NAME);
        return new Binding(
            aor,
            uri.toString(),
            contact.getAddress(),
            uri,
            q,
            nowMs + expires * 1000L,
            request.getCallId().getCallId(),
            request.getCSeq().getSeqNumber(),
            flow,
            ContactTarget.choose(request.getTopmostVia(), flow, uri),
            userAgent == null ? null : ((SIPHeader)userAgent).getHeaderValue().trim(),
            unquote(contact.getParameter("+sip.instance")),
            nowMs);
    }

    private SIPResponse intervalTooBrief(final SIPRequest request)
    {
        final SIPResponse response = Responses.withToTag(request, Response.INTERVAL_TOO_BRIEF);
        try
        {
            response.addHeader(SipFactories.HEADERS.createMinExpiresHeader(config.minExpires()));
        }
        catch (final InvalidArgumentException ex)
        {
            throw new IllegalStateException("concluded config has a positive minExpires", ex);
        }
        return response;
    }

    private static SIPResponse ok(final SIPRequest request, final List<Binding> bindings, final long nowMs)
    {
        final SIPResponse response = Responses.withToTag(request, Response.OK);
        try
        {
            for (final Binding binding : bindings)
            {
                final ContactHeader contact = SipFactories.HEADERS.createContactHeader(binding.address());
                contact.setExpires((int)binding.remainingSeconds(nowMs));
                contact.setQValue(binding.q());
                if (binding.instance() != null)
                {
                    ((ParametersHeader)contact).setQuotedParameter("+sip.instance", binding.instance());
                }
                response.addHeader(contact);
            }
            final Calendar date = Calendar.getInstance(TimeZone.getTimeZone("GMT"));
            date.setTimeInMillis(nowMs);
            response.addHeader(SipFactories.HEADERS.createDateHeader(date));
        }
        catch (final InvalidArgumentException | ParseException ex)
        {
            throw new IllegalStateException("stored bindings make valid Contact headers", ex);
        }
        return response;
    }

    private static String unquote(final String value)
    {
        if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
        {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
