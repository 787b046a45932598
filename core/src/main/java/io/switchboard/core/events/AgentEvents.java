package io.switchboard.core.events;

import io.switchboard.core.publish.Published;
import io.switchboard.acd.AcdListener;
import io.switchboard.acd.AgentState;
import io.switchboard.acd.Fallback;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.call.Call;
import io.switchboard.core.call.CallEvents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Turns what the calls and the ACD report into the agents' WebSocket events: {@code offer} (the caller's number,
 * the number dialled, the keys pressed on the way, the ring countdown, whether the phone answers by itself and the
 * screen-pop pages filled in), {@code dialled} (the agent's own outside call, with its screen pops),
 * {@code withdrawn}, {@code connected}, {@code ended}, {@code supervised} (the tenant's notice that a supervisor
 * listens, with its mode, null once it left), and {@code state} (with the wrap-up countdown).
 */
public final class AgentEvents implements CallEvents, AcdListener
{
    private final EventHub hub;
    private final AgentDirectory directory;
    /** Read on the SIP workers' threads, replaced whole from the API's loop when an administrator changes it. */
    private final Published<ScreenPops> screenPops;
    /** The tenant's times as they are now (an administrator may change them). */
    private final IntSupplier ringTimeoutSeconds;
    private final IntSupplier wrapUpSeconds;

    public AgentEvents(final EventHub hub, final AgentDirectory directory, final ScreenPops screenPops,
        final IntSupplier ringTimeoutSeconds, final IntSupplier wrapUpSeconds)
    {
        this.hub = hub;
        this.directory = directory;
        this.screenPops = new Published<>(screenPops);
        this.ringTimeoutSeconds = ringTimeoutSeconds;
        this.wrapUpSeconds = wrapUpSeconds;
    }

    /** The pages that offers made from now on are filled with. */
    public void screenPops(final ScreenPops pages)
    {
        screenPops.publish(pages);
    }

    /** Whether the agent's workbench is open: its events socket (presence; any thread). */
    public boolean workbenchOpen(final String staffNo)
    {
        return hub.workbenchOpen(staffNo);
    }

    @Override
    public void offered(final int agentId, final Call call, final boolean autoAnswer)
    {
        final AgentDirectory.Agent agent = directory.agent(agentId);
        if (agent == null)
        {
            return;
        }
        final Map<String, Object> event = callEvent("offer", agent, call);
        // 0: the tenant switched the ring timeout off, the offer rings until answered or the caller leaves
        event.put("ringSeconds", ringTimeoutSeconds.getAsInt());
        // the phone answers by itself (自动接听): the workbench shows the call, not an offer to answer
        event.put("autoAnswer", autoAnswer);
        final List<String> keys = keys(call);
        event.put("keys", keys);
        event.put("screenPops", screenPops.get().fill(Map.of("callId", Long.toString(call.id()), "caller", call.from(),
            "number", call.to(), "keys", String.join("", keys), "agent", agent.staffNo(), "customer", call.from(),
            "direction", "inbound")));
        hub.publish(agent.staffNo(), event);
    }

    /** The agent's own outside call: the screen pops with the number dialled (客服坐席主动外呼). */
    @Override
    public void dialled(final int agentId, final Call call)
    {
        final AgentDirectory.Agent agent = directory.agent(agentId);
        if (agent == null)
        {
            return;
        }
        final Map<String, Object> event = callEvent("dialled", agent, call);
        event.put("screenPops", screenPops.get().fill(Map.of("callId", Long.toString(call.id()), "caller", call.from(),
            "number", call.to(), "keys", "", "agent", agent.staffNo(), "customer", call.to(),
            "direction", "outbound")));
        hub.publish(agent.staffNo(), event);
    }

    @Override
    public void withdrawn(final int agentId, final Call call)
    {
        publish("withdrawn", agentId, call);
    }

    @Override
    public void connected(final int agentId, final Call call)
    {
        publish("connected", agentId, call);
    }

    @Override
    public void ended(final int agentId, final Call call)
    {
        publish("ended", agentId, call);
    }

    /** The notice that a supervisor listens ({@code mode}), or no longer does (null). */
    @Override
    public void supervised(final int agentId, final Call call, final String mode)
    {
        final AgentDirectory.Agent agent = directory.agent(agentId);
        if (agent != null)
        {
            final Map<String, Object> event = callEvent("supervised", agent, call);
            event.put("mode", mode);
            hub.publish(agent.staffNo(), event);
        }
    }

    private void publish(final String type, final int agentId, final Call call)
    {
        final AgentDirectory.Agent agent = directory.agent(agentId);
        if (agent != null)
        {
            hub.publish(agent.staffNo(), callEvent(type, agent, call));
        }
    }

    private static Map<String, Object> callEvent(final String type, final AgentDirectory.Agent agent, final Call call)
    {
        final Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("agent", agent.staffNo());
        event.put("call", call.id());
        event.put("caller", call.from());
        event.put("number", call.to());
        return event;
    }

    /** The keys the caller pressed before reaching the agent (its path through the flow). */
    private static List<String> keys(final Call call)
    {
        final List<String> keys = new ArrayList<>();
        for (final String digit : call.digits())
        {
            if (digit.startsWith("caller:"))
            {
                keys.add(digit.substring(7));
            }
        }
        return keys;
    }

    // ------------------------------------------------------------------------------------- from the ACD

    @Override
    public void agentState(final int agentId, final AgentState state, final int reason)
    {
        final AgentDirectory.Agent agent = directory.agent(agentId);
        if (agent == null)
        {
            return;
        }
        final Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "state");
        event.put("agent", agent.staffNo());
        event.put("state", state.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        event.put("reason", state == AgentState.BREAK ? directory.breakReasonName(reason) : null);
        if (state == AgentState.WRAP_UP)
        {
            // with state recovery off the wrap-up is kept open: no countdown, the page counts up
            final int seconds = wrapUpSeconds.getAsInt();
            event.put("wrapUpSeconds", seconds > 0 ? seconds : null);
            event.put("wrapUpKept", seconds <= 0);
        }
        hub.publish(agent.staffNo(), event);
    }

    @Override
    public void offer(final long callId, final int agentId, final boolean autoAnswer)
    {
        // Offers reach the workers, which announce them with the call's details (offered).
    }

    @Override
    public void withdraw(final long callId, final int agentId)
    {
    }

    @Override
    public void position(final long callId, final int ahead)
    {
    }

    @Override
    public void fallback(final long callId, final Fallback fallback)
    {
    }
}
