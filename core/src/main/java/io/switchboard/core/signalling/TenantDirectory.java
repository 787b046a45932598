package io.switchboard.core.signalling;

import javax.sip.message.Request;
import io.switchboard.core.auth.WebPhoneTokens;
import io.switchboard.core.config.SwitchboardConfig;
import io.switchboard.core.config.TenantSettings;
import io.switchboard.core.config.TrunkSettings;
import io.switchboard.core.trunk.TrunkDirectory;
import io.switchboard.core.trunk.TrunkPlan;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.auth.AuthResult;
import io.switchboard.sip.auth.AuthThrottle;
import io.switchboard.sip.auth.CredentialStore;
import io.switchboard.sip.auth.DigestAlgorithm;
import io.switchboard.sip.auth.DigestAuthenticator;
import io.switchboard.sip.auth.DigestConfig;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.message.TransportLimits;
import io.switchboard.sip.registrar.Binding;
import io.switchboard.sip.registrar.LocationService;
import io.switchboard.sip.registrar.Registrar;
import io.switchboard.sip.registrar.RegistrarConfig;
import io.switchboard.sip.transaction.TimerValues;
import io.switchboard.sip.transport.SipTransportConfig;
import io.switchboard.sip.transport.TlsIdentity;
import io.switchboard.sip.transport.WebSocketOptions;

import javax.sip.message.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The tenant as the SIP side sees it: its extensions and passwords, the digest authenticator and throttle, the
 * registrar and location service, and the trusted peer addresses. Built once from the configuration; everything
 * here is either immutable or safe to read from every worker (see {@link LocationService}).
 */
public final class TenantDirectory
{
    private final SipCounters counters;
    private final SwitchboardConfig config;
    private final Map<String, TenantSettings.ExtensionSettings> extensions;
    private final Set<InetAddress> trusted;
    /** Carriers: their addresses are trusted for calls, like {@code trustedAddresses}, and they bring numbers in. */
    private volatile Supplier<TrunkPlan> plan;
    private final DigestAuthenticator authenticator;
    private final AuthThrottle throttle;
    private final LocationService locations = new LocationService();
    private final Registrar registrar;

    public TenantDirectory(final SwitchboardConfig config, final SipCounters counters)
    {
        this(config, counters, new WebPhoneTokens());
    }

    /**
     * @param webPhones the workbench phones' tokens: an extension registers with its own password or with a token
     *                  of a signed-in session (issued by the API)
     */
    public TenantDirectory(final SwitchboardConfig config, final SipCounters counters, final WebPhoneTokens webPhones)
    {
        this.counters = counters;
        this.config = config;
        this.extensions = Map.copyOf(config.tenant.allExtensions());
        this.trusted = config.trustedAddresses.stream().map(TenantDirectory::address).collect(Collectors.toSet());
        final DigestConfig digest = new DigestConfig()
            .realm(config.tenant.realm)
            .nonceTtlMs(config.auth.nonceTtlSeconds * 1000L)
            .algorithms(algorithms(config.auth.algorithms))
            .throttleMaxFailures(config.auth.failuresBeforeBlock)
            .throttleWindowMs(config.auth.failureWindowSeconds * 1000L)
            .throttleBlockMs(config.auth.blockSeconds * 1000L)
            .conclude();
        final CredentialStore store = new ExtensionCredentials(extensions, webPhones);
        this.throttle = new AuthThrottle(digest);
        this.authenticator = new DigestAuthenticator(digest, store, throttle, counters);
        this.registrar = new Registrar(new RegistrarConfig()
            .minExpires(config.registrar.minExpires)
            .maxExpires(config.registrar.maxExpires)
            .defaultExpires(config.registrar.defaultExpires)
            .maxContactsPerAor(config.registrar.maxContactsPerAor)
            .conclude(), locations, counters);
    }

    private static List<DigestAlgorithm> algorithms(final List<String> names)
    {
        final List<DigestAlgorithm> list = new ArrayList<>();
        for (final String name : names)
        {
            list.add(DigestAlgorithm.fromToken(name));
        }
        return list;
    }

    private static InetAddress address(final String text)
    {
        try
        {
            return InetAddress.getByName(text);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("configuration: trustedAddresses: cannot resolve " + text, ex);
        }
    }

    /**
     * Once a second: forget expired bindings, the nonce-counts of expired nonces and old throttle entries, so that
     * none of these tables grows without bound.
     */
    public void housekeeping(final long nowMs)
    {
        locations.removeExpired(nowMs);
        authenticator.pruneExpired(nowMs);
        throttle.prune(nowMs);
    }

    public int extensionCount()
    {
        return extensions.size();
    }

    public LocationService locations()
    {
        return locations;
    }

    /** The transports as configured; {@code tls} is the certificate of TLS and wss (null when both are off). */
    public SipTransportConfig transportConfig(final TlsIdentity tls)
    {
        final var sip = config.sip;
        return SipTransportConfig.defaults().withBindAddress(address(sip.bindAddress))
            .withPorts(sip.udpPort, sip.tcpPort).withAdvertisedHost(sip.advertisedHost)
            .withLimits(new TransportLimits(sip.maxMessageBytes, Math.min(sip.maxMessageBytes, 16384), 128))
            .withSocketBuffer(sip.socketBufferBytes)
            .withSecure(sip.tlsPort, sip.wsPort, sip.wssPort,
                new WebSocketOptions(sip.webSocketPath, sip.allowedOrigins, sip.webSocketPingSeconds), tls);
    }

    public TimerValues timerValues()
    {
        final long t1 = config.sip.t1Millis;
        return new TimerValues(t1, Math.max(TimerValues.DEFAULT_T2_MS, t1 * 8), TimerValues.DEFAULT_T4_MS,
            TimerValues.DEFAULT_TIMER_D_MS, TimerValues.DEFAULT_TRYING_DELAY_MS);
    }

    /**
     * Trusted peers (trunks) pass by address for calls; everyone else, and every REGISTER, proves an extension's
     * password by digest: a trusted address cannot register as an extension without its password.
     */
    public Authorizer authorizer()
    {
        return (request, flow, proxy) ->
        {
            final InetAddress source = flow.remote().getAddress();
            if (proxy && trusted.contains(source))
            {
                return Authorizer.Outcome.trusted();
            }
            final TrunkSettings trunk = proxy ? trunks().trunkForSource(source) : null;
            if (trunk != null)
            {
                // A carrier calls the numbers it brings in, nothing else (not our extensions, not other trunks).
                return broughtBy(trunk, request) ? Authorizer.Outcome.trusted()
                    : Authorizer.Outcome.reply(Responses.withToTag(request, Response.NOT_FOUND));
            }
            // Everyone else is challenged, whoever From, To or the Request-URI names: a 403 for unknown users and a
            // 407 for known ones would let a scanner list the extensions (issue 12). The authenticator answers an
            // unknown user and a wrong password alike, and throttles guessing per source address.
            final AuthResult result = authenticator.authenticate(request, source, System.currentTimeMillis());
            return result.isAuthenticated() ? Authorizer.Outcome.user(result.user())
                : Authorizer.Outcome.reply(result.response());
        };
    }

    /** Whether the Request-URI names one of the trunk's numbers, as sent or in its E.164 form. */
    private boolean broughtBy(final TrunkSettings trunk, final Request request)
    {
        final String user = request.getRequestURI() instanceof javax.sip.address.SipURI sip ? sip.getUser() : null;
        if (user == null)
        {
            return false;
        }
        final String e164 = plan.get().dialPlan().e164().normalise(user);
        return trunk.numbers.contains(user) || e164 != null && trunk.numbers.contains(e164);
    }

    /** The trunks as last published; read per request. */
    public TrunkDirectory trunks()
    {
        return plan.get().directory();
    }

    /** Where the trunks and the dial plan are read from (set before any request is served). */
    public void plan(final Supplier<TrunkPlan> source)
    {
        this.plan = source;
    }

    public Locator locator()
    {
        return new Locator()
        {
            @Override
            public boolean exists(final String extension)
            {
                return extensions.containsKey(extension);
            }

            @Override
            public List<Contact> contactsOf(final String extension)
            {
                final List<Binding> bindings = locations.lookup(extension, System.currentTimeMillis());
                final List<Contact> contacts = new ArrayList<>(bindings.size());
                for (final Binding b : bindings)
                {
                    contacts.add(new Contact(b.uri(), b.target()));
                }
                return contacts;
            }
        };
    }

    public RegistrarPort registrar()
    {
        return (request, user, flow) -> registrar.register(request, user, flow, System.currentTimeMillis());
    }
}
