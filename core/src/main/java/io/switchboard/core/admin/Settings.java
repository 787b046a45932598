package io.switchboard.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.acd.AcdSettings;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.config.AcdSettingsConfig;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's call-center settings an administrator may change: the ring timeout and the wrap-up time (1..90 s),
 * the default selection policy ({@code longest-idle} or {@code fewest-calls}) and whether a caller goes to the last
 * agent first, and whether every offer to an agent is answered by the phone itself ({@code autoAnswer}: the
 * auto-answer headers are sent whatever the agent's own setting). Two switches as the operations manual has them
 * (设置服务参数): {@code ringTimeoutEnabled} (超时链接设置; off: an offer rings until the caller leaves or the agent
 * answers) and {@code stateRecoveryEnabled} (状态恢复设置; off: after a call the agent stays in wrap-up until it
 * ends it). Both on by default; the seconds are kept while a switch is off. Immutable; a change builds a new one.
 */
public record Settings(int ringTimeoutSeconds, int wrapUpSeconds, String policy, boolean lastAgentPriority,
    boolean autoAnswer, boolean ringTimeoutEnabled, boolean stateRecoveryEnabled)
{
    public static final List<String> POLICIES = List.of("longest-idle", "fewest-calls");
    private static final List<String> FIELDS = List.of("ringTimeoutSeconds", "wrapUpSeconds", "policy",
        "lastAgentPriority", "autoAnswer", "ringTimeoutEnabled", "stateRecoveryEnabled");

    public Settings
    {
        seconds("ringTimeoutSeconds", ringTimeoutSeconds);
        seconds("wrapUpSeconds", wrapUpSeconds);
        if (!POLICIES.contains(policy))
        {
            throw AdminException.invalid("\"policy\" must be longest-idle or fewest-calls, not " + policy);
        }
    }

    /** Settings without the tenant's auto-answer. */
    public Settings(final int ringTimeoutSeconds, final int wrapUpSeconds, final String policy,
        final boolean lastAgentPriority)
    {
        this(ringTimeoutSeconds, wrapUpSeconds, policy, lastAgentPriority, false);
    }

    /** Settings with the ring timeout and state recovery on. */
    public Settings(final int ringTimeoutSeconds, final int wrapUpSeconds, final String policy,
        final boolean lastAgentPriority, final boolean autoAnswer)
    {
        this(ringTimeoutSeconds, wrapUpSeconds, policy, lastAgentPriority, autoAnswer, true, true);
    }

    /** The configuration's values (what a tenant starts with before any change). */
    public static Settings of(final AcdSettingsConfig config)
    {
        return new Settings(config.ringTimeoutSeconds, config.wrapUpSeconds, config.policy, config.lastAgentPriority,
            false);
    }

    /**
     * These settings with the given members changed (any subset of them); refuses unknown members and values of
     * the wrong type or out of range with {@link AdminException.Reason#INVALID}.
     */
    public Settings with(final JsonNode changes)
    {
        if (changes == null || !changes.isObject())
        {
            throw AdminException.invalid("the settings must be a JSON object");
        }
        for (final Iterator<String> names = changes.fieldNames(); names.hasNext(); )
        {
            final String name = names.next();
            if (!FIELDS.contains(name))
            {
                throw AdminException.invalid("unknown setting \"" + name + "\"; the settings are " + FIELDS);
            }
        }
        final JsonNode policyNode = changes.get("policy");
        if (policyNode != null && !policyNode.isTextual())
        {
            throw AdminException.invalid("\"policy\" must be longest-idle or fewest-calls");
        }
        return new Settings(integer(changes, "ringTimeoutSeconds", ringTimeoutSeconds),
            integer(changes, "wrapUpSeconds", wrapUpSeconds), policyNode == null ? policy : policyNode.asText(),
            flag(changes, "lastAgentPriority", lastAgentPriority), flag(changes, "autoAnswer", autoAnswer),
            flag(changes, "ringTimeoutEnabled", ringTimeoutEnabled),
            flag(changes, "stateRecoveryEnabled", stateRecoveryEnabled));
    }

    private static boolean flag(final JsonNode changes, final String field, final boolean current)
    {
        final JsonNode value = changes.get(field);
        if (value != null && !value.isBoolean())
        {
            throw AdminException.invalid("\"" + field + "\" must be true or false");
        }
        return value == null ? current : value.asBoolean();
    }

    /** As the API and the journal show them. */
    public Map<String, Object> view()
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("ringTimeoutSeconds", ringTimeoutSeconds);
        view.put("wrapUpSeconds", wrapUpSeconds);
        view.put("policy", policy);
        view.put("lastAgentPriority", lastAgentPriority);
        view.put("autoAnswer", autoAnswer);
        view.put("ringTimeoutEnabled", ringTimeoutEnabled);
        view.put("stateRecoveryEnabled", stateRecoveryEnabled);
        return view;
    }

    /** As the ACD engine takes them. */
    public AcdSettings acd()
    {
        return new AcdSettings(AgentDirectory.policy(policy), lastAgentPriority, ringTimeoutSeconds * 1000L,
            wrapUpSeconds * 1000L).withSwitches(ringTimeoutEnabled, stateRecoveryEnabled);
    }

    private static int integer(final JsonNode changes, final String field, final int current)
    {
        final JsonNode value = changes.get(field);
        if (value == null)
        {
            return current;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber())
        {
            throw AdminException.invalid("\"" + field + "\" must be a whole number of seconds, 1 to 90");
        }
        return value.asInt();
    }

    private static void seconds(final String field, final int value)
    {
        if (value < 1 || value > 90)
        {
            throw AdminException.invalid("\"" + field + "\" must be 1 to 90 seconds, not " + value);
        }
    }
}
