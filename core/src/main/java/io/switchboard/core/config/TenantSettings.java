package io.switchboard.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant: its SIP domain, digest realm and extensions. Extensions are listed one by one, or as a range whose
 * passwords follow a pattern ({@code {n}} stands for the extension number).
 */
public final class TenantSettings
{
    public String name = "demo";
    /** The SIP domain of the tenant's addresses of record. */
    public String domain = "demo.switchboard";
    /** Digest realm; defaults to the domain. */
    public String realm;
    public List<ExtensionSettings> extensions = new ArrayList<>();
    public ExtensionRange extensionRange;
    /** The call center: ACD settings, skill groups, agents, queue numbers. */
    public AcdSettingsConfig acd = new AcdSettingsConfig();
    /** IVR flows and the numbers bound to them. */
    public IvrSettings ivr = new IvrSettings();

    /** One extension and its SIP password. */
    public static final class ExtensionSettings
    {
        public String number;
        public String password;
        public String displayName;
    }

    /** A range of extensions: first..last, password from the pattern. */
    public static final class ExtensionRange
    {
        public int first;
        public int last;
        public String passwordPattern = "demo-{n}";
    }

    void conclude()
    {
        SwitchboardConfig.require(domain != null && !domain.isBlank(), "tenant.domain must be set");
        if (realm == null || realm.isBlank())
        {
            realm = domain;
        }
        if (extensionRange != null)
        {
            SwitchboardConfig.require(extensionRange.first > 0 && extensionRange.last >= extensionRange.first
                && extensionRange.last - extensionRange.first < 100_000, "tenant.extensionRange first..last");
        }
        for (final ExtensionSettings e : extensions)
        {
            SwitchboardConfig.require(e.number != null && e.number.matches("[0-9A-Za-z_.-]{1,32}"),
                "tenant.extensions: bad number " + e.number);
            SwitchboardConfig.require(e.password != null && !e.password.isEmpty(),
                "tenant.extensions: extension " + e.number + " needs a password");
        }
        acd.conclude(allExtensions().keySet());
        ivr.conclude();
    }

    /** Every extension number with its password, the listed ones after (and overriding) the range. */
    public Map<String, ExtensionSettings> allExtensions()
    {
        final Map<String, ExtensionSettings> all = new LinkedHashMap<>();
        if (extensionRange != null)
        {
            for (int n = extensionRange.first; n <= extensionRange.last; n++)
            {
                final ExtensionSettings e = new ExtensionSettings();
                e.number = Integer.toString(n);
                e.password = extensionRange.passwordPattern.replace("{n}", e.number);
                all.put(e.number, e);
            }
        }
        for (final ExtensionSettings e : extensions)
        {
            all.put(e.number, e);
        }
        return all;
    }
}
