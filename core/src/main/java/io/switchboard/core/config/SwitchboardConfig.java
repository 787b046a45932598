package io.switchboard.core.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole server configuration, read from one JSON file (comments allowed), by default {@code conf/switchboard.conf}.
 * Every field has a default here, so a file only names what it changes. {@link #conclude()} checks ranges before
 * any thread starts: the server fails fast on a bad file.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class SwitchboardConfig
{
    public SipSettings sip = new SipSettings();
    public HttpSettings http = new HttpSettings();
    public AuthSettings auth = new AuthSettings();
    public RegistrarSettings registrar = new RegistrarSettings();
    public MediaSettings media = new MediaSettings();
    /** Directory for the journal and other data; created at start. */
    public String dataDir = "data";
    public JournalSettings journal = new JournalSettings();
    /**
     * Source IP addresses whose requests are trusted without digest authentication, as a carrier trunk is
     * (RFC 3261 §22 lets a server skip challenges for peers authenticated otherwise). Empty by default.
     */
    public List<String> trustedAddresses = new ArrayList<>();
    public TenantSettings tenant = new TenantSettings();
    public PushSettings push = new PushSettings();
    public MetricsSettings metrics = new MetricsSettings();
    /**
     * Whether the server may start with the demo tenant's known passwords (extensions {@code demo-<n>}, the
     * documented accounts) while SIP or the API listens on an address other than loopback. False: it refuses to
     * start, naming what to change ({@code --allow-demo-passwords} sets it for one run).
     */
    public boolean allowDemoPasswords;

    /** Checks every value and fills derived defaults; throws {@link IllegalArgumentException} naming the field. */
    public SwitchboardConfig conclude()
    {
        sip.conclude();
        http.conclude();
        auth.conclude();
        registrar.conclude();
        media.conclude();
        tenant.conclude();
        journal.conclude();
        push.conclude(tenant.domain);
        metrics.conclude();
        require(dataDir != null && !dataDir.isBlank(), "dataDir must be set");
        return this;
    }

    static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("configuration: " + message);
        }
    }

    static void port(final int port, final String name)
    {
        require(port >= 0 && port <= 65535, name + " must be 0..65535 (0 = any free port), was " + port);
    }
}
