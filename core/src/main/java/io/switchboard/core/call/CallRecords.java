package io.switchboard.core.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One structured line per finished call, on the logger {@code io.switchboard.calls} (JSON; conf/logback.xml writes
 * them to {@code data/calls.jsonl}): who called whom, when it started, was answered and ended, how it ended, its legs,
 * the queue and agent, the keys pressed. The service records of the workbench issue will be journalled from the same
 * place.
 */
final class CallRecords
{
    private static final Logger RECORDS = LoggerFactory.getLogger("io.switchboard.calls");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CallRecords()
    {
    }

    static void ended(final Call call, final CallState previous, final int status, final String reason)
    {
        if (!RECORDS.isInfoEnabled())
        {
            return;
        }
        final long now = System.currentTimeMillis();
        final Map<String, Object> record = new LinkedHashMap<>();
        record.put("call", call.id());
        record.put("type", call.type);
        record.put("from", call.from());
        record.put("to", call.to());
        record.put("startedAt", call.startedAtMs);
        record.put("answeredAt", call.answeredAtMs == 0 ? null : call.answeredAtMs);
        record.put("endedAt", now);
        record.put("talkSeconds", call.answeredAtMs == 0 ? 0 : (now - call.answeredAtMs) / 1000.0);
        record.put("outcome", call.answeredAtMs != 0 ? "answered" : previous == CallState.ROUTING
            || previous == CallState.EARLY ? "unanswered" : "failed");
        // The final status the caller got: only meaningful for a call that was never answered (a BYE ends the rest).
        record.put("status", call.answeredAtMs == 0 ? status : null);
        record.put("reason", reason);
        final Map<String, Object> view = CallView.of(call);
        record.put("caller", view.get("caller"));
        record.put("callee", view.get("callee"));
        record.put("forks", call.forks().size());
        if (call.queueGroup >= 0)
        {
            record.put("queueGroup", call.queueGroup);
            record.put("agent", call.answered() != null ? call.answered().agentId : null);
        }
        record.put("transfers", call.transfers);
        record.put("digits", call.digits);
        if (call.selfService != null)
        {
            record.put("selfService", call.selfService);
        }
        try
        {
            RECORDS.info(JSON.writeValueAsString(record));
        }
        catch (final JsonProcessingException ex)
        {
            RECORDS.warn("call {}: record not written: {}", call.id(), ex.getMessage());
        }
    }
}
