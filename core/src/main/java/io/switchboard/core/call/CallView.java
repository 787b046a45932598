package io.switchboard.core.call;

import io.switchboard.media.engine.Endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the API shows a call: built on the call's own loop, then handed over as plain maps. */
final class CallView
{
    private CallView()
    {
    }

    static Map<String, Object> of(final Call call)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", call.id());
        view.put("from", call.from());
        view.put("to", call.to());
        view.put("state", call.state().name().toLowerCase());
        view.put("type", call.type);
        // when it started and the skill group it came through: the supervisor's live calls (named by CallEndpoints)
        view.put("startedAt", call.startedAtMs);
        final int group = call.queueGroup >= 0 ? call.queueGroup : call.lastGroup;
        view.put("groupId", group >= 0 ? Integer.valueOf(group) : null);
        view.put("transfers", new ArrayList<>(call.transfers));
        if (call.transfer != null)
        {
            view.put("transferring", call.transfer.target.label());
        }
        view.put("caller", leg(call.caller()));
        view.put("callee", leg(call.answered()));
        view.put("digits", new ArrayList<>(call.digits));
        if (call.selfService != null)
        {
            view.put("selfService", new LinkedHashMap<>(call.selfService));
        }
        if (call.queueGroup >= 0)
        {
            view.put("queueGroup", call.queueGroup);
            view.put("ahead", call.ahead >= 0 ? call.ahead : null);
            view.put("agent", call.answered() != null ? call.answered().agentId : null);
        }
        return view;
    }

    private static Map<String, Object> leg(final Leg leg)
    {
        if (leg == null)
        {
            return null;
        }
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("callId", leg.dialog() != null ? leg.dialog().callId() : null);
        view.put("localTag", leg.dialog() != null ? leg.dialog().localTag() : null);
        view.put("remoteTag", leg.dialog() != null ? leg.dialog().remoteTag() : null);
        view.put("party", leg.party);
        view.put("agentId", leg.agentId >= 0 ? Integer.valueOf(leg.agentId) : null);
        view.put("codec", leg.codec != null ? leg.codec.name() : null);
        final Endpoint endpoint = leg.endpoint;
        if (endpoint != null)
        {
            view.put("rtpPort", endpoint.port());
            view.put("remote", endpoint.remote() != null ? endpoint.remote().getAddress().getHostAddress() + ":"
                + endpoint.remote().getPort() : null);
            view.put("held", endpoint.held());
            view.put("heldBy", (endpoint.holdReasons() & Endpoint.HOLD_BY_API) != 0 ? "api"
                : endpoint.holdReasons() != 0 ? "phone" : null);
            view.put("muted", endpoint.muted());
            view.put("telephoneEvent", endpoint.telephoneEvents());
            view.put("packetsIn", endpoint.packetsIn());
            view.put("packetsOut", endpoint.packetsOut());
        }
        return view;
    }
}
