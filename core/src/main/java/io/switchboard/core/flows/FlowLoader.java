package io.switchboard.core.flows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.config.IvrSettings;
import io.switchboard.ivr.flow.Catalog;
import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.store.FlowStore;
import io.switchboard.ivr.store.FlowStoreException;
import io.switchboard.ivr.store.NumberDirection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** Loads the configured flows into a {@link FlowStore}, publishes them and binds the configured numbers. */
public final class FlowLoader
{
    private static final Logger LOG = LoggerFactory.getLogger(FlowLoader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private FlowLoader()
    {
    }

    /** What flows may name: the ACD's groups, the audio library, espeak-ng. */
    public static Catalog catalog(final AgentDirectory groups, final AudioLibrary audio, final SpeechSynthesizer speech)
    {
        return new Catalog()
        {
            @Override
            public boolean groupExists(final String name)
            {
                return groups.groupNamed(name);
            }

            @Override
            public boolean audioExists(final String id)
            {
                return audio.exists(id);
            }

            @Override
            public boolean audioApproved(final String id)
            {
                return audio.approved(id);
            }

            @Override
            public boolean speechAvailable(final String voice)
            {
                return speech.available();
            }
        };
    }

    /**
     * Reads every {@code *.json} of the flows directory, saves and publishes it, and binds the numbers; a flow that
     * that does not validate is logged and left
     * unpublished, with its numbers unbound.
     */
    public static FlowStore load(final IvrSettings settings, final Catalog catalog) throws IOException
    {
        final FlowStore store = new FlowStore(catalog);
        final Path dir = Path.of(settings.flowsDir);
        if (Files.isDirectory(dir))
        {
            try (Stream<Path> files = Files.list(dir))
            {
                for (final Path file : (Iterable<Path>)files.filter(f -> f.toString().endsWith(".json")).sorted()
                    ::iterator)
                {
                    final Flow flow = JSON.readValue(file.toFile(), Flow.class);
                    try
                    {
                        store.save(flow);
                        store.publish(flow.name());
                    }
                    catch (final FlowStoreException ex)
                    {
                        // A flow that cannot be published (espeak-ng missing, audio gone) must not keep the whole
                        // server down: it stays out, loudly, and so do its numbers.
                        LOG.error("flow {} is not published: {} {}", file, ex.getMessage(), ex.problems());
                    }
                }
            }
        }
        for (final IvrSettings.NumberBinding n : settings.numbers)
        {
            store.number(n.number, NumberDirection.valueOf(n.direction.toUpperCase(Locale.ROOT)));
            try
            {
                store.bind(n.number, n.flow);
            }
            catch (final FlowStoreException ex)
            {
                LOG.error("number {} is not bound: {}", n.number, ex.getMessage());
            }
        }
        return store;
    }
}
