package io.switchboard.core.records;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceRecordStoreTest
{
    private static ServiceRecord record(final long id, final long startedAt, final String type, final String group,
        final String agent)
    {
        return new ServiceRecord(id, startedAt, startedAt + 1000, type, "1001", "1002", "1002", List.of("1"), group,
            agent, agent != null, 1.5, 2.0, 0, agent != null ? 10 : 0, "caller-hung-up", List.of());
    }

    private static List<Long> ids(final ServiceRecordStore.Page page)
    {
        return page.records().stream().map(ServiceRecord::id).toList();
    }

    @Test
    void shouldFindNewestFirstWithinTheRangeWhateverOrderTheyArrivedIn()
    {
        final ServiceRecordStore store = new ServiceRecordStore();
        // Calls end in another order than they start.
        store.add(record(2, 200, "inbound", "sales", "A1"));
        store.add(record(1, 100, "inbound", "sales", null));
        store.add(record(4, 400, "outbound", null, "A2"));
        store.add(record(3, 300, "internal", "support", "A1"));
        store.add(record(5, 400, "inbound", "support", "A2"));
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), ids(store.find(ServiceRecordStore.Query.all())));
        final ServiceRecordStore.Page range = store.find(new ServiceRecordStore.Query(200, 400, null, null, null, 0,
            10));
        assertEquals(2, range.total());
        assertEquals(List.of(3L, 2L), ids(range));
    }

    @Test
    void shouldFilterByGroupAgentAndTypeAndCountAllMatchesWhilePaging()
    {
        final ServiceRecordStore store = new ServiceRecordStore();
        for (int i = 0; i < 100; i++)
        {
            store.add(record(i, 1000 + i, i % 2 == 0 ? "inbound" : "outbound", i % 3 == 0 ? "sales" : null,
                i % 5 == 0 ? "A" + (i % 10) : null));
        }
        final ServiceRecordStore.Page sales = store.find(new ServiceRecordStore.Query(Long.MIN_VALUE, Long.MAX_VALUE,
            "sales", null, "inbound", 2, 3));
        // Inbound in sales: multiples of 6, 0..96 = 17 of them; newest first, skipping two.
        assertEquals(17, sales.total());
        assertEquals(List.of(84L, 78L, 72L), ids(sales));
        final ServiceRecordStore.Page agent = store.find(new ServiceRecordStore.Query(Long.MIN_VALUE, Long.MAX_VALUE,
            null, "A5", null, 0, 100));
        assertEquals(10, agent.total());
        assertEquals(95L, ids(agent).get(0));
        final ServiceRecordStore.Page past = store.find(new ServiceRecordStore.Query(Long.MIN_VALUE, Long.MAX_VALUE,
            null, null, null, 200, 10));
        assertEquals(100, past.total());
        assertEquals(List.of(), past.records());
    }

    @Test
    void shouldWriteRfc4180CsvQuotingWhatMustBeAndDefusingFormulas()
    {
        final ServiceRecord plain = new ServiceRecord(7, 0, 61_500, "inbound", "+4930123", "Smith, \"Bob\"",
            "800", List.of("1", "2"), "sales", "A1", true, 3.25, 58.25, 0, 10, "caller-hung-up",
            List.of("group:support", "1005"));
        final ServiceRecord odd = new ServiceRecord(8, 1000, 2000, "internal", "=HYPERLINK(\"x\")", "line\r\nbreak",
            "1002", List.of(), null, null, false, 1, 0, 0, 0, "unanswered", List.of());
        final String csv = ServiceRecordCsv.write(List.of(plain, odd));
        assertEquals(ServiceRecordCsv.HEADER + "\r\n"
            + "7,1970-01-01T00:00:00Z,1970-01-01T00:01:01.500Z,inbound,+4930123,\"Smith, \"\"Bob\"\"\",800,1 2,"
            + "sales,A1,"
            + "true,3.25,58.25,0.0,10.0,caller-hung-up,group:support 1005,A1,,,,,,,,,,,,,\r\n"
            + "8,1970-01-01T00:00:01Z,1970-01-01T00:00:02Z,internal,\"'=HYPERLINK(\"\"x\"\")\",\"line\r\nbreak\","
            + "1002,,,,false,1.0,0.0,0.0,0.0,unanswered,,,,,,,,,,,,,,,\r\n", csv);
        final ServiceRecord two = new ServiceRecord(9, 0, 1000, "inbound", "1010", "1002", "4000", List.of(), null,
            "A2", true, 0, 1, 0.5, 10, "caller-hung-up", List.of("1002"), List.of("A1", "A2"));
        assertTrue(ServiceRecordCsv.write(List.of(two)).endsWith(",caller-hung-up,1002,A1;A2,,,,,,,,,,,,,\r\n"));
    }

    @Test
    void shouldReadBackWhatItWroteAsJson()
    {
        final ServiceRecord record = record(9, 123, "inbound", "sales", "A1");
        assertEquals(record, ServiceRecord.fromJson(record.toJson()));
        final ServiceRecord two = new ServiceRecord(10, 0, 1000, "inbound", "1010", "1002", "4000", List.of(), null,
            "A2", true, 0, 1, 0.5, 10, "caller-hung-up", List.of("1002"), List.of("A1", "A2"));
        assertEquals(two, ServiceRecord.fromJson(two.toJson()));
    }

    @Test
    void shouldReadARecordJournalledBeforeAgentsAsItsAgentAloneAndFindItForAnyOfItsAgents()
    {
        final String old = "{\"id\":3,\"startedAt\":5,\"endedAt\":9,\"type\":\"inbound\",\"agent\":\"A1\","
            + "\"answered\":true,\"holdSeconds\":0.0,\"transfers\":[]}";
        final ServiceRecord replayed = ServiceRecord.fromJson(old.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of("A1"), replayed.agents());
        assertEquals(List.of(), ServiceRecord.fromJson("{\"id\":4}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .agents());
        final ServiceRecordStore store = new ServiceRecordStore();
        store.add(replayed);
        store.add(new ServiceRecord(10, 6, 1000, "inbound", "1010", "1002", "4000", List.of(), null,
            "A2", true, 0, 1, 0.5, 10, "caller-hung-up", List.of("1002"), List.of("A1", "A2")));
        assertEquals(2, store.find(new ServiceRecordStore.Query(Long.MIN_VALUE, Long.MAX_VALUE, null, "A1", null, 0,
            10)).total());
        assertEquals(1, store.find(new ServiceRecordStore.Query(Long.MIN_VALUE, Long.MAX_VALUE, null, "A2", null, 0,
            10)).total());
    }
}
