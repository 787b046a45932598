package io.switchboard.core;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.admin.FlowAdmin;
import io.switchboard.core.config.IvrSettings;
import io.switchboard.core.flows.AudioStore;
import io.switchboard.core.flows.FlowLoader;
import io.switchboard.core.flows.SpeechSynthesizer;
import io.switchboard.core.publish.Published;
import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.store.FlowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The tenant's voice flows as the server runs them: the audio library, speech rendered off the loops, the flows
 * loaded from the configuration and then changed by the journal's flow and number entries, and what each number
 * runs, published whole to the workers whenever a binding changes.
 */
final class VoiceFlows implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(VoiceFlows.class);

    /** Blocking work kept off the event loops: speech rendering, audio decoding and files. */
    private final ExecutorService speechThread = Executors.newSingleThreadExecutor(
        new DefaultThreadFactory("speech-and-audio", true));
    /** The journal's flow and number entries, read by the replay and applied once the flows are loaded. */
    private final List<FlowAdmin.Entry> journalled = new ArrayList<>();
    /** What each number runs, as workers read it: replaced whole (never changed in place) when bindings change. */
    private final Published<Map<String, Flow>> numberFlows = new Published<>(Map.of());
    private SpeechSynthesizer speech;
    private AudioStore audio;
    private FlowStore flows;

    /** Where the journal's replay puts the flow and number entries it reads. */
    List<FlowAdmin.Entry> journalled()
    {
        return journalled;
    }

    /** Loads the audio library and the flows, applies the journal's entries, binds the numbers. */
    void start(final IvrSettings settings, final AgentDirectory agents) throws IOException
    {
        audio = new AudioStore(Path.of(settings.audioDir));
        speech = new SpeechSynthesizer(Path.of(settings.speechCacheDir), speechThread);
        flows = FlowLoader.load(settings, FlowLoader.catalog(agents, audio, speech));
        final int skipped = FlowAdmin.replay(flows, journalled);
        LOG.info("journal: {} flow and number entries replayed, {} skipped", journalled.size() - skipped, skipped);
        journalled.clear();
        publishNumbers();
    }

    /** Hands the workers what each number runs now: a new immutable map. */
    void publishNumbers()
    {
        final Map<String, Flow> bound = new HashMap<>();
        for (final FlowStore.PhoneNumber number : flows.numbers())
        {
            final Flow flow = flows.flowForNumber(number.number());
            if (flow != null)
            {
                bound.put(number.number(), flow);
            }
        }
        numberFlows.publish(Map.copyOf(bound));
    }

    /** The flow a number runs, or null; any thread. */
    Flow flowFor(final String number)
    {
        return numberFlows.get().get(number);
    }

    FlowStore flows()
    {
        return flows;
    }

    AudioStore audio()
    {
        return audio;
    }

    SpeechSynthesizer speech()
    {
        return speech;
    }

    ExecutorService speechThread()
    {
        return speechThread;
    }

    @Override
    public void close()
    {
        speechThread.shutdownNow();
    }
}
