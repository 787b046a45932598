package io.switchboard.core.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.api.Access;
import io.switchboard.core.api.ApiException;
import io.switchboard.core.api.ApiRequest;
import io.switchboard.core.api.ApiResponse;
import io.switchboard.core.api.ApiRouter;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Web Push over the API, on the API's loop: {@code GET /api/push/key} (the VAPID public key, for the browser's
 * {@code applicationServerKey}), {@code POST /api/push/subscriptions} with the browser's {@code PushSubscription}
 * JSON {@code {"endpoint", "keys": {"p256dh", "auth"}}} for the signed-in agent, {@code DELETE
 * /api/push/subscriptions} with {@code {"endpoint"}}, and {@code GET /api/push/counters} for administrators. A
 * change is answered once written to disk. With {@code push.enabled} false every route answers 404 {@code push_off}.
 */
final class PushEndpoints
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIPTIONS = "/api/push/subscriptions";

    private final WebPush push;

    PushEndpoints(final WebPush push)
    {
        this.push = push;
    }

    void register(final ApiRouter router)
    {
        router.get("/api/push/key", Access.SIGNED_IN, request ->
        {
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("publicKey", on().keys().publicKeyBase64Url());
            final String staffNo = request.account().staffNo();
            body.put("subscriptions", staffNo == null ? 0 : push.subscriptions().of(staffNo).size());
            return ApiResponse.ok(body);
        });
        router.post(SUBSCRIPTIONS, Access.SIGNED_IN, this::subscribe);
        router.delete(SUBSCRIPTIONS, Access.SIGNED_IN, this::unsubscribe);
        router.get("/api/push/counters", Access.ADMIN, request ->
        {
            final WebPushSender.Counters counters = on().sender().counters();
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("subscriptions", push.subscriptions().size());
            body.put("sent", counters.sent());
            body.put("gone", counters.gone());
            body.put("failed", counters.failed());
            body.put("dropped", counters.dropped());
            return ApiResponse.ok(body);
        });
    }

    private ApiResponse subscribe(final ApiRequest request)
    {
        final String staffNo = agent(request);
        final JsonNode body = object(request);
        final JsonNode keys = body.path("keys");
        final PushSubscription subscription;
        try
        {
            subscription = PushSubscription.of(staffNo, text(body, "endpoint"), text(keys, "p256dh"),
                text(keys, "auth"), push.allowLoopbackHttp(), System.currentTimeMillis());
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.badRequest(ex.getMessage());
        }
        final CompletableFuture<Void> stored;
        try
        {
            stored = push.subscriptions().add(subscription);
        }
        catch (final IllegalStateException full)
        {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "too_many_subscriptions",
                full.getMessage());
        }
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("agent", staffNo);
        answer.put("endpoint", subscription.endpoint().toString());
        answer.put("subscriptions", push.subscriptions().of(staffNo).size());
        return ApiResponse.later(stored.thenApply(written -> answer));
    }

    private ApiResponse unsubscribe(final ApiRequest request)
    {
        final String staffNo = agent(request);
        final URI endpoint;
        try
        {
            endpoint = new URI(text(object(request), "endpoint"));
        }
        catch (final java.net.URISyntaxException | NullPointerException ex)
        {
            throw ApiException.badRequest("endpoint is the subscription's URL");
        }
        final CompletableFuture<Void> stored = push.subscriptions().remove(staffNo, endpoint);
        if (stored == null)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_subscription",
                "you have no subscription at that endpoint");
        }
        return ApiResponse.later(stored.thenApply(written -> Map.of("removed", true)));
    }

    /** The push parts, or 404 when push is off. */
    private WebPush on()
    {
        if (!push.enabled())
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "push_off", "push notifications are off");
        }
        return push;
    }

    /** The signed-in account's agent: subscriptions notify agents of the chats offered to them. */
    private String agent(final ApiRequest request)
    {
        on();
        final String staffNo = request.account().staffNo();
        if (staffNo == null)
        {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "not_an_agent",
                "only an agent's account subscribes to chat notifications");
        }
        return staffNo;
    }

    private static JsonNode object(final ApiRequest request)
    {
        try
        {
            final JsonNode node = request.body().length == 0 ? null : JSON.readTree(request.body());
            if (node != null && node.isObject())
            {
                return node;
            }
        }
        catch (final IOException ex)
        {
            // answered below
        }
        throw ApiException.badRequest("the body must be a JSON object: the browser's PushSubscription");
    }

    private static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
