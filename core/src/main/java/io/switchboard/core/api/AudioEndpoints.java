package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.flows.AudioStore;
import io.switchboard.ivr.store.FlowStore;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The audio library (001 管理音频): {@code GET /api/audio}, {@code POST /api/audio/{id}?name=&filename=} with the
 * file as the body (WAV or MP3, up to 5 MB), {@code GET /api/audio/{id}}, {@code GET /api/audio/{id}/file} (the
 * converted 8 kHz WAV that calls play), {@code GET /api/audio/{id}/original} (the file as uploaded, with its type and
 * name), {@code POST /api/audio/{id}/rename}, {@code POST /api/audio/{id}/approve}, {@code DELETE /api/audio/{id}}
 * (refused while a flow uses it, naming the flows). Each audio is listed with where it is used, so that an
 * administrator sees why a delete is refused before trying. Decoding and file writes run on the blocking-work
 * executor, not on the API's loop; reading the flows' use stays on the API's loop, which owns the flow store.
 */
public final class AudioEndpoints
{
    private final AudioStore audio;
    private final FlowStore flows;
    private final Executor blocking;

    public AudioEndpoints(final AudioStore audio, final FlowStore flows, final Executor blocking)
    {
        this.audio = audio;
        this.flows = flows;
        this.blocking = blocking;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/audio", Access.ADMIN, request -> ApiResponse.ok(list()));
        router.get("/api/audio/{id}", Access.ADMIN, request -> ApiResponse.ok(view(entry(request.pathParam("id")))));
        router.get("/api/audio/{id}/file", Access.ADMIN, request -> ApiResponse.ok(new ApiResponse.Raw(
            run(() -> audio.download(request.pathParam("id"))), "audio/wav")));
        router.get("/api/audio/{id}/original", Access.ADMIN, this::original);
        router.post("/api/audio/{id}", Access.ADMIN, request ->
        {
            final String id = request.pathParam("id");
            final byte[] body = request.body();
            final String name = query(request, "name");
            final String fileName = query(request, "filename");
            final String uploader = request.account() == null ? null : request.account().email();
            final List<String> users = usedBy(id);
            return ApiResponse.later(async(() -> new ApiResponse(HttpResponseStatus.CREATED, view(audio.upload(id,
                body, name, fileName, uploader, System.currentTimeMillis()), users))));
        });
        router.post("/api/audio/{id}/rename", Access.ADMIN, request ->
        {
            final String id = request.pathParam("id");
            final String name = CallEndpoints.text(CallEndpoints.body(request), "name");
            final List<String> users = usedBy(id);
            return ApiResponse.later(async(() -> view(audio.rename(id, name), users)));
        });
        router.post("/api/audio/{id}/approve", Access.ADMIN, request ->
        {
            final String id = request.pathParam("id");
            final List<String> users = usedBy(id);
            return ApiResponse.later(async(() -> view(audio.approve(id), users)));
        });
        router.delete("/api/audio/{id}", Access.ADMIN, request ->
        {
            final String id = request.pathParam("id");
            entry(id);
            final List<String> users = usedBy(id);
            if (!users.isEmpty())
            {
                throw new ApiException(HttpResponseStatus.CONFLICT, "in_use", "audio " + id
                    + " is used by the flow(s) " + String.join(", ", users) + "; change them first");
            }
            final Map<String, List<String>> uses = uses();
            return ApiResponse.later(async(() ->
            {
                audio.delete(id);
                return list(uses);
            }));
        });
    }

    /** The uploaded file with its type, as an attachment named as it was uploaded. */
    private ApiResponse original(final ApiRequest request)
    {
        final AudioStore.Entry entry = entry(request.pathParam("id"));
        final byte[] bytes = run(() -> audio.original(entry.id()));
        final String fileName = entry.meta().fileName();
        final String ascii = fileName.replaceAll("[^ -~]", "_");
        return ApiResponse.ok(new ApiResponse.Raw(bytes, entry.meta().type())).withHeader("Content-Disposition",
            "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String query(final ApiRequest request, final String name)
    {
        final List<String> values = request.query().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The flows that play the audio. */
    private List<String> usedBy(final String id)
    {
        return flows == null ? List.of() : flows.flowsUsingAudio(id);
    }

    /** A step that may fail with the store's refusal. */
    @FunctionalInterface
    private interface Step<T>
    {
        T run() throws AudioStore.AudioException, IOException;
    }

    private <T> CompletableFuture<T> async(final Step<T> step)
    {
        return CompletableFuture.supplyAsync(() -> run(step), blocking);
    }

    private static <T> T run(final Step<T> step)
    {
        try
        {
            return step.run();
        }
        catch (final AudioStore.AudioException ex)
        {
            throw refusal(ex);
        }
        catch (final IOException ex)
        {
            throw new CompletionException(ex);
        }
    }

    private static ApiException refusal(final AudioStore.AudioException ex)
    {
        final HttpResponseStatus status = switch (ex.kind())
        {
            case UNKNOWN -> HttpResponseStatus.NOT_FOUND;
            case TOO_LARGE -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
            case WRONG_FORMAT -> HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE;
            case EXISTS -> HttpResponseStatus.CONFLICT;
            case BAD_ID, BAD_NAME, DOES_NOT_DECODE -> HttpResponseStatus.BAD_REQUEST;
        };
        return new ApiException(status, ex.kind().name().toLowerCase(Locale.ROOT), ex.getMessage());
    }

    private AudioStore.Entry entry(final String id)
    {
        return run(() -> audio.entry(id));
    }

    /** Where each audio is used, read on the API's loop (the flow store's owner) before any work goes elsewhere. */
    private Map<String, List<String>> uses()
    {
        final Map<String, List<String>> uses = new HashMap<>();
        audio.list().forEach(entry -> uses.put(entry.id(), usedBy(entry.id())));
        return uses;
    }

    private List<Map<String, Object>> list()
    {
        return list(uses());
    }

    private List<Map<String, Object>> list(final Map<String, List<String>> uses)
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        audio.list().forEach(entry -> list.add(view(entry, uses.getOrDefault(entry.id(), List.of()))));
        return list;
    }

    private Map<String, Object> view(final AudioStore.Entry entry)
    {
        return view(entry, usedBy(entry.id()));
    }

    private static Map<String, Object> view(final AudioStore.Entry entry, final List<String> flowsUsing)
    {
        final AudioStore.Meta meta = entry.meta();
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", entry.id());
        view.put("name", meta.name());
        view.put("state", entry.approved() ? "approved" : "pending");
        view.put("durationMillis", entry.durationMillis());
        view.put("type", meta.type());
        view.put("fileName", meta.fileName());
        view.put("size", meta.size());
        view.put("uploader", meta.uploader());
        view.put("uploadedAt", meta.uploadedAt() == 0 ? null : meta.uploadedAt());
        final List<Map<String, Object>> usedBy = new ArrayList<>();
        flowsUsing.forEach(flow -> usedBy.add(Map.of("kind", "flow", "name", flow)));
        view.put("usedBy", usedBy);
        return view;
    }
}
