package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.flows.AudioStore;
import io.switchboard.ivr.store.FlowStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The audio library: {@code GET /api/audio}, {@code POST /api/audio/{id}} with the file as the body (WAV or MP3, up
 * to 5 MB), {@code GET /api/audio/{id}}, {@code GET /api/audio/{id}/file} (the converted 8 kHz WAV),
 * {@code POST /api/audio/{id}/approve}, {@code DELETE /api/audio/{id}} (refused while a flow uses it). Decoding and
 * file writes run on the blocking-work executor, not on the API's loop.
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
        router.post("/api/audio/{id}", Access.ADMIN, request ->
        {
            final String id = request.pathParam("id");
            final byte[] body = request.body();
            return ApiResponse.later(async(() -> new ApiResponse(HttpResponseStatus.CREATED,
                view(audio.upload(id, body)))));
        });
        router.post("/api/audio/{id}/approve", Access.ADMIN, request ->
        {
            final String id = request.pathParam("id");
            return ApiResponse.later(async(() -> view(audio.approve(id))));
        });
        router.delete("/api/audio/{id}", Access.ADMIN, request ->
        {
            final String id = request.pathParam("id");
            entry(id);
            if (flows != null && flows.audioInUse(id))
            {
                throw new ApiException(HttpResponseStatus.CONFLICT, "in_use", "audio " + id
                    + " is used by a flow; change the flow first");
            }
            return ApiResponse.later(async(() ->
            {
                audio.delete(id);
                return list();
            }));
        });
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
            case BAD_ID, DOES_NOT_DECODE -> HttpResponseStatus.BAD_REQUEST;
        };
        return new ApiException(status, ex.kind().name().toLowerCase(Locale.ROOT), ex.getMessage());
    }

    private AudioStore.Entry entry(final String id)
    {
        return run(() -> audio.entry(id));
    }

    private List<Map<String, Object>> list()
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        audio.list().forEach(entry -> list.add(view(entry)));
        return list;
    }

    private static Map<String, Object> view(final AudioStore.Entry entry)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", entry.id());
        view.put("state", entry.approved() ? "approved" : "pending");
        view.put("durationMillis", entry.durationMillis());
        return view;
    }
}
