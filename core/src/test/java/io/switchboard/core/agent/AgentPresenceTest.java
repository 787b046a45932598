package io.switchboard.core.agent;

import io.switchboard.acd.AcdEngine;
import io.switchboard.acd.AcdService;
import io.switchboard.acd.AcdSettings;
import io.switchboard.acd.AgentState;
import io.switchboard.acd.SelectionPolicy;
import io.switchboard.core.journal.Journal;
import io.switchboard.sip.registrar.LocationService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who stays signed in, on a manual clock: an agent with neither a registered phone nor an open workbench is signed
 * out at the second sweep that finds it so (journalled); an open workbench alone keeps an agent present (a chat
 * agent needs no phone); the grace period after a restart forgives an absent registration until it ends.
 */
class AgentPresenceTest
{
    private final Set<String> open = new HashSet<>();
    private final List<String> journalled = new CopyOnWriteArrayList<>();
    private long now = 1_000_000L;
    private AcdService acd;
    private AgentPresence presence;

    @BeforeEach
    void start() throws Exception
    {
        final AgentDirectory directory = new AgentDirectory(DirectoryFixture.supportWithTwoAgents());
        acd = new AcdService(new AcdSettings(SelectionPolicy.LONGEST_IDLE, true, 20_000, 10_000), AcdEngine::new,
            AcdService.Config.defaults(1)).start();
        acd.execute(engine -> directory.load(engine, System.nanoTime())).get(5, TimeUnit.SECONDS);
        for (int agent = 0; agent < 2; agent++)
        {
            acd.setAgentState(agent, AgentState.IDLE, 0).get(5, TimeUnit.SECONDS);
        }
        presence = new AgentPresence(acd, directory, new LocationService(), recordingJournal(), Runnable::run,
            open::contains, () -> now);
    }

    @AfterEach
    void stop()
    {
        acd.close();
    }

    @Test
    void anOpenWorkbenchKeepsAnAgentWithoutAPhoneSignedIn() throws Exception
    {
        open.add("A1");
        sweeps(2);
        assertEquals(AgentState.IDLE, state(0), "A1: workbench open");
        assertEquals(AgentState.OFFLINE, state(1), "A2: no phone, no workbench, two sweeps");
        assertEquals(1, journalled.size(), "the sign-out is journalled like the agent's own choice");

        open.remove("A1");
        sweeps(1);
        assertEquals(AgentState.IDLE, state(0), "one sweep without a workbench is not yet absence");
        sweeps(1);
        assertEquals(AgentState.OFFLINE, state(0));
    }

    @Test
    void aWorkbenchReopenedBetweenTwoSweepsKeepsTheAgent() throws Exception
    {
        sweeps(1);
        open.add("A1");
        sweeps(1);
        open.remove("A1");
        sweeps(1);
        assertEquals(AgentState.IDLE, state(0), "absence counts again from the reopening");
        assertEquals(AgentState.OFFLINE, state(1));
    }

    @Test
    void theGracePeriodAfterARestartForgivesAMissingRegistrationUntilItEnds() throws Exception
    {
        presence.restored(List.of(0, 1), now + 60_000);
        sweeps(3);
        assertEquals(AgentState.IDLE, state(0));
        now += 60_001;
        sweeps(2);
        assertEquals(AgentState.OFFLINE, state(0));
        assertEquals(AgentState.OFFLINE, state(1));
    }

    private void sweeps(final int count) throws Exception
    {
        for (int i = 0; i < count; i++)
        {
            presence.sweep().get(5, TimeUnit.SECONDS);
            acd.execute(engine -> { }).get(5, TimeUnit.SECONDS);
            now += 5_000;
        }
    }

    private AgentState state(final int agentId) throws Exception
    {
        return acd.agents().get(5, TimeUnit.SECONDS).stream().filter(a -> a.agentId() == agentId).findFirst()
            .orElseThrow().state();
    }

    private Journal recordingJournal()
    {
        return new Journal()
        {
            @Override
            public CompletableFuture<Long> append(final String type, final byte[] json)
            {
                journalled.add(type);
                return CompletableFuture.completedFuture((long)journalled.size());
            }

            @Override
            public void replay(final java.util.function.BiConsumer<String, byte[]> handler)
            {
            }

            @Override
            public void close()
            {
            }
        };
    }
}
