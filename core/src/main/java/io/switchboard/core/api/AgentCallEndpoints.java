package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.acd.AcdService;
import io.switchboard.acd.AgentState;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.call.TransferTarget;
import io.switchboard.core.signalling.SipWorker;
import io.switchboard.sip.registrar.LocationService;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Calls agents make themselves: {@code POST /api/agents/{staffNo}/dial} with {@code {"number": "+4930..."}}
 * (click-to-dial through the trunks) and {@code POST /api/agents/{staffNo}/call} with {@code {"to": staffNo or
 * e-mail}} (an internal call; an offline colleague is reached on the mobile number, through the trunks) or
 * {@code {"extension": "1009"}} (员工或话机: an agent's extension counts as that agent, any other extension is a phone,
 * rung at its registered contacts; an unknown one is 404 {@code unknown_extension}, one with no registered phone 409
 * {@code not_registered}, as SIP's 404 and 480). A {@code to} that names no agent but an extension is that
 * extension. The agent's own phone rings first. Allowed while idle, busy, on break or in wrap-up; refused (409) while
 * ringing, on call or offline.
 */
public final class AgentCallEndpoints
{
    /** The tenant's extensions and where their phones are registered (any thread reads both). */
    public record Phones(java.util.function.Predicate<String> exists, LocationService locations)
    {
    }

    private final SipWorker[] workers;
    private final AcdService acd;
    private final AgentDirectory directory;
    /** The tenant's ring timeout as it is now (an administrator may change it). */
    private final java.util.function.LongSupplier ringTimeoutMillis;
    private final Phones phones;

    public AgentCallEndpoints(final SipWorker[] workers, final AcdService acd, final AgentDirectory directory,
        final java.util.function.LongSupplier ringTimeoutMillis, final Phones phones)
    {
        this.workers = workers;
        this.acd = acd;
        this.directory = directory;
        this.ringTimeoutMillis = ringTimeoutMillis;
        this.phones = phones;
    }

    public void register(final ApiRouter router)
    {
        router.post("/api/agents/{staffNo}/dial", Access.OWN_AGENT, request ->
        {
            final AgentDirectory.Agent agent = agent(request.pathParam("staffNo"));
            final String number = CallEndpoints.text(CallEndpoints.body(request), "number");
            return ApiResponse.later(whenFree(agent).thenCompose(free ->
                dial(agent, TransferTarget.number(number))));
        });
        router.post("/api/agents/{staffNo}/call", Access.OWN_AGENT, request ->
        {
            final AgentDirectory.Agent agent = agent(request.pathParam("staffNo"));
            final com.fasterxml.jackson.databind.JsonNode body = CallEndpoints.body(request);
            final boolean byExtension = body.has("extension");
            final String to = CallEndpoints.text(body, byExtension ? "extension" : "to");
            AgentDirectory.Agent callee = byExtension ? directory.agentByExtension(to)
                : directory.agentByStaffNo(to) != null ? directory.agentByStaffNo(to) : directory.agentByEmail(to);
            if (callee == null && !byExtension && phones.exists().test(to))
            {
                callee = directory.agentByExtension(to);
            }
            if (callee == agent)
            {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_agent", "an agent cannot call itself");
            }
            if (callee == null)
            {
                final TransferTarget phone = phone(to, byExtension);
                return ApiResponse.later(whenFree(agent).thenCompose(free -> dial(agent, phone)));
            }
            final AgentDirectory.Agent colleague = callee;
            return ApiResponse.later(whenFree(agent).thenCompose(free -> acd.state(colleague.id()))
                .thenCompose(state -> dial(agent, internalTarget(colleague, state))));
        });
    }

    /** An extension that is no agent's: it must exist and have a registered phone (SIP would say 404 or 480). */
    private TransferTarget phone(final String extension, final boolean byExtension)
    {
        if (!phones.exists().test(extension))
        {
            throw byExtension
                ? new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_extension", "no extension " + extension)
                : new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_agent",
                    "no agent with staff number or e-mail, and no extension " + extension);
        }
        if (phones.locations().lookup(extension, System.currentTimeMillis()).isEmpty())
        {
            throw new ApiException(HttpResponseStatus.CONFLICT, "not_registered",
                "no phone is registered for extension " + extension + " (480 Temporarily Unavailable)");
        }
        return TransferTarget.extension(extension);
    }

    /** Another agent: rung on its phone, or on its mobile through the trunks when it is offline. */
    private static TransferTarget internalTarget(final AgentDirectory.Agent callee, final AgentState state)
    {
        if (state != AgentState.OFFLINE)
        {
            return TransferTarget.agent(callee.id(), callee.extension());
        }
        if (callee.mobile() == null || callee.mobile().isBlank())
        {
            throw new ApiException(HttpResponseStatus.CONFLICT, "wrong_state",
                "agent " + callee.staffNo() + " is offline and has no mobile number");
        }
        return TransferTarget.number(callee.mobile());
    }

    /** The agent's state allows a call of its own: not ringing, on call or offline. */
    private CompletableFuture<AgentState> whenFree(final AgentDirectory.Agent agent)
    {
        return acd.state(agent.id()).thenApply(state ->
        {
            if (state == AgentState.RINGING || state == AgentState.ON_CALL || state == AgentState.OFFLINE)
            {
                throw new ApiException(HttpResponseStatus.CONFLICT, "wrong_state", "agent " + agent.staffNo()
                    + " is " + state.name().toLowerCase().replace('_', '-') + " and cannot make a call");
            }
            return state;
        });
    }

    /** Starts the call on a worker (spread by agent) and answers with its id. */
    private CompletableFuture<Map<String, Object>> dial(final AgentDirectory.Agent agent, final TransferTarget target)
    {
        final SipWorker[] workers = this.workers;
        final SipWorker worker = workers[agent.id() % workers.length];
        return CallEndpoints.onWorker(worker, calls -> CallEndpoints.translate(() ->
        {
            final long id = calls.commands().dial(agent.extension(), agent.id(), agent.autoAnswer(), target,
                ringTimeoutMillis.getAsLong());
            return CallEndpoints.named(directory, calls.commands().describeCall(id));
        }));
    }

    private AgentDirectory.Agent agent(final String staffNo)
    {
        final AgentDirectory.Agent agent = directory.agentByStaffNo(staffNo);
        if (agent == null)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_agent", "no agent with staff number "
                + staffNo);
        }
        return agent;
    }
}
