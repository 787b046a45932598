package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.call.CallStats;
import io.switchboard.core.records.ServiceRecord;
import io.switchboard.core.records.ServiceRecordStore;
import io.switchboard.core.signalling.SipWorker;
import io.switchboard.core.trace.TraceEntry;
import io.switchboard.core.trace.TracePcap;
import io.switchboard.core.trace.TraceText;

import java.util.List;
import java.util.function.Function;

/**
 * A call's SIP trace from its record: {@code GET /api/records/{recordId}/trace} (text, one header line per message
 * as sngrep writes it) and {@code GET /api/records/{recordId}/trace.pcap} (a pcap file). Read as the record is: an
 * agent its own calls' only (404 alike for unknown and not yours), supervisors and administrators every call's. The
 * messages are in the ring of the worker that owned the call, which copies them out on its own loop (through its
 * {@code CallProxy}); once they are overwritten or forgotten the answer is 404 {@code trace_expired}.
 */
public final class TraceEndpoints
{
    private final ServiceRecordStore store;
    private final SipWorker[] workers;

    public TraceEndpoints(final ServiceRecordStore store, final SipWorker[] workers)
    {
        this.store = store;
        this.workers = workers;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/records/{recordId}/trace", Access.SIGNED_IN, request ->
            download(request, entries -> new ApiResponse.Raw(TraceText.write(entries), "text/plain; charset=utf-8"),
                "inline", ".txt"));
        router.get("/api/records/{recordId}/trace.pcap", Access.SIGNED_IN, request ->
            download(request, entries -> new ApiResponse.Raw(TracePcap.write(entries),
                "application/vnd.tcpdump.pcap"), "attachment", ".pcap"));
    }

    private ApiResponse download(final ApiRequest request, final Function<List<TraceEntry>, ApiResponse.Raw> format,
        final String disposition, final String extension)
    {
        final String recordId = request.pathParam("recordId");
        final ServiceRecord record = RecordEndpoints.callRecord(store, request.account(), recordId,
            "a call's trace is read by the call's id");
        final long id = record.id();
        final SipWorker owner = workers[CallStats.ownerOf(id, workers.length)];
        return ApiResponse.later(CallEndpoints.onWorker(owner, calls -> calls.trace(id)).thenApply(entries ->
        {
            if (entries == null || entries.isEmpty())
            {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "trace_expired", "the SIP trace of call " + id
                    + " is no longer kept (each worker keeps its newest messages, sip.traceBytes)");
            }
            return ApiResponse.ok(format.apply(entries)).withHeader("Content-Disposition",
                disposition + "; filename=\"call-" + id + "-trace" + extension + "\"");
        }));
    }
}
