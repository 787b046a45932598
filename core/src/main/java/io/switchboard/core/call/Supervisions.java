package io.switchboard.core.call;

import io.switchboard.core.signalling.Locator;
import io.switchboard.media.engine.SuperviseMode;
import io.switchboard.media.engine.SupervisorMix;

import javax.sip.message.Response;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Supervisors on live calls (Asterisk's ChanSpy, FreeSWITCH's eavesdrop): a feature attached to calls, one per
 * worker, on its loop. A supervisor's leg is a call of its own on the same worker that rings the supervisor's phones
 * (its workbench's WebRTC phone answers by itself); once one answers, a {@link SupervisorMix} joins that phone to the
 * supervised call's media in the mode asked (listen, whisper, barge), which can change at any time without any
 * re-INVITE. The supervision ends when the supervisor leaves or hangs up, or the call ends; the call's parties then
 * go back to the plain relay. With the tenant's notice on, the agent's workbench hears of it.
 */
public final class Supervisions implements CallListener
{
    /** The type of a supervisor's leg (kept out of the service records). */
    public static final String TYPE = "supervision";

    /**
     * Who supervises: the account, its name, the extension whose phones ring, and the skill groups it is limited to
     * (null: every call).
     */
    public record Supervisor(String account, String name, String extension, Set<Integer> groups)
    {
    }

    /** One supervision: the supervised call, the supervisor's own call, the mix once its phone answered. */
    private static final class Supervision
    {
        final Call call;
        final Supervisor supervisor;
        final int agentId;
        Call leg;
        SuperviseMode mode;
        SupervisorMix mix;

        Supervision(final Call call, final Supervisor supervisor, final int agentId, final SuperviseMode mode)
        {
            this.call = call;
            this.supervisor = supervisor;
            this.agentId = agentId;
            this.mode = mode;
        }
    }

    private final CallControl calls;
    private final CallCommands commands;
    private final BooleanSupplier notice;
    private final LongSupplier ringTimeoutMillis;
    /** By the supervised call's id, and by the id of the supervisor's own call. */
    private final Map<Long, Supervision> byCall = new HashMap<>();
    private final Map<Long, Supervision> byLeg = new HashMap<>();

    /**
     * @param calls             the worker's calls
     * @param commands          the worker's commands (rings the supervisor's phones)
     * @param notice            whether the agent's workbench is told it is being supervised (tenant setting)
     * @param ringTimeoutMillis how long the supervisor's phones ring
     */
    public Supervisions(final CallControl calls, final CallCommands commands, final BooleanSupplier notice,
        final LongSupplier ringTimeoutMillis)
    {
        this.calls = calls;
        this.commands = commands;
        this.notice = notice;
        this.ringTimeoutMillis = ringTimeoutMillis;
    }

    /**
     * Starts supervising call {@code id}: the supervisor's phones ring, and the mix starts when one answers. Refused
     * (as {@link CallCommandException}) for an unknown call, one outside the supervisor's groups, one not talking to
     * an agent, one already supervised, and a supervisor without a registered phone.
     */
    public Map<String, Object> start(final long id, final Supervisor supervisor, final SuperviseMode mode)
    {
        final Call call = calls.call(id);
        if (call == null || TYPE.equals(call.type))
        {
            throw new CallCommandException(CallCommandException.Reason.UNKNOWN_CALL, "no call " + id);
        }
        final int group = call.queueGroup >= 0 ? call.queueGroup : call.lastGroup;
        if (supervisor.groups() != null && !supervisor.groups().contains(group))
        {
            throw new CallCommandException(CallCommandException.Reason.FORBIDDEN,
                "call " + id + " is not in a group this supervisor supervises");
        }
        final Leg agent = agentLeg(call);
        if (agent == null)
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                "call " + id + " is not answered by an agent yet");
        }
        if (byCall.containsKey(id))
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                "call " + id + " is already supervised by " + byCall.get(id).supervisor.name());
        }
        if (supervisor.extension() == null)
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                "the account has no extension: a supervisor needs a phone (or the workbench's) to listen");
        }
        final List<Locator.Contact> contacts = calls.locator().contactsOf(supervisor.extension());
        if (contacts.isEmpty())
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                "the phone of extension " + supervisor.extension() + " is not registered");
        }
        final Supervision supervision = new Supervision(call, supervisor, agent.agentId, mode);
        supervision.leg = commands.ringOwnPhones(supervisor.extension(), contacts, call.from(), TYPE, "supervisor",
            -1, true, ringTimeoutMillis.getAsLong(), own ->
            {
                own.callerDisplay = "Supervise " + mode.label();
                own.ownPhoneAnswered = phone -> answered(supervision, phone);
            });
        byCall.put(id, supervision);
        byLeg.put(supervision.leg.id(), supervision);
        return view(supervision);
    }

    /** The agent's leg of a call that talks to an agent, with its media; else null. */
    private static Leg agentLeg(final Call call)
    {
        if (call.media == null || call.caller() == null || call.answered() == null
            || call.state() != CallState.ANSWERED && call.state() != CallState.CONFIRMED)
        {
            return null;
        }
        final Leg agent = CallCommands.agentSide(call);
        return agent.agentId >= 0 && agent.endpoint != null ? agent : null;
    }

    /** The supervisor's phone answered: the mix starts in the mode asked last. */
    private void answered(final Supervision supervision, final Leg phone)
    {
        final Leg agent = agentLeg(supervision.call);
        if (supervision.call.isOver() || agent == null || phone.endpoint == null)
        {
            end(supervision, "the call is no longer talking to an agent");
            return;
        }
        supervision.mix = new SupervisorMix(supervision.call.media, agent.endpoint, phone.endpoint,
            supervision.mode);
        told(supervision, supervision.mode);
    }

    /** Switches the mode of the supervision of call {@code id}. */
    public Map<String, Object> mode(final long id, final Supervisor supervisor, final SuperviseMode mode)
    {
        final Supervision supervision = supervision(id, supervisor);
        supervision.mode = mode;
        if (supervision.mix != null)
        {
            supervision.mix.mode(mode);
            told(supervision, mode);
        }
        return view(supervision);
    }

    /** The supervisor leaves call {@code id}: its leg is hung up, the call goes on as before. */
    public Map<String, Object> leave(final long id, final Supervisor supervisor)
    {
        final Supervision supervision = supervision(id, supervisor);
        final Map<String, Object> view = view(supervision);
        end(supervision, "the supervisor left");
        view.put("state", "ended");
        return view;
    }

    private Supervision supervision(final long id, final Supervisor supervisor)
    {
        final Supervision supervision = byCall.get(id);
        if (supervision == null)
        {
            throw new CallCommandException(calls.call(id) == null ? CallCommandException.Reason.UNKNOWN_CALL
                : CallCommandException.Reason.NOT_FOUND, "call " + id + " is not supervised");
        }
        if (supervisor.groups() != null && !supervisor.groups().contains(supervision.call.queueGroup >= 0
            ? supervision.call.queueGroup : supervision.call.lastGroup))
        {
            throw new CallCommandException(CallCommandException.Reason.FORBIDDEN,
                "call " + id + " is not in a group this supervisor supervises");
        }
        return supervision;
    }

    /** How the supervision of call {@code id} shows in the call's view, or null when there is none. */
    public Map<String, Object> describe(final long id)
    {
        final Supervision supervision = byCall.get(id);
        return supervision == null ? null : view(supervision);
    }

    private static Map<String, Object> view(final Supervision supervision)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("call", supervision.call.id());
        view.put("mode", supervision.mode.label());
        view.put("state", supervision.mix != null ? "connected" : "ringing");
        view.put("supervisor", supervision.supervisor.account());
        view.put("supervisorName", supervision.supervisor.name());
        view.put("extension", supervision.supervisor.extension());
        view.put("leg", supervision.leg.id());
        return view;
    }

    private void end(final Supervision supervision, final String reason)
    {
        if (byCall.remove(supervision.call.id(), supervision))
        {
            byLeg.remove(supervision.leg.id());
            if (supervision.mix != null)
            {
                supervision.mix.stop();
                told(supervision, null);
            }
            calls.endCall(supervision.leg, Response.REQUEST_TERMINATED, reason);
        }
    }

    /** The agent's workbench hears of the supervision (its mode, or null when it is over) if the tenant says so. */
    private void told(final Supervision supervision, final SuperviseMode mode)
    {
        if (notice.getAsBoolean() && !supervision.call.isOver())
        {
            calls.events().supervised(supervision.agentId, supervision.call, mode == null ? null : mode.label());
        }
    }

    /** The supervised call ends (before its media closes): the supervisor's leg is hung up too. */
    @Override
    public void ending(final Call call)
    {
        final Supervision supervised = byCall.get(call.id());
        if (supervised != null)
        {
            end(supervised, "the supervised call ended");
        }
        final Supervision own = byLeg.get(call.id());
        if (own != null)
        {
            // The supervisor hung up (or its phones did not answer): the call goes on without it.
            end(own, "the supervisor hung up");
        }
    }

    /** Supervisions in progress on this worker (tests, metrics). */
    public int active()
    {
        return byCall.size();
    }
}
