package io.switchboard.sip.client;

import io.switchboard.sip.auth.UacCredentials;
import io.switchboard.sip.message.SipFactories;

import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Settings of one registration to a carrier (RFC 3261 §10.2), with defaults. Set what differs, then call
 * {@link #conclude()} once before the {@link RegistrationClient} is created: it parses the URIs and checks the
 * ranges, so that building a REGISTER later cannot fail.
 */
public final class RegistrationConfig
{
    /** Requested binding lifetime: 3600 s, the RFC 3261 §10.2.1.1 default. */
    public static final int DEFAULT_EXPIRES_SECONDS = 3600;
    /** A refresh goes this long before the binding expires, unless half the lifetime is later: 60 s. */
    public static final int DEFAULT_REFRESH_MARGIN_SECONDS = 60;
    /** Never refresh sooner than this after a success, whatever the registrar granted: 5 s. */
    public static final int DEFAULT_MIN_REFRESH_SECONDS = 5;
    /** First retry after a failure: 5 s, doubled on each further failure. */
    public static final long DEFAULT_RETRY_INITIAL_MS = 5_000;
    /** Retries back off up to this: 10 min. */
    public static final long DEFAULT_RETRY_MAX_MS = 600_000;
    /**
     * An exchange with no outcome after this long counts as timed out: 40 s, beyond Timer F (64*T1 = 32 s), so it
     * only fires when an outcome was lost (a transport error reported before the owner could route it).
     */
    public static final long DEFAULT_EXCHANGE_GUARD_MS = 40_000;
    /** Spreads timers of many trunks: each delay is shortened by up to a fifth, at random. */
    public static final LongUnaryOperator DEFAULT_JITTER =
        delayMs -> delayMs - ThreadLocalRandom.current().nextLong(delayMs / 5 + 1);

    private String registrar;
    private String aor;
    private String contact;
    private int expiresSeconds = DEFAULT_EXPIRES_SECONDS;
    private List<UacCredentials> credentials = List.of();
    private int refreshMarginSeconds = DEFAULT_REFRESH_MARGIN_SECONDS;
    private int minRefreshSeconds = DEFAULT_MIN_REFRESH_SECONDS;
    private long retryInitialMs = DEFAULT_RETRY_INITIAL_MS;
    private long retryMaxMs = DEFAULT_RETRY_MAX_MS;
    private long exchangeGuardMs = DEFAULT_EXCHANGE_GUARD_MS;
    private LongUnaryOperator jitter = DEFAULT_JITTER;
    private String userAgent;

    private URI registrarUri;
    private Address aorAddress;
    private Address contactAddress;

    /**
     * Parses and checks every setting; call once before use.
     *
     * @return this, for chaining.
     * @throws IllegalStateException naming the first setting that is missing, unparsable or out of range.
     */
    public RegistrationConfig conclude()
    {
        registrarUri = parseUri("registrar", registrar);
        aorAddress = parseAddress("aor", aor);
        contactAddress = parseAddress("contact", contact);
        if (!(aorAddress.getURI() instanceof SipURI))
        {
            throw new IllegalStateException("aor must be a sip: or sips: URI: " + aor);
        }
        requirePositive("expiresSeconds", expiresSeconds);
        requirePositive("minRefreshSeconds", minRefreshSeconds);
        requirePositive("retryInitialMs", retryInitialMs);
        requirePositive("exchangeGuardMs", exchangeGuardMs);
        if (refreshMarginSeconds < 0)
        {
            throw new IllegalStateException("refreshMarginSeconds must not be negative: " + refreshMarginSeconds);
        }
        if (retryMaxMs < retryInitialMs)
        {
            throw new IllegalStateException("retryMaxMs must be at least retryInitialMs: " + retryMaxMs);
        }
        if (credentials == null || jitter == null)
        {
            throw new IllegalStateException("credentials (possibly empty) and jitter must be set");
        }
        return this;
    }

    private static URI parseUri(final String name, final String value)
    {
        try
        {
            return SipFactories.ADDRESSES.createURI(required(name, value));
        }
        catch (final ParseException ex)
        {
            throw new IllegalStateException(name + " is not a URI: " + value, ex);
        }
    }

    private static Address parseAddress(final String name, final String value)
    {
        try
        {
            return SipFactories.ADDRESSES.createAddress(required(name, value));
        }
        catch (final ParseException ex)
        {
            throw new IllegalStateException(name + " is not an address: " + value, ex);
        }
    }

    private static String required(final String name, final String value)
    {
        if (value == null || value.isBlank())
        {
            throw new IllegalStateException(name + " must be set");
        }
        return value;
    }

    private static void requirePositive(final String name, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalStateException(name + " must be positive: " + value);
        }
    }

    /** The Request-URI of REGISTER: the carrier's domain, e.g. {@code sip:carrier.example} (RFC 3261 §10.2). */
    public String registrar()
    {
        return registrar;
    }

    public RegistrationConfig registrar(final String registrar)
    {
        this.registrar = registrar;
        return this;
    }

    /** The address-of-record registered, put in From and To, e.g. {@code sip:trunk1@carrier.example}. */
    public String aor()
    {
        return aor;
    }

    public RegistrationConfig aor(final String aor)
    {
        this.aor = aor;
        return this;
    }

    /** Where the carrier should send our calls: the Contact, e.g. {@code <sip:trunk1@203.0.113.5:5060>}. */
    public String contact()
    {
        return contact;
    }

    public RegistrationConfig contact(final String contact)
    {
        this.contact = contact;
        return this;
    }

    /** The binding lifetime asked for in the Expires header; raised by a 423's Min-Expires. */
    public int expiresSeconds()
    {
        return expiresSeconds;
    }

    public RegistrationConfig expiresSeconds(final int expiresSeconds)
    {
        this.expiresSeconds = expiresSeconds;
        return this;
    }

    /** Our accounts for the registrar's challenges; empty if it does not challenge. */
    public List<UacCredentials> credentials()
    {
        return credentials;
    }

    public RegistrationConfig credentials(final List<UacCredentials> credentials)
    {
        // List.copyOf refuses null elements, so a list that got here holds none.
        this.credentials = credentials == null ? null : List.copyOf(credentials);
        return this;
    }

    /** A refresh goes at max(granted / 2, granted - margin) seconds after a success. */
    public int refreshMarginSeconds()
    {
        return refreshMarginSeconds;
    }

    public RegistrationConfig refreshMarginSeconds(final int refreshMarginSeconds)
    {
        this.refreshMarginSeconds = refreshMarginSeconds;
        return this;
    }

    /** The least delay before a refresh, so that a registrar granting seconds cannot make us flood it. */
    public int minRefreshSeconds()
    {
        return minRefreshSeconds;
    }

    public RegistrationConfig minRefreshSeconds(final int minRefreshSeconds)
    {
        this.minRefreshSeconds = minRefreshSeconds;
        return this;
    }

    /** The delay before the first retry after a failure, in ms. */
    public long retryInitialMs()
    {
        return retryInitialMs;
    }

    public RegistrationConfig retryInitialMs(final long retryInitialMs)
    {
        this.retryInitialMs = retryInitialMs;
        return this;
    }

    /** The cap of the doubling retry delay, in ms. */
    public long retryMaxMs()
    {
        return retryMaxMs;
    }

    public RegistrationConfig retryMaxMs(final long retryMaxMs)
    {
        this.retryMaxMs = retryMaxMs;
        return this;
    }

    /** How long an exchange may go without outcome before it counts as timed out, in ms. */
    public long exchangeGuardMs()
    {
        return exchangeGuardMs;
    }

    public RegistrationConfig exchangeGuardMs(final long exchangeGuardMs)
    {
        this.exchangeGuardMs = exchangeGuardMs;
        return this;
    }

    /** Maps each nominal refresh or retry delay (ms) to the one used; tests fix it to the identity. */
    public LongUnaryOperator jitter()
    {
        return jitter;
    }

    public RegistrationConfig jitter(final LongUnaryOperator jitter)
    {
        this.jitter = jitter;
        return this;
    }

    /** The User-Agent header of our REGISTERs, or null (the default) for none. */
    public String userAgent()
    {
        return userAgent;
    }

    public RegistrationConfig userAgent(final String userAgent)
    {
        this.userAgent = userAgent;
        return this;
    }

    /** The parsed registrar; null before {@link #conclude()}. */
    URI registrarUri()
    {
        return registrarUri;
    }

    /** The parsed AOR; null before {@link #conclude()}. */
    Address aorAddress()
    {
        return aorAddress;
    }

    /** The parsed contact; null before {@link #conclude()}. */
    Address contactAddress()
    {
        return contactAddress;
    }
}
