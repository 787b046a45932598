package io.switchboard.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.call.CallController;
import io.switchboard.core.call.CallStats;
import io.switchboard.core.call.Supervisions;
import io.switchboard.core.signalling.SipWorker;
import io.switchboard.media.engine.SuperviseMode;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Supervisors on a live call: {@code POST /api/calls/{id}/supervise {"mode": "listen"|"whisper"|"barge"}} rings the
 * supervisor's phone (the workbench's WebRTC phone answers by itself) and joins it to the call in that mode,
 * {@code PATCH} with a new mode switches, {@code DELETE} leaves. Supervisors and administrators only (an agent gets
 * 403); a supervisor that is itself an agent of some skill groups supervises only those groups' calls. Each command
 * runs on the worker that owns the call ({@link Supervisions}).
 */
public final class SupervisionEndpoints
{
    private static final String PATH = "/api/calls/{id}/supervise";

    private final SipWorker[] workers;
    private final AgentDirectory agents;

    public SupervisionEndpoints(final SipWorker[] workers, final AgentDirectory agents)
    {
        this.workers = workers;
        this.agents = agents;
    }

    public void register(final ApiRouter router)
    {
        router.post(PATH, Access.SUPERVISOR, request ->
        {
            final SuperviseMode mode = mode(request);
            final Supervisions.Supervisor who = supervisor(request);
            return onOwner(request, supervisions -> supervisions.start(CallEndpoints.id(request), who, mode));
        });
        router.add(HttpMethod.PATCH, PATH, Access.SUPERVISOR, request ->
        {
            final SuperviseMode mode = mode(request);
            final Supervisions.Supervisor who = supervisor(request);
            return onOwner(request, supervisions -> supervisions.mode(CallEndpoints.id(request), who, mode));
        });
        router.delete(PATH, Access.SUPERVISOR, request ->
        {
            final Supervisions.Supervisor who = supervisor(request);
            return onOwner(request, supervisions -> supervisions.leave(CallEndpoints.id(request), who));
        });
    }

    private ApiResponse onOwner(final ApiRequest request,
        final Function<Supervisions, Map<String, Object>> action)
    {
        final long id = CallEndpoints.id(request);
        final SipWorker owner = workers[CallStats.ownerOf(id, workers.length)];
        return ApiResponse.later(CallEndpoints.onWorker(owner, (CallController calls) ->
        {
            if (calls.supervisions() == null)
            {
                throw new ApiException(HttpResponseStatus.CONFLICT, "wrong_state",
                    "supervision needs anchored media (media.anchor)");
            }
            return CallEndpoints.translate(() -> action.apply(calls.supervisions()));
        }));
    }

    /** The signed-in supervisor: its phone's extension, and its groups when it is an agent of some. */
    private Supervisions.Supervisor supervisor(final ApiRequest request)
    {
        final io.switchboard.core.auth.Account account = request.account();
        Set<Integer> groups = null;
        final AgentDirectory.Agent agent = account.admin() || account.staffNo() == null || agents == null ? null
            : agents.agentByStaffNo(account.staffNo());
        if (agent != null && !agent.groups().isEmpty())
        {
            groups = new HashSet<>();
            for (final String name : agent.groups())
            {
                final AgentDirectory.Group group = agents.group(name);
                if (group != null)
                {
                    groups.add(group.id());
                }
            }
        }
        return new Supervisions.Supervisor(account.email(), account.name(), account.extension(), groups);
    }

    private static SuperviseMode mode(final ApiRequest request)
    {
        final JsonNode body = CallEndpoints.body(request);
        final SuperviseMode mode = body.hasNonNull("mode") ? SuperviseMode.named(body.get("mode").asText()) : null;
        if (mode == null)
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request",
                "\"mode\" must be \"listen\", \"whisper\" or \"barge\"");
        }
        return mode;
    }
}
