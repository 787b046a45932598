package io.switchboard.chat.store;

import io.switchboard.chat.flow.ChatFlow;
import io.switchboard.chat.flow.ChatNode;
import io.switchboard.chat.flow.ChatFlowValidator;
import io.switchboard.ivr.flow.Problem;
import io.switchboard.ivr.store.FlowLifecycle;
import io.switchboard.ivr.store.FlowState;
import io.switchboard.ivr.store.FlowStoreException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The tenant's session flows, website channels and app channels ({@link AppChannel}; one name space for both
 * kinds). The flows live exactly as voice flows do ({@link FlowLifecycle}:
 * unpublished, published, in use while a channel runs them); a channel is bound to one published flow, and one flow
 * may serve many channels; binding takes effect at once. Not thread-safe: one owner changes it (the API's loop).
 */
public final class ChatFlowStore
{
    /** A domain as a browser's Origin names it: a host name or an IPv4 address (no scheme, no path). */
    private static final String DOMAIN = "[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}"
        + "[A-Za-z0-9])?)*";

    /** An app channel's name: it is part of its users' visitor ids ({@code app:<channel>:<user id>}). */
    private static final String APP_NAME = "[A-Za-z0-9_-]{1,64}";

    private final FlowLifecycle<ChatFlow> flows;
    private final Map<String, WebsiteChannel> channels = new LinkedHashMap<>();
    private final Map<String, AppChannel> apps = new LinkedHashMap<>();

    public ChatFlowStore(final Predicate<String> groupExists)
    {
        flows = new FlowLifecycle<>(ChatFlow::name, (flow, publishing) -> ChatFlowValidator.validate(flow,
            groupExists), this::channelsOf);
    }

    /** The flows' life: save, publish, unpublish, delete, with their check-only twins. */
    /** A skill group was renamed: every transfer node to {@code from}, published or not, now names {@code to}. */
    public void renameGroup(final String from, final String to)
    {
        flows.mapEach(flow -> new ChatFlow(flow.name(), flow.nodes().stream().map(node -> node
            instanceof ChatNode.Transfer t && from.equals(t.group()) ? new ChatNode.Transfer(t.id(), t.label(), to,
            t.queueMessage(), t.failureMessage(), t.successMessage(), t.next()) : node).toList()));
    }

    public FlowLifecycle<ChatFlow> flows()
    {
        return flows;
    }

    public List<Problem> validate(final ChatFlow flow)
    {
        return flows.validate(flow, true);
    }

    /** Adds or changes a channel, bound to a published flow or unbound (null); all or nothing. */
    public void channel(final WebsiteChannel channel)
    {
        checkChannel(channel);
        channels.put(channel.name(), channel);
    }

    /** Whether {@link #channel} would take it now; changes nothing ({@link FlowStoreException} if not). */
    public void checkChannel(final WebsiteChannel channel)
    {
        if (channel.name() == null || channel.name().isBlank() || channel.name().length() > 64)
        {
            throw new FlowStoreException(FlowStoreException.Reason.INVALID, "a channel needs a name of 1 to 64 "
                + "characters");
        }
        if (channel.domain() == null || channel.domain().length() > 253 || !channel.domain().matches(DOMAIN))
        {
            throw new FlowStoreException(FlowStoreException.Reason.INVALID, "a channel's domain is the site's host "
                + "name, such as www.example.com: " + channel.domain());
        }
        if (apps.containsKey(channel.name()))
        {
            throw new FlowStoreException(FlowStoreException.Reason.INVALID, "an app channel is named "
                + channel.name());
        }
        flows.requireBindable(channel.flow());
    }

    /** Adds or changes an app channel (its flow, its secret); all or nothing. */
    public void appChannel(final AppChannel channel)
    {
        checkAppChannel(channel);
        apps.put(channel.name(), channel);
    }

    /** Whether {@link #appChannel} would take it now; changes nothing ({@link FlowStoreException} if not). */
    public void checkAppChannel(final AppChannel channel)
    {
        if (channel.name() == null || !channel.name().matches(APP_NAME))
        {
            throw new FlowStoreException(FlowStoreException.Reason.INVALID, "an app channel's name has 1 to 64 of "
                + "A-Z a-z 0-9 _ -");
        }
        if (channels.containsKey(channel.name()))
        {
            throw new FlowStoreException(FlowStoreException.Reason.INVALID, "a website channel is named "
                + channel.name());
        }
        if (channel.secret() == null || channel.secret().length() < 32)
        {
            throw new FlowStoreException(FlowStoreException.Reason.INVALID, "an app channel needs its secret");
        }
        flows.requireBindable(channel.flow());
    }

    public AppChannel appChannelNamed(final String name)
    {
        return name == null ? null : apps.get(name);
    }

    public List<AppChannel> appChannels()
    {
        return List.copyOf(apps.values());
    }

    /** Deletes a website or an app channel. */
    public void deleteChannel(final String name)
    {
        if (channels.remove(name) == null && apps.remove(name) == null)
        {
            throw new FlowStoreException(FlowStoreException.Reason.UNKNOWN_CHANNEL, "no channel " + name);
        }
    }

    /** A website channel, or null (an app channel too: see {@link #appChannelNamed}). */
    public WebsiteChannel channelNamed(final String name)
    {
        return name == null ? null : channels.get(name);
    }

    public List<WebsiteChannel> channels()
    {
        return List.copyOf(channels.values());
    }

    /** The names of the channels that run the flow. */
    public List<String> channelsOf(final String flow)
    {
        final List<String> names = new ArrayList<>();
        channels.values().forEach(channel ->
        {
            if (flow.equals(channel.flow()))
            {
                names.add(channel.name());
            }
        });
        apps.values().forEach(channel ->
        {
            if (flow.equals(channel.flow()))
            {
                names.add(channel.name());
            }
        });
        return names;
    }

    /** The published flow a visitor of the channel runs, or null (no such channel, unbound). */
    public ChatFlow flowForChannel(final String name)
    {
        final WebsiteChannel channel = channels.get(name);
        final AppChannel app = channel == null ? apps.get(name) : null;
        final String flow = channel != null ? channel.flow() : app != null ? app.flow() : null;
        return flow == null ? null : flows.published(flow);
    }

    public FlowState state(final String flow)
    {
        return flows.state(flow);
    }
}
