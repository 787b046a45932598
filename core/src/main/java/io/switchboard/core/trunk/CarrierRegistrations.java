package io.switchboard.core.trunk;

import io.switchboard.core.config.TrunkSettings;
import io.switchboard.core.signalling.SipWorker;
import io.switchboard.sip.auth.UacCredentials;
import io.switchboard.sip.client.RegistrationClient;
import io.switchboard.sip.client.RegistrationConfig;
import io.switchboard.sip.client.TransactionLayerRegistrationSender;
import io.switchboard.sip.dialog.Identifiers;
import io.switchboard.sip.transport.SipTransports;
import io.switchboard.sip.transport.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The softswitch's own registrations to the carriers whose trunks say {@code register}: one RFC 3261 registration
 * client per trunk, all owned by worker 0 and run on its loop (started, replaced when an administrator changes the
 * trunk, stopped with Expires: 0 when it is deleted or the server stops).
 */
public final class CarrierRegistrations
{
    private static final Logger LOG = LoggerFactory.getLogger(CarrierRegistrations.class);

    private final Map<String, RegistrationClient> clients = new ConcurrentHashMap<>();
    private final SipWorker owner;
    private final SipTransports transports;
    private final Supplier<TrunkPlan> plan;
    private final String userAgent;

    public CarrierRegistrations(final SipWorker owner, final SipTransports transports, final Supplier<TrunkPlan> plan,
        final String userAgent)
    {
        this.owner = owner;
        this.transports = transports;
        this.plan = plan;
        this.userAgent = userAgent;
    }

    /** The registrations by trunk name; read them on worker 0's loop. */
    public Map<String, RegistrationClient> clients()
    {
        return clients;
    }

    /** At start: every trunk that registers does, on worker 0's loop (bounded wait). */
    public void startAll() throws Exception
    {
        for (final TrunkSettings trunk : plan.get().trunks())
        {
            if (trunk.register)
            {
                owner.loop().submit(() -> start(trunk)).get(5, TimeUnit.SECONDS);
            }
        }
    }

    /** A trunk saved (after) or deleted (after null): its registration starts, is replaced, or stops. */
    public void changed(final TrunkSettings before, final TrunkSettings after)
    {
        final String name = after != null ? after.name : before.name;
        owner.loop().execute(() ->
        {
            if (after != null && after.register)
            {
                start(after);
            }
            else
            {
                final RegistrationClient old = clients.remove(name);
                if (old != null)
                {
                    old.stop();
                }
            }
        });
    }

    /** Unregisters from every carrier (Expires: 0) before the sockets close; best effort, bounded. */
    public void stopAll()
    {
        if (clients.isEmpty())
        {
            return;
        }
        try
        {
            owner.loop().submit(() -> clients.values().forEach(RegistrationClient::stop)).get(2, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            LOG.debug("unregistering from carriers: {}", ex.toString());
        }
    }

    /** Starts the trunk's registration (on worker 0's loop), replacing one it had. */
    private void start(final TrunkSettings trunk)
    {
        final InetSocketAddress carrier = plan.get().addresses().get(trunk.name);
        final Target target = new Target("tcp".equalsIgnoreCase(trunk.transport) ? "TCP" : "UDP", carrier, null);
        final var local = transports.localAddressFor(target);
        final RegistrationConfig registration = new RegistrationConfig()
            .registrar("sip:" + trunk.host + ":" + trunk.port)
            .aor("sip:" + trunk.registerUser + "@" + trunk.registerDomain)
            .contact("<sip:" + trunk.registerUser + "@" + local.uriHost() + ":" + local.port() + ">")
            .expiresSeconds(trunk.registerExpires)
            .credentials(trunk.username == null ? List.of()
                : List.of(new UacCredentials(trunk.realm, trunk.username, trunk.password)))
            .userAgent(userAgent)
            .conclude();
        final RegistrationClient started = new RegistrationClient(registration,
            new TransactionLayerRegistrationSender(owner.layer(), transports, target),
            owner.calls().scheduler(), Identifiers.callId(0));
        final RegistrationClient old = clients.put(trunk.name, started);
        if (old != null)
        {
            old.stop();
        }
        started.start();
    }
}
