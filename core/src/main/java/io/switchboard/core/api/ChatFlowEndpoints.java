package io.switchboard.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.chat.flow.ChatFlow;
import io.switchboard.chat.store.ChatFlowStore;
import io.switchboard.chat.store.WebsiteChannel;
import io.switchboard.core.admin.ChatFlowEvent;
import io.switchboard.core.admin.StoreChanges;
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
 * unpublish}, {@code GET /api/chat/channels}, {@code PUT|DELETE /api/chat/channels/{name}}. Each change is a {@link
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
        return StoreChangeAnswers.later(changes.commit(event), () -> view(name, false));
    }

    private ApiResponse saveChannel(final ApiRequest request)
    {
        final JsonNode body = StoreChangeAnswers.tree(request);
        if (body == null || !body.isObject())
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "a channel is {\"domain\",\"flow\"}");
        }
        final String name = request.pathParam("name");
        final ChatFlowEvent.ChannelSaved event = new ChatFlowEvent.ChannelSaved(name,
            body.path("domain").asText(null), body.hasNonNull("flow") ? body.get("flow").asText() : null);
        return StoreChangeAnswers.later(changes.commit(event), () -> channel(store.channelNamed(name)));
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
        return list;
    }

    private static Map<String, Object> channel(final WebsiteChannel channel)
    {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", channel.name());
        row.put("domain", channel.domain());
        row.put("flow", channel.flow());
        return row;
    }
}
