package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.journal.ChronicleJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The journal's promise, with the real server in a process of its own: while calls end and agents change state
 * through the API, the server is killed with SIGKILL ({@code Process.destroyForcibly} on Linux) and started again on
 * the same data directory. Every call that had ended (its SIPp finished) has its service record, once; every state
 * change the API had answered 200 is in the journal, in order, once, and the agents are in the state they last
 * picked (or the one whose request was cut off by the kill, which was never acknowledged). Calls still under way at
 * the kill have no record.
 */
@Tag("system")
@Timeout(180)
class JournalCrashSystemTest
{
    private static final String ACD = ", \"acd\": { \"ringTimeoutSeconds\": 5, \"wrapUpSeconds\": 2, " + """
            "breakReasons": ["rest", "lunch"],
            "groups": [
              { "name": "support", "fallback": "hangup" },
              { "name": "nobody", "maxWaitSeconds": 1, "fallback": "hangup" },
              { "name": "hold", "fallback": "hangup" }
            ],
            "agents": [
              { "staffNo": "A1", "extension": "1001", "groups": ["support"] },
              { "staffNo": "A2", "extension": "1002", "groups": ["support"] },
              { "staffNo": "A3", "extension": "1003", "groups": ["support"] }
            ],
            "numbers": [ { "number": "4000", "group": "support" }, { "number": "4001", "group": "nobody" },
                         { "number": "4002", "group": "hold" } ]
          }
        """;
    private static final List<String> AGENTS = List.of("A1", "A2", "A3");
    /** The states cycled through by the API while the server runs: each body and the state the agent then has. */
    private static final List<String[]> CHANGES = List.of(new String[] {"{\"state\":\"idle\"}", "idle"},
        new String[] {"{\"state\":\"break\",\"reason\":\"lunch\"}", "break"},
        new String[] {"{\"state\":\"busy\"}", "busy"}, new String[] {"{\"state\":\"offline\"}", "offline"});
    private static final int ENDED_CALLS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The demo administrator's session on the server listening on each HTTP port. */
    private static final Map<Integer, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private final List<Process> servers = new ArrayList<>();
    private final List<Sipp> sipps = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception
    {
        for (final Sipp sipp : sipps)
        {
            sipp.kill();
        }
        for (final Process server : servers)
        {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldLoseNothingAcknowledgedWhenKilled() throws Exception
    {
        final Path dataDir = Files.createTempDirectory("switchboard-crash");
        final int sipPort = Sipp.freeUdpPort();
        final int httpPort = freeTcpPort();
        final Path config = dataDir.resolve("switchboard.conf");
        Files.writeString(config, TestServers.configJson(ACD, dataDir.resolve("data").toString(), sipPort, httpPort));

        final Process first = startServer(config, dataDir.resolve("server-1.log"), httpPort);
        for (final String extension : List.of("1001", "1002", "1003"))
        {
            // Registered phones keep the agents signed in (presence signs out agents without one).
            final Sipp register = Sipp.scenario("crash-register-" + extension, "register/register.xml")
                .registering(extension, 600).credentials(extension, "demo-" + extension).port(Sipp.freeUdpPort());
            assertEquals(0, register.run(sipPort), register::traces);
        }
        // Calls that stay up until after the kill (queued in a group nobody serves), and calls that end: each waits
        // a second in a group that then hangs up.
        final Sipp lasting = sipp(Sipp.scenario("crash-lasting", "acd/caller.xml").credentials("1013", "demo-1013")
            .service("4002").calls(3).arg("-r", "10", "-mp", Integer.toString(Sipp.freeMediaPort())));
        lasting.start(sipPort);
        final Sipp ending = sipp(Sipp.scenario("crash-ending", "acd/caller-dropped.xml")
            .credentials("1010", "demo-1010").service("4001").calls(ENDED_CALLS)
            .arg("-r", "10", "-l", "20", "-mp", Integer.toString(Sipp.freeMediaPort())));
        ending.start(sipPort);

        final StateChanges changes = new StateChanges(httpPort);
        final Thread changing = new Thread(changes, "state-changes");
        changing.start();
        assertEquals(0, ending.await(60), ending::traces);
        // The ended calls' SIPp is done; calls and state changes are still under way: kill it now.
        awaitAtLeast(changes, 20);
        first.destroyForcibly();
        assertTrue(first.waitFor(10, TimeUnit.SECONDS), "the server is gone");
        changes.stop();
        changing.join(TimeUnit.SECONDS.toMillis(10));
        lasting.kill();

        assertJournalHolds(dataDir.resolve("data/journal"), changes);

        startServer(config, dataDir.resolve("server-2.log"), httpPort);
        final JsonNode records = get(httpPort, "/api/records?limit=1000");
        final Set<Long> ids = new HashSet<>();
        int ended = 0;
        for (final JsonNode record : records.get("records"))
        {
            assertTrue(ids.add(record.get("id").asLong()), () -> "a record twice: " + record);
            assertTrue(!"1013".equals(record.get("caller").asText()), () -> "a call that never ended: " + record);
            if ("1010".equals(record.get("caller").asText()))
            {
                ended++;
                assertEquals("unanswered", record.get("ending").asText(), record::toString);
            }
        }
        assertEquals(ENDED_CALLS, ended, () -> "a record for each ended call: " + records);
        for (final String agent : AGENTS)
        {
            final String state = get(httpPort, "/api/agents/" + agent).get("state").asText();
            final Set<String> allowed = changes.possibleStates(agent);
            assertTrue(allowed.contains(state), () -> agent + " is " + state + " after the restart; acknowledged or "
                + "cut off: " + allowed);
        }
    }

    /**
     * Reads the journal the killed server left (another process may read a queue; nothing here writes) and checks
     * that each agent's acknowledged changes are all there, in order, each once, followed at most by the one in
     * flight at the kill.
     */
    private static void assertJournalHolds(final Path journalDir, final StateChanges changes) throws IOException
    {
        final Map<String, List<String>> journalled = new HashMap<>();
        try (ChronicleJournal journal = ChronicleJournal.open(journalDir))
        {
            journal.replay((type, json) ->
            {
                if ("agent.state".equals(type))
                {
                    try
                    {
                        final JsonNode entry = JSON.readTree(json);
                        journalled.computeIfAbsent(entry.get("staffNo").asText(), k -> new ArrayList<>())
                            .add(entry.get("state").asText());
                    }
                    catch (final IOException ex)
                    {
                        fail("unreadable entry: " + ex);
                    }
                }
            });
        }
        for (final String agent : AGENTS)
        {
            final List<String> acknowledged = changes.acknowledged(agent);
            final List<String> found = journalled.getOrDefault(agent, List.of());
            final String why = agent + ": acknowledged " + acknowledged + ", journalled " + found + ", cut off "
                + changes.cutOff(agent);
            assertTrue(found.size() == acknowledged.size() || found.size() == acknowledged.size() + 1
                && found.get(found.size() - 1).equals(changes.cutOff(agent)), why);
            assertEquals(acknowledged, found.subList(0, acknowledged.size()), why);
        }
    }

    /** Changes the agents' states round and round until stopped; remembers what was acknowledged and what not. */
    private static final class StateChanges implements Runnable
    {
        private final int httpPort;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<String, List<String>> acknowledged = new HashMap<>();
        private final Map<String, String> cutOff = new HashMap<>();
        private volatile int count;

        StateChanges(final int httpPort)
        {
            this.httpPort = httpPort;
            AGENTS.forEach(agent -> acknowledged.put(agent, new ArrayList<>()));
        }

        @Override
        public void run()
        {
            int step = 0;
            while (running.get())
            {
                final String agent = AGENTS.get(step % AGENTS.size());
                final String[] change = CHANGES.get(step / AGENTS.size() % CHANGES.size());
                step++;
                synchronized (this)
                {
                    cutOff.put(agent, change[1]);
                }
                try
                {
                    final HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + httpPort + "/api/agents/" + agent + "/state")).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TOKENS.get(httpPort))
                        .POST(HttpRequest.BodyPublishers.ofString(change[0])).build(),
                        HttpResponse.BodyHandlers.ofString());
                    synchronized (this)
                    {
                        cutOff.remove(agent);
                        if (reply.statusCode() == 200)
                        {
                            acknowledged.get(agent).add(change[1]);
                            count++;
                        }
                    }
                }
                catch (final IOException | InterruptedException killed)
                {
                    // The server died with this request unanswered: not acknowledged, maybe journalled.
                    return;
                }
            }
        }

        void stop()
        {
            running.set(false);
        }

        int count()
        {
            return count;
        }

        synchronized List<String> acknowledged(final String agent)
        {
            return List.copyOf(acknowledged.get(agent));
        }

        synchronized String cutOff(final String agent)
        {
            return cutOff.get(agent);
        }

        /** The last acknowledged state (offline if none), or the one cut off by the kill. */
        synchronized Set<String> possibleStates(final String agent)
        {
            final Set<String> states = new HashSet<>();
            final List<String> done = acknowledged.get(agent);
            states.add(done.isEmpty() ? "offline" : done.get(done.size() - 1));
            if (cutOff.get(agent) != null)
            {
                states.add(cutOff.get(agent));
            }
            return states;
        }
    }

    private static void awaitAtLeast(final StateChanges changes, final int count) throws Exception
    {
        Await.until(count + " state changes acknowledged", Duration.ofSeconds(30), changes::count, n -> n >= count);
    }

    private Sipp sipp(final Sipp sipp)
    {
        sipps.add(sipp);
        return sipp.port(freeUdp());
    }

    private static int freeUdp()
    {
        try
        {
            return Sipp.freeUdpPort();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** The server in a JVM of its own ({@link ServerProcess}), its administrator's session kept for the port. */
    private Process startServer(final Path config, final Path log, final int httpPort) throws Exception
    {
        final ServerProcess.Started started = ServerProcess.start(config, log, httpPort, servers);
        TOKENS.put(httpPort, started.token());
        return started.process();
    }

    private static JsonNode get(final int httpPort, final String path) throws IOException, InterruptedException
    {
        final HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + httpPort + path)).timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + TOKENS.get(httpPort))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply::body);
        return JSON.readTree(reply.body());
    }

    private static int freeTcpPort() throws IOException
    {
        return ServerProcess.freeTcpPort();
    }
}
