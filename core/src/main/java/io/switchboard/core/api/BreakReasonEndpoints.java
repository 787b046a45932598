package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.admin.BreakReasonAdmin;
import io.switchboard.core.agent.BreakReasons;

import java.util.concurrent.Executor;

/**
 * The break reasons administered (小休原因): {@code POST /api/break-reasons} adds one, {@code POST
 * /api/break-reasons/{name}} renames it, {@code DELETE /api/break-reasons/{name}} (or {@code POST .../delete})
 * deletes it; each answers with the reasons as they are then, once journalled. {@code GET /api/break-reasons} (in
 * {@link AgentEndpoints}) stays the agents' menu; {@code GET /api/break-reasons/all} shows the codes and the retired
 * ones, still named where an agent is on such a break.
 */
public final class BreakReasonEndpoints
{
    private final BreakReasonAdmin admin;
    private final Executor loop;

    public BreakReasonEndpoints(final BreakReasonAdmin admin, final Executor loop)
    {
        this.admin = admin;
        this.loop = loop;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/break-reasons/all", Access.ADMIN, request -> ApiResponse.ok(admin.reasons().json()));
        router.post("/api/break-reasons", Access.ADMIN, request ->
        {
            final String name = CallEndpoints.text(CallEndpoints.body(request), "name");
            return AdminEndpoints.answer(admin.change(reasons -> reasons.add(name)),
                reasons -> new ApiResponse(HttpResponseStatus.CREATED, reasons.names()), loop);
        });
        router.post("/api/break-reasons/{name}", Access.ADMIN, request ->
        {
            final String name = request.pathParam("name");
            final String newName = CallEndpoints.text(CallEndpoints.body(request), "name");
            return AdminEndpoints.answer(admin.change(reasons -> reasons.rename(name, newName)),
                BreakReasons::names, loop);
        });
        router.delete("/api/break-reasons/{name}", Access.ADMIN, this::delete);
        router.post("/api/break-reasons/{name}/delete", Access.ADMIN, this::delete);
    }

    private ApiResponse delete(final ApiRequest request)
    {
        final String name = request.pathParam("name");
        return AdminEndpoints.answer(admin.change(reasons -> reasons.delete(name)), BreakReasons::names, loop);
    }
}
