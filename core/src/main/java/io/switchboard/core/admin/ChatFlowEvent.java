package io.switchboard.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.chat.flow.ChatFlow;
import io.switchboard.chat.store.AppChannel;
import io.switchboard.chat.store.ChatFlowStore;
import io.switchboard.chat.store.WebsiteChannel;
import io.switchboard.ivr.store.FlowStoreException;

/**
 * A change to the session flows or the website channels, as the journal keeps it: {@code chat.flow.saved} (the flow
 * as received), {@code chat.flow.deleted}, {@code chat.flow.published}, {@code chat.flow.unpublished}, {@code
 * chat.channel.saved} (the channel with its flow), {@code chat.app-channel.saved} (an app channel with its flow and
 * its secret: made by the server at creation and at each rotation, kept so that a replay checks the same tokens),
 * {@code chat.channel.deleted} (either kind). Committed through {@link
 * StoreChanges}, replayed at start by the same {@link #apply}.
 */
public sealed interface ChatFlowEvent extends StoreChange<ChatFlowStore>
{
    String SAVED = "chat.flow.saved";
    String DELETED = "chat.flow.deleted";
    String PUBLISHED = "chat.flow.published";
    String UNPUBLISHED = "chat.flow.unpublished";
    String CHANNEL_SAVED = "chat.channel.saved";
    String CHANNEL_DELETED = "chat.channel.deleted";
    String APP_CHANNEL_SAVED = "chat.app-channel.saved";

    /** Reads a journal entry of one of the types above. */
    static ChatFlowEvent read(final String type, final byte[] json)
    {
        return switch (type)
        {
            case SAVED -> AdminChanges.read(type, json, Saved.class);
            case DELETED -> AdminChanges.read(type, json, Deleted.class);
            case PUBLISHED -> AdminChanges.read(type, json, Published.class);
            case UNPUBLISHED -> AdminChanges.read(type, json, Unpublished.class);
            case CHANNEL_SAVED -> AdminChanges.read(type, json, ChannelSaved.class);
            case CHANNEL_DELETED -> AdminChanges.read(type, json, ChannelDeleted.class);
            case APP_CHANNEL_SAVED -> AdminChanges.read(type, json, AppChannelSaved.class);
            case GroupEvent.RENAMED -> AdminChanges.read(type, json, GroupRenamed.class);
            default -> throw new IllegalArgumentException("not a session-flow entry: " + type);
        };
    }

    /** A session flow created or replaced (unpublished), kept as the administrator sent it. */
    record Saved(String name, JsonNode flow) implements ChatFlowEvent
    {
        @Override
        public String type()
        {
            return SAVED;
        }

        private ChatFlow parsed()
        {
            return AdminChanges.value(type(), flow, ChatFlow.class);
        }

        @Override
        public void check(final ChatFlowStore store)
        {
            store.flows().checkSave(parsed());
        }

        @Override
        public void apply(final ChatFlowStore store)
        {
            store.flows().save(parsed());
        }
    }

    record Deleted(String name) implements ChatFlowEvent
    {
        @Override
        public String type()
        {
            return DELETED;
        }

        @Override
        public void check(final ChatFlowStore store)
        {
            store.flows().checkDelete(name);
        }

        @Override
        public void apply(final ChatFlowStore store)
        {
            store.flows().delete(name);
        }
    }

    record Published(String name) implements ChatFlowEvent
    {
        @Override
        public String type()
        {
            return PUBLISHED;
        }

        @Override
        public void check(final ChatFlowStore store)
        {
            store.flows().checkPublish(name);
        }

        @Override
        public void apply(final ChatFlowStore store)
        {
            store.flows().publish(name);
        }
    }

    record Unpublished(String name) implements ChatFlowEvent
    {
        @Override
        public String type()
        {
            return UNPUBLISHED;
        }

        @Override
        public void check(final ChatFlowStore store)
        {
            store.flows().checkUnpublish(name);
        }

        @Override
        public void apply(final ChatFlowStore store)
        {
            store.flows().unpublish(name);
        }
    }

    /** A website channel added or changed: its domain and the published flow it runs (null: unbound). */
    record ChannelSaved(String name, String domain, String flow) implements ChatFlowEvent
    {
        @Override
        public String type()
        {
            return CHANNEL_SAVED;
        }

        @Override
        public void check(final ChatFlowStore store)
        {
            store.checkChannel(new WebsiteChannel(name, domain, flow));
        }

        @Override
        public void apply(final ChatFlowStore store)
        {
            store.channel(new WebsiteChannel(name, domain, flow));
        }
    }

    record ChannelDeleted(String name) implements ChatFlowEvent
    {
        @Override
        public String type()
        {
            return CHANNEL_DELETED;
        }

        @Override
        public void check(final ChatFlowStore store)
        {
            if (store.channelNamed(name) == null && store.appChannelNamed(name) == null)
            {
                throw new FlowStoreException(FlowStoreException.Reason.UNKNOWN_CHANNEL, "no channel " + name);
            }
        }

        @Override
        public void apply(final ChatFlowStore store)
        {
            store.deleteChannel(name);
        }
    }

    /** An app channel added or changed: the published flow it runs (null: unbound) and its shared secret. */
    record AppChannelSaved(String name, String flow, String secret) implements ChatFlowEvent
    {
        @Override
        public String type()
        {
            return APP_CHANNEL_SAVED;
        }

        @Override
        public void check(final ChatFlowStore store)
        {
            store.checkAppChannel(new AppChannel(name, flow, secret));
        }

        @Override
        public void apply(final ChatFlowStore store)
        {
            store.appChannel(new AppChannel(name, flow, secret));
        }

        /** Never the secret: an event's text may be logged. */
        @Override
        public String toString()
        {
            return "AppChannelSaved[name=" + name + ", flow=" + flow + "]";
        }
    }

    /**
     * The skill group {@code name} was renamed {@code to} (the {@code group.renamed} entry itself, never journalled
     * as a flow change): the flows' transfer nodes follow, in order with the flow changes around it.
     */
    record GroupRenamed(String name, String to) implements ChatFlowEvent
    {
        @Override
        public String type()
        {
            return GroupEvent.RENAMED;
        }

        @Override
        public void check(final ChatFlowStore store)
        {
            // a rename of what flows refer to keeps them as valid as they were
        }

        @Override
        public void apply(final ChatFlowStore store)
        {
            store.renameGroup(name, to);
        }
    }
}
