package io.switchboard.core.signalling;

import io.switchboard.core.auth.WebPhoneTokens;
import io.switchboard.core.config.TenantSettings;
import io.switchboard.sip.auth.CredentialStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tenant's extensions as the digest authenticator sees them: each its configured password, plus the tokens of
 * the workbench sessions that use it as their browser phone. Read from every SIP worker: the extensions are an
 * immutable map and the tokens publish immutable snapshots.
 */
final class ExtensionCredentials implements CredentialStore
{
    private final Map<String, TenantSettings.ExtensionSettings> extensions;
    private final WebPhoneTokens webPhones;

    ExtensionCredentials(final Map<String, TenantSettings.ExtensionSettings> extensions,
        final WebPhoneTokens webPhones)
    {
        this.extensions = extensions;
        this.webPhones = webPhones;
    }

    @Override
    public String password(final String user)
    {
        final TenantSettings.ExtensionSettings e = user == null ? null : extensions.get(user);
        return e == null ? null : e.password;
    }

    @Override
    public List<String> passwords(final String user)
    {
        final String own = password(user);
        if (own == null)
        {
            return List.of();
        }
        final List<String> tokens = webPhones.passwords(user);
        if (tokens.isEmpty())
        {
            return List.of(own);
        }
        final List<String> all = new ArrayList<>(tokens.size() + 1);
        all.add(own);
        all.addAll(tokens);
        return all;
    }
}
