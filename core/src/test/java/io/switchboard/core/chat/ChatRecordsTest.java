package io.switchboard.core.chat;

import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.Sender;
import io.switchboard.chat.session.SessionListener;
import io.switchboard.chat.session.SessionState;
import io.switchboard.core.journal.JournalSnapshot;
import io.switchboard.core.records.ChatDetails;
import io.switchboard.core.records.Satisfaction;
import io.switchboard.core.records.ServiceRecord;
import io.switchboard.core.records.ServiceRecordCsv;
import io.switchboard.core.records.ServiceRecordStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chat session's service record from the session alone, on given times: when it is due, its times and outcome;
 * and the record in the store (type filters, ids of its own), the JSON, the snapshot and the CSV.
 */
class ChatRecordsTest
{
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aServedSessionsRecordHasItsTimesAndTranscriptWhenItEndsIntoWrapUp()
    {
        final ChatSession session = served(7);
        assertFalse(ChatRecords.ended(session), "serving is not ended");
        session.append(T0 + 12_500, Sender.AGENT, "A1", "您好");
        session.append(T0 + 14_000, Sender.VISITOR, null, "hi");
        session.transition(SessionState.WRAP_UP, "ended-by-agent", T0 + 60_000);
        assertTrue(ChatRecords.ended(session));

        final ServiceRecord record = ChatRecords.of(session);
        assertEquals("chat-7", record.recordId());
        assertEquals(ServiceRecord.CHAT, record.type());
        assertEquals(List.of("A1"), record.agents());
        assertEquals("support", record.group());
        assertTrue(record.answered());
        assertEquals(10.0, record.ringSeconds(), "start to served");
        assertEquals(50.0, record.talkSeconds(), "served to end");
        final ChatDetails chat = record.chat();
        assertEquals(7.0, chat.waitingSeconds(), "queued at 3 s, served at 10 s");
        assertEquals(2.5, chat.firstResponseSeconds());
        assertEquals(60.0, chat.durationSeconds());
        assertEquals("served", chat.outcome());
        assertEquals(2, chat.messages());
        assertEquals(new ChatDetails.Line(1, T0 + 12_500, "agent", "A1", "您好"), chat.transcript().get(0));

        session.transition(SessionState.FINISHED, "finished", T0 + 70_000);
        assertFalse(ChatRecords.ended(session), "the finish after wrap-up is no second end");
    }

    @Test
    void outcomesOfSessionsNeverServedOrEndedBySilence()
    {
        final ChatSession silent = served(1);
        silent.transition(SessionState.WRAP_UP, "timed-out", T0 + 20_000);
        assertEquals("timeout", ChatRecords.of(silent).chat().outcome());
        assertNull(ChatRecords.of(silent).chat().firstResponseSeconds(), "the agent wrote nothing");

        final ChatSession nobody = queued(2);
        nobody.transition(SessionState.FINISHED, "no-agent", T0 + 5_000);
        assertTrue(ChatRecords.ended(nobody));
        final ServiceRecord none = ChatRecords.of(nobody);
        assertEquals("no-agent", none.chat().outcome());
        assertEquals(2.0, none.chat().waitingSeconds(), "queued to the end");
        assertFalse(none.answered());
        assertNull(none.agent());
        assertEquals(List.of(), none.agents());

        final ChatSession left = queued(3);
        left.transition(SessionState.OFFERED, "offered", T0 + 4_000);
        left.agent("A2");
        left.transition(SessionState.FINISHED, "closed", T0 + 6_000);
        assertEquals("abandoned", ChatRecords.of(left).chat().outcome());
        assertNull(ChatRecords.of(left).agent(), "offered is not served");

        final ChatSession flow = session(4);
        flow.transition(SessionState.FINISHED, "ended", T0 + 1_000);
        assertEquals("flow-ended", ChatRecords.of(flow).chat().outcome());
        assertNull(ChatRecords.of(flow).chat().waitingSeconds(), "never queued");
    }

    @Test
    void theStoreFiltersByTypeAndKeepsChatIdsApartFromCalls() throws IOException
    {
        final ServiceRecordStore store = new ServiceRecordStore();
        store.add(call(5, T0));
        final ChatSession session = served(9);
        session.transition(SessionState.WRAP_UP, "visitor-left", T0 + 30_000);
        final ServiceRecord chat = ChatRecords.of(session);
        store.add(chat);
        store.add(chat);
        assertEquals(2, store.size(), "a chat's record replayed twice is kept once");
        assertEquals(5, store.highestId(), "the call id counter ignores chats");
        assertEquals(1, store.find(query("chat")).total());
        assertEquals(1, store.find(query("call")).total());
        assertEquals(1, store.find(query("inbound")).total());
        assertEquals(chat, store.chat(9));
        assertNull(store.chat(5), "a call's id is no chat's");

        final ServiceRecord back = ServiceRecord.fromJson(chat.toJson());
        assertEquals(chat, back);
        assertFalse(new String(call(5, T0).toJson()).contains("chat"), "a call's JSON has no chat fields");
        assertNull(chat.summary().chat().transcript());
        assertSame(call(5, T0).summary().chat(), null);

        JournalSnapshot.write(dir, 42, store.copy());
        assertEquals(store.copy(), JournalSnapshot.loadNewest(dir).orElseThrow().records());

        final String[] csv = ServiceRecordCsv.write(List.of(chat, call(5, T0))).split("\r\n");
        assertTrue(csv[1].startsWith("9,") && csv[1].contains(",chat,visitor-9,A1,shop,,support,A1,true,")
            && csv[1].endsWith(",chat-9,shop,Li,https://shop/a,served,7.0,,30.0,0,,,,"), csv[1]);
        assertTrue(csv[2].endsWith(",,,,,,,,,,,,,"), csv[2]);
    }

    @Test
    void aSurveyAnswerReachesItsRecordBeforeOrAfterItAndTwiceChangesNothing() throws IOException
    {
        final ServiceRecordStore store = new ServiceRecordStore();
        store.add(call(5, T0));
        final Satisfaction early = new Satisfaction(1, 5, "非常满意", true, "谢谢", T0 + 10_000);
        store.satisfied(9, early);
        final ChatSession first = served(9);
        first.transition(SessionState.WRAP_UP, "visitor-left", T0 + 30_000);
        store.add(ChatRecords.of(first));
        assertEquals(early, store.chat(9).satisfaction(), "an answer that came before its record");

        final ChatSession second = served(10);
        second.transition(SessionState.WRAP_UP, "visitor-left", T0 + 40_000);
        store.add(ChatRecords.of(second));
        final Satisfaction late = new Satisfaction(2, 2, "Bad", null, null, T0 + 50_000);
        store.satisfied(10, late);
        store.satisfied(10, late);
        assertEquals(late, store.chat(10).satisfaction(), "an answer after its record");
        assertEquals(3, store.size(), "replaced in place, each once");
        assertTrue(store.find(query("chat")).records().contains(store.chat(10)), "the list shows the answer");

        JournalSnapshot.write(dir, 43, store.copy());
        assertEquals(store.copy(), JournalSnapshot.loadNewest(dir).orElseThrow().records(), "kept in a snapshot");
        assertEquals(late, ServiceRecord.fromJson(store.chat(10).toJson()).satisfaction(), "and in the JSON");
        final String[] csv = ServiceRecordCsv.write(List.of(store.chat(9), store.chat(10))).split("\r\n");
        assertTrue(csv[1].endsWith(",1,非常满意,true,谢谢"), csv[1]);
        assertTrue(csv[2].endsWith(",2,Bad,,"), csv[2]);
    }

    private static ChatSession session(final long id)
    {
        final ChatSession session = new ChatSession(id, "shop", "visitor-" + id, T0, 100, SessionListener.NONE);
        session.visitor("Li", "https://shop/a");
        return session;
    }

    private static ChatSession queued(final long id)
    {
        final ChatSession session = session(id);
        session.group("support");
        session.transition(SessionState.QUEUED, "transfer", T0 + 3_000);
        return session;
    }

    private static ChatSession served(final long id)
    {
        final ChatSession session = queued(id);
        session.agent("A1");
        session.transition(SessionState.SERVING, "auto-accept", T0 + 10_000);
        return session;
    }

    private static ServiceRecord call(final long id, final long at)
    {
        return new ServiceRecord(id, at, at + 1000, "inbound", "1001", "1002", "2000", List.of(), "support", "A1",
            true, 1, 2, 0, 0, "caller-hung-up", List.of());
    }

    private static ServiceRecordStore.Query query(final String type)
    {
        return new ServiceRecordStore.Query(Long.MIN_VALUE, Long.MAX_VALUE, null, null, type, 0, 100);
    }
}
