package io.switchboard.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chat.flow.ChatFlow;
import io.switchboard.chat.store.ChatFlowStore;
import io.switchboard.chat.store.WebsiteChannel;
import io.switchboard.core.admin.ChatFlowEvent;
import io.switchboard.core.admin.StoreChanges;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.config.ChatSettings;
import io.switchboard.ivr.store.FlowStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tenant's session flows and website channels as the server runs them: the flow files of {@code
 * tenant.chat.flowsDir} saved and published at start, the configured channels bound, then the journal's changes
 * applied in order. The store belongs to the API's loop from then on.
 */
final class SessionFlows
{
    private static final Logger LOG = LoggerFactory.getLogger(SessionFlows.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The journal's session-flow and channel entries, read by the replay and applied once the groups are known. */
    private final List<StoreChanges.Entry> journalled = new ArrayList<>();
    private ChatFlowStore store;

    List<StoreChanges.Entry> journalled()
    {
        return journalled;
    }

    /** Loads the configured flows and channels, then applies the journal's entries. */
    void start(final ChatSettings settings, final AgentDirectory agents) throws IOException
    {
        store = new ChatFlowStore(agents::groupNamed);
        load(Path.of(settings.flowsDir));
        for (final ChatSettings.Channel channel : settings.channels)
        {
            try
            {
                store.channel(new WebsiteChannel(channel.name, channel.domain, channel.flow));
            }
            catch (final FlowStoreException ex)
            {
                LOG.error("chat channel {} is not bound: {}", channel.name, ex.getMessage());
            }
        }
        final int skipped = StoreChanges.replay(store, journalled, ChatFlowEvent::read);
        LOG.info("journal: {} session-flow and channel entries replayed, {} skipped", journalled.size() - skipped,
            skipped);
        journalled.clear();
    }

    private void load(final Path dir) throws IOException
    {
        if (!Files.isDirectory(dir))
        {
            return;
        }
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : (Iterable<Path>)files.filter(f -> f.toString().endsWith(".json")).sorted()
                ::iterator)
            {
                final ChatFlow flow = JSON.readValue(file.toFile(), ChatFlow.class);
                try
                {
                    store.flows().save(flow);
                    store.flows().publish(flow.name());
                }
                catch (final FlowStoreException ex)
                {
                    // A flow that does not validate (a group renamed in the journal) must not keep the server down.
                    LOG.error("session flow {} is not published: {} {}", file, ex.getMessage(), ex.problems());
                }
            }
        }
    }

    ChatFlowStore store()
    {
        return store;
    }
}
