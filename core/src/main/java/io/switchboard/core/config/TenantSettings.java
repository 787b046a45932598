package io.switchboard.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /** Online service: session flows and website channels. */
    public ChatSettings chat = new ChatSettings();
    /** Carrier trunks (see {@link TrunkSettings}); none by default. */
    public List<TrunkSettings> trunks = new ArrayList<>();
    /** Outbound routing over the trunks (see {@link DialPlanSettings}). */
    public DialPlanSettings dialPlan = new DialPlanSettings();
    /** Which extensions may call out (see {@link OutboundSettings}); nobody by default. */
    public OutboundSettings outbound = new OutboundSettings();
    /** The agents' screen-pop pages (at most five), opened with the call's values when a call is offered. */
    public List<ScreenPop> screenPops = new ArrayList<>();
    /** Supervisors on live calls (README "Supervisors on a live call"). */
    public Supervision supervision = new Supervision();

    /** {@code tenant.supervision}: whether the agent is told that a supervisor listens (default: not told). */
    public static final class Supervision
    {
        public boolean notice;
    }
    /** Call recording (see {@link RecordingSettings}): off unless turned on. */
    public RecordingSettings recording = new RecordingSettings();

    /** One screen-pop page: a URL template such as {@code https://crm.example/search?phone={caller}}. */
    public static final class ScreenPop
    {
        public String name;
        public String url;
        public boolean enabled = true;
        /** {@code tab}: a new tab of the browser; {@code panel}: a panel inside the workbench. */
        public String open = "tab";
    }

    /** The accounts of the first start (see {@link AccountSettings}); none by default. */
    public List<AccountSettings> accounts = new ArrayList<>();

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
        chat.conclude();
        SwitchboardConfig.require(recording != null, "tenant.recording must be an object");
        recording.conclude();
        concludeTrunks();
        concludeAccounts();
    }

    private void concludeAccounts()
    {
        SwitchboardConfig.require(accounts != null, "tenant.accounts must be a list");
        final Set<String> emails = new HashSet<>();
        final Set<String> numbers = allExtensions().keySet();
        for (int i = 0; i < accounts.size(); i++)
        {
            final AccountSettings a = accounts.get(i);
            SwitchboardConfig.require(a != null, "tenant.accounts[" + i + "] is empty");
            a.conclude(i);
            SwitchboardConfig.require(emails.add(a.email.toLowerCase(java.util.Locale.ROOT)),
                "tenant.accounts: " + a.email + " listed twice");
            SwitchboardConfig.require(a.extension == null || numbers.contains(a.extension),
                "tenant.accounts: " + a.email + ": no extension " + a.extension);
        }
    }

    private void concludeTrunks()
    {
        SwitchboardConfig.require(trunks != null, "tenant.trunks must be a list");
        final Set<String> names = new HashSet<>();
        final Map<String, String> numberOwner = new HashMap<>();
        for (int i = 0; i < trunks.size(); i++)
        {
            final TrunkSettings t = trunks.get(i);
            SwitchboardConfig.require(t != null, "tenant.trunks[" + i + "] is empty");
            t.conclude(i);
            SwitchboardConfig.require(names.add(t.name), "tenant.trunks." + t.name + ": name used twice");
            for (final String n : t.numbers)
            {
                final String other = numberOwner.putIfAbsent(n, t.name);
                SwitchboardConfig.require(other == null, "tenant.trunks." + t.name + ": number " + n
                    + (t.name.equals(other) ? " listed twice" : " also belongs to trunk " + other));
            }
        }
        SwitchboardConfig.require(dialPlan != null && outbound != null, "tenant.dialPlan and tenant.outbound");
        dialPlan.conclude(names);
        outbound.conclude();
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
