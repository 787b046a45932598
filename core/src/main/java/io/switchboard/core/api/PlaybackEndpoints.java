package io.switchboard.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.audit.AuditLog;
import io.switchboard.core.auth.Account;
import io.switchboard.core.records.ServiceRecord;
import io.switchboard.core.records.ServiceRecordStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

/**
 * A call's recording from its record: {@code GET /api/records/{recordId}/recording} (the stereo WAV; a {@code Range}
 * request is answered 206 with {@code Content-Range}, so that the page's {@code <audio>} seeks; {@code ?download=1}
 * as an attachment), {@code GET /api/records/{recordId}/recording/marks} (the marks the recorder kept beside it:
 * hold, transfer, gap; none when it kept none), and {@code GET /api/audit} (the audit log, administrators). Read as
 * the record is: an agent its own calls' only (404 alike for unknown and not yours), supervisors and administrators
 * every call's. The record is read on the API's loop (its store's owner); the file on the audit log's thread, which
 * writes the access's entry there first: no byte of a recording is served that the log does not hold.
 */
public final class PlaybackEndpoints
{
    /** The largest whole file served in one answer; a longer recording is played through ranges. */
    static final long WHOLE_LIMIT = 512L << 20;
    private static final Set<String> RECORDING_PARAMETERS = Set.of("download");
    private static final Set<String> AUDIT_PARAMETERS = Set.of("from", "to", "offset", "limit");

    private final ServiceRecordStore store;
    private final Path recordings;
    private final AuditLog audit;

    /**
     * @param store      the records (the API's loop's)
     * @param recordings the data directory's {@code recordings} folder, which records' paths are under
     * @param audit      where each access is written
     */
    public PlaybackEndpoints(final ServiceRecordStore store, final Path recordings, final AuditLog audit)
    {
        this.store = store;
        this.recordings = recordings.toAbsolutePath().normalize();
        this.audit = audit;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/records/{recordId}/recording", Access.SIGNED_IN, this::recording);
        router.get("/api/records/{recordId}/recording/marks", Access.SIGNED_IN, request ->
        {
            final Path wav = file(request);
            final Path sidecar = wav.resolveSibling(name(wav).replaceAll("\\.wav$", "") + ".json");
            return ApiResponse.later(onAuditThread(() -> Map.of("marks", marks(sidecar))));
        });
        router.get("/api/audit", Access.ADMIN, request ->
        {
            known(request, AUDIT_PARAMETERS);
            final long from = RecordEndpoints.time(request, "from", Long.MIN_VALUE);
            final long to = RecordEndpoints.time(request, "to", Long.MAX_VALUE);
            if (from > to)
            {
                throw ApiException.badRequest("\"from\" is after \"to\"");
            }
            final int offset = RecordEndpoints.number(request, "offset", 0, 0, Integer.MAX_VALUE);
            final int limit = RecordEndpoints.number(request, "limit", 50, 1, 1000);
            try
            {
                return ApiResponse.later(audit.find(from, to, offset, limit).thenApply(page ->
                {
                    final Map<String, Object> body = new LinkedHashMap<>();
                    body.put("total", page.total());
                    body.put("entries", page.entries());
                    return body;
                }));
            }
            catch (final RejectedExecutionException ex)
            {
                throw busy();
            }
        });
    }

    private ApiResponse recording(final ApiRequest request)
    {
        known(request, RECORDING_PARAMETERS);
        final String flag = RecordEndpoints.text(request, "download");
        if (flag != null && !"1".equals(flag) && !"0".equals(flag) && !"true".equals(flag) && !"false".equals(flag))
        {
            throw ApiException.badRequest("\"download\" must be 1 (an attachment) or 0");
        }
        final boolean download = "1".equals(flag) || "true".equals(flag);
        final Path file = file(request);
        final long recordId = Long.parseLong(request.pathParam("recordId"));
        final String rangeHeader = request.headers().get(HttpHeaderNames.RANGE);
        final Account account = request.account();
        final long now = System.currentTimeMillis();
        return ApiResponse.later(onAuditThread(() ->
        {
            if (!Files.isRegularFile(file))
            {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "recording_gone", "the recording of call "
                    + recordId + " is no longer kept");
            }
            final long size = Files.size(file);
            final ByteRange range = ByteRange.parse(rangeHeader, size);
            if (range == null && size > WHOLE_LIMIT)
            {
                throw new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", "the recording has "
                    + size + " bytes: ask for it in ranges (Range: bytes=first-last)");
            }
            audit.write(new AuditLog.Entry(now, account == null ? null : account.email(),
                account == null ? null : account.role().label(), account == null ? null : account.staffNo(),
                recordId, download ? "download" : "play", range == null ? null : range.contentRange(),
                request.address()));
            final byte[] bytes = range == null ? read(file, 0, size) : read(file, range.first(), range.length());
            ApiResponse response = new ApiResponse(range == null ? HttpResponseStatus.OK
                : HttpResponseStatus.PARTIAL_CONTENT, new ApiResponse.Raw(bytes, "audio/wav"))
                .withHeader("Accept-Ranges", "bytes")
                .withHeader("Cache-Control", "private, no-store")
                .withHeader("Content-Disposition", (download ? "attachment" : "inline") + "; filename=\"call-"
                    + recordId + ".wav\"");
            if (range != null)
            {
                response = response.withHeader("Content-Range", range.contentRange());
            }
            return response;
        }));
    }

    /** The recording's file of the path's record; 404 {@code no_recording} for a call that was not recorded. */
    private Path file(final ApiRequest request)
    {
        final String recordId = request.pathParam("recordId");
        final ServiceRecord record = RecordEndpoints.callRecord(store, request.account(), recordId,
            "a call's recording is read by the call's id");
        final Path file = record.recording() == null ? null : recordings.resolve(record.recording()).normalize();
        if (file == null || !file.startsWith(recordings) || file.equals(recordings))
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "no_recording", "call " + recordId
                + " was not recorded");
        }
        return file;
    }

    private static String name(final Path file)
    {
        return file.getFileName().toString();
    }

    private <T> java.util.concurrent.CompletableFuture<T> onAuditThread(final Callable<T> work)
    {
        try
        {
            return audit.submit(work);
        }
        catch (final RejectedExecutionException ex)
        {
            throw busy();
        }
    }

    private static ApiException busy()
    {
        return new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "overloaded",
            "too many recording requests are waiting; try again");
    }

    private static byte[] read(final Path file, final long first, final long length) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate((int)length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            while (buffer.hasRemaining())
            {
                if (channel.read(buffer, first + buffer.position()) < 0)
                {
                    break;
                }
            }
        }
        return buffer.position() == length ? buffer.array() : java.util.Arrays.copyOf(buffer.array(),
            buffer.position());
    }

    /**
     * The sidecar's marks, each {@code {"atSeconds","kind","detail"}}; none when the recorder wrote no sidecar, and
     * a sidecar that does not parse has none either (the recording still plays).
     */
    private static List<Map<String, Object>> marks(final Path sidecar)
    {
        final List<Map<String, Object>> marks = new ArrayList<>();
        if (!Files.isRegularFile(sidecar))
        {
            return marks;
        }
        try
        {
            for (final JsonNode mark : HttpApi.JSON.readTree(sidecar.toFile()).path("marks"))
            {
                if (mark.path("atSeconds").isNumber() && mark.path("kind").isTextual())
                {
                    final Map<String, Object> view = new LinkedHashMap<>();
                    view.put("atSeconds", mark.path("atSeconds").asDouble());
                    view.put("kind", mark.path("kind").asText());
                    view.put("detail", mark.path("detail").isTextual() ? mark.path("detail").asText() : null);
                    marks.add(view);
                }
            }
        }
        catch (final IOException ex)
        {
            return List.of();
        }
        return marks;
    }

    private static void known(final ApiRequest request, final Set<String> names)
    {
        for (final String name : request.query().keySet())
        {
            if (!names.contains(name))
            {
                throw ApiException.badRequest("unknown parameter \"" + name + "\"; known: "
                    + String.join(", ", names.stream().sorted().toList()));
            }
        }
    }
}
