package io.switchboard.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.chat.flow.ChatFlow;
import io.switchboard.chat.store.AppChannel;
import io.switchboard.chat.store.ChatFlowStore;
import io.switchboard.chat.store.WebsiteChannel;
import io.switchboard.core.admin.ChatFlowEvent;
import io.switchboard.core.admin.StoreChanges;
import io.switchboard.core.chat.AppTokens;
import io.switchboard.ivr.flow.Problem;
import io.switchboard.ivr.store.FlowStoreException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Session flows and website channels, for administrators: {@code GET /api/chat/flows}, {@code GET|PUT|DELETE
 * /api/chat/flows/{name}}, {@code POST /api/chat/flows/validate}, {@code POST /api/chat/flows/{name}/publish|
 * unpublish}, {@code GET /api/chat/channels}, {@code PUT|DELETE /api/chat/channels/{name}} (a website channel, or
 * with {@code "kind":"app"} an app channel, whose secret the server makes and shows once), {@code POST
 * /api/chat/channels/{name}/secret} (an app channel's new secret, shown once), and for any account {@code GET
 * /api/chat/app-channels} (the app channels' names, for the agent's "new chat" form). Each change is a {@link
 * ChatFlowEvent} committed through {@link StoreChanges} (checked, journalled, applied), answered as voice flows'
 * changes are. The store belongs to the API's loop, where every handler runs.
 */
public final class ChatFlowEndpoints
{
    private final ChatFlowStore store;
    private final StoreChanges<ChatFlowStore, ChatFlowEvent> changes;

    public ChatFlowEndpoints(final ChatFlowStore store, final StoreChanges<ChatFlowStore, ChatFlowEvent> changes)
    {
        this.store = store;
        this.changes = changes;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/chat/flows", Access.ADMIN, request -> ApiResponse.ok(flows()));
        router.get("/api/chat/flows/{name}", Access.ADMIN, request ->
            ApiResponse.ok(view(request.pathParam("name"), true)));
        router.put("/api/chat/flows/{name}", Access.ADMIN, this::save);
        router.delete("/api/chat/flows/{name}", Access.ADMIN, request ->
            StoreChangeAnswers.later(changes.commit(new ChatFlowEvent.Deleted(request.pathParam("name"))),
                this::flows));
        router.post("/api/chat/flows/validate", Access.ADMIN, request ->
        {
            final List<Problem> problems = store.validate(flow(request));
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("valid", problems.isEmpty());
            body.put("problems", StoreChangeAnswers.problems(problems));
            return ApiResponse.ok(body);
        });
        router.post("/api/chat/flows/{name}/publish", Access.ADMIN, request ->
            flowChange(new ChatFlowEvent.Published(request.pathParam("name"))));
        router.post("/api/chat/flows/{name}/unpublish", Access.ADMIN, request ->
            flowChange(new ChatFlowEvent.Unpublished(request.pathParam("name"))));
        router.get("/api/chat/channels", Access.ADMIN, request -> ApiResponse.ok(channels()));
        router.put("/api/chat/channels/{name}", Access.ADMIN, this::saveChannel);
        router.post("/api/chat/channels/{name}/secret", Access.ADMIN, request ->
        {
            final AppChannel app = store.appChannelNamed(request.pathParam("name"));
            if (app == null)
            {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_channel", "no app channel "
                    + request.pathParam("name"));
            }
            return saveApp(app.name(), app.flow(), AppTokens.newSecret());
        });
        router.get("/api/chat/app-channels", Access.SIGNED_IN, request ->
        {
            final List<Map<String, Object>> list = new ArrayList<>();
            store.appChannels().forEach(app -> list.add(Map.of("name", app.name())));
            return ApiResponse.ok(list);
        });
        router.delete("/api/chat/channels/{name}", Access.ADMIN, request ->
            StoreChangeAnswers.later(changes.commit(new ChatFlowEvent.ChannelDeleted(request.pathParam("name"))),
                this::channels));
    }

    private ApiResponse save(final ApiRequest request)
    {
        final ChatFlow flow = flow(request);
        if (!request.pathParam("name").equals(flow.name()))
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request",
                "the flow's \"name\" must be the name in the path: " + request.pathParam("name"));
        }
        return flowChange(new ChatFlowEvent.Saved(flow.name(), StoreChangeAnswers.tree(request)));
    }

    private ApiResponse flowChange(final ChatFlowEvent event)
    {
        final String name = event instanceof ChatFlowEvent.Saved saved ? saved.name()
            : event instanceof ChatFlowEvent.Published published ? published.name()
            : ((ChatFlowEvent.Unpublished)event).name();
        // a saved draft is answered with its problems, so the editor can show what still keeps it from publishing
        final boolean saved = event instanceof ChatFlowEvent.Saved;
        return StoreChangeAnswers.later(changes.commit(event), () -> view(name, saved));
    }

    private ApiResponse saveChannel(final ApiRequest request)
    {
        final JsonNode body = StoreChangeAnswers.tree(request);
        if (body == null || !body.isObject())
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "a channel is {\"domain\",\"flow\"}");
        }
        final String name = request.pathParam("name");
        final String flow = body.hasNonNull("flow") ? body.get("flow").asText() : null;
        if ("app".equals(body.path("kind").asText()))
        {
            final AppChannel existing = store.appChannelNamed(name);
            return saveApp(name, flow, existing != null ? existing.secret() : AppTokens.newSecret());
        }
        final ChatFlowEvent.ChannelSaved event = new ChatFlowEvent.ChannelSaved(name,
            body.path("domain").asText(null), flow);
        return StoreChangeAnswers.later(changes.commit(event), () -> channel(store.channelNamed(name)));
    }

    /**
     * An app channel saved with {@code secret}: answered with its row, and with the secret when it is new (created or
     * rotated) and still the one in force once applied (a concurrent change may have replaced it).
     */
    private ApiResponse saveApp(final String name, final String flow, final String secret)
    {
        final AppChannel before = store.appChannelNamed(name);
        final boolean fresh = before == null || !before.secret().equals(secret);
        return StoreChangeAnswers.later(changes.commit(new ChatFlowEvent.AppChannelSaved(name, flow, secret)), () ->
        {
            final AppChannel now = store.appChannelNamed(name);
            final Map<String, Object> row = app(now);
            if (fresh && now.secret().equals(secret))
            {
                row.put("secret", secret);
            }
            return row;
        });
    }

    private static Map<String, Object> app(final AppChannel channel)
    {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", channel.name());
        row.put("kind", "app");
        row.put("flow", channel.flow());
        return row;
    }

    private static ChatFlow flow(final ApiRequest request)
    {
        final ChatFlow flow = StoreChangeAnswers.parse(request, ChatFlow.class, "a session flow");
        if (flow.name() == null)
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "a flow needs a \"name\"");
        }
        return flow;
    }

    private List<Map<String, Object>> flows()
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        store.flows().flowNames().forEach(name -> list.add(view(name, false)));
        return list;
    }

    private Map<String, Object> view(final String name, final boolean withNodes)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        try
        {
            view.put("name", name);
            view.put("state", store.state(name).name().toLowerCase(Locale.ROOT).replace('_', '-'));
            view.put("channels", store.channelsOf(name));
            if (withNodes)
            {
                view.put("flow", store.flows().flow(name));
                view.put("problems", StoreChangeAnswers.problems(store.flows().problems(name)));
            }
        }
        catch (final FlowStoreException ex)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_flow", ex.getMessage());
        }
        return view;
    }

    private List<Map<String, Object>> channels()
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        store.channels().forEach(channel -> list.add(channel(channel)));
        store.appChannels().forEach(channel -> list.add(app(channel)));
        return list;
    }

    private static Map<String, Object> channel(final WebsiteChannel channel)
    {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", channel.name());
        row.put("kind", "website");
        row.put("domain", channel.domain());
        row.put("flow", channel.flow());
        return row;
    }
}
