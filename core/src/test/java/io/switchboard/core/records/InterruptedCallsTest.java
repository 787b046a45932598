package io.switchboard.core.records;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterruptedCallsTest
{
    private final ServiceRecordStore store = new ServiceRecordStore();
    private final InterruptedCalls calls = new InterruptedCalls(store);
    private final List<ServiceRecord> made = new ArrayList<>();

    private void entry(final String type, final String json) throws Exception
    {
        calls.replayed(type, json.getBytes(StandardCharsets.UTF_8));
    }

    private void started(final long id, final long at, final String from, final String to) throws Exception
    {
        entry(InterruptedCalls.STARTED, "{\"id\":" + id + ",\"at\":" + at + ",\"type\":\"inbound\",\"from\":\""
            + from + "\",\"to\":\"" + to + "\"}");
    }

    private static ServiceRecord ended(final long id, final long endedAt)
    {
        return new ServiceRecord(id, endedAt - 1000, endedAt, "inbound", "1010", "4000", "4000", List.of(), null,
            null, false, 1, 0, 0, 0, "caller-hung-up", List.of());
    }

    private InterruptedCalls.Finished finish()
    {
        return calls.finish(record ->
        {
            made.add(record);
            return CompletableFuture.completedFuture(null);
        });
    }

    @Test
    void shouldRecordOnlyTheCallsWithoutARecordEndingAtTheLastTimeKnown() throws Exception
    {
        store.add(ended(1, 1_000));
        started(1, 500, "1010", "4000");
        started(2, 2000, "1011", "4000");
        started(3, 3000, "1012", "4000");
        entry(InterruptedCalls.QUEUED, "{\"id\":3,\"at\":3001,\"group\":\"support\"}");
        started(4, 3500, "1013", "4002");
        entry(InterruptedCalls.QUEUED, "{\"id\":4,\"at\":3501,\"group\":\"hold\"}");
        entry(InterruptedCalls.CONNECTED,
            "{\"id\":3,\"at\":4000,\"agent\":\"A1\",\"party\":\"1001\",\"group\":\"support\",\"type\":\"inbound\"}");
        calls.recordReplayed(ended(2, 5_000));
        entry(InterruptedCalls.ALIVE, "{\"at\":9000}");

        final InterruptedCalls.Finished finished = finish();
        assertEquals(4, finished.highestId());
        assertTrue(finished.stored().isDone());
        assertEquals(2, made.size(), made::toString);
        final ServiceRecord talking = made.stream().filter(r -> r.id() == 3).findFirst().orElseThrow();
        assertEquals(InterruptedCalls.ENDING, talking.ending());
        assertEquals(3000, talking.startedAt());
        assertEquals(9000, talking.endedAt());
        assertEquals("support", talking.group());
        assertEquals("A1", talking.agent());
        assertEquals(List.of("A1"), talking.agents());
        assertEquals("1001", talking.callee());
        assertTrue(talking.answered());
        assertEquals(1.0, talking.ringSeconds());
        assertEquals(5.0, talking.talkSeconds());
        final ServiceRecord queued = made.stream().filter(r -> r.id() == 4).findFirst().orElseThrow();
        assertEquals("hold", queued.group());
        assertFalse(queued.answered());
        assertEquals(null, queued.agent());
        assertEquals(5.5, queued.ringSeconds());
        assertEquals(0.0, queued.talkSeconds());
        assertEquals("4002", queued.callee());

        made.clear();
        assertEquals(4, finish().highestId(), "a second finish has no call left to record");
        assertTrue(made.isEmpty());
    }

    @Test
    void shouldEndACallNoEarlierThanItsOwnLastEntry() throws Exception
    {
        entry(InterruptedCalls.STARTED, "{\"id\":7,\"at\":100,\"type\":\"outbound\",\"from\":\"1001\",\"to\":\"555\","
            + "\"agent\":\"A2\"}");
        finish();
        assertEquals(1, made.size());
        assertEquals(100, made.get(0).endedAt());
        assertEquals("A2", made.get(0).agent());
        assertEquals("outbound", made.get(0).type());
    }

    @Test
    void shouldReadTheLeadingIdWithoutParsingAndFallBackToParsing() throws Exception
    {
        assertEquals(123, InterruptedCalls.idOf("{\"id\":123,\"at\":1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(9, InterruptedCalls.idOf("{\"id\":9}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(42, InterruptedCalls.idOf("{ \"at\":1, \"id\":42 }".getBytes(StandardCharsets.UTF_8)));
        assertEquals(5, InterruptedCalls.idOf("{\"id\":5.0}".getBytes(StandardCharsets.UTF_8)));
    }
}
