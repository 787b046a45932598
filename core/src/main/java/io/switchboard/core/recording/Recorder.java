package io.switchboard.core.recording;

import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.call.Call;
import io.switchboard.core.call.CallListener;
import io.switchboard.core.call.CallState;
import io.switchboard.core.call.Leg;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The recorder of one SIP worker's calls, a feature attached to calls as a {@link CallListener} (the controller does
 * not know it): when a person answers a call that is to be recorded (a queue call of a group whose recording is on,
 * or a direct call, while the tenant records), it puts a {@link CallRecording} tap on the call's media session and
 * links the recording's path to the call (its service record carries it). One recording per call: a transfer's
 * answer adds a transfer mark (the new agent's staff number) to the same recording, and the tap follows the call's
 * media session should it be another one. The call's end stops it. On the worker's loop.
 */
public final class Recorder implements CallListener
{
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final RecordingQueue queue;
    private final AgentDirectory directory;
    private final BooleanSupplier tenantRecords;
    private final LongSupplier nanoClock;
    private final ZoneId zone;
    private final UnsafeBuffer scratch = RecordingQueue.scratch();
    private final Long2ObjectHashMap<CallRecording> recordings = new Long2ObjectHashMap<>();

    /**
     * @param tenantRecords whether the tenant records calls now
     * @param nanoClock     the media engine's clock (the taps' {@code now})
     * @param zone          the zone of the recordings' date folders (the server's)
     */
    public Recorder(final RecordingQueue queue, final AgentDirectory directory, final BooleanSupplier tenantRecords,
        final LongSupplier nanoClock, final ZoneId zone)
    {
        this.queue = queue;
        this.directory = directory;
        this.tenantRecords = tenantRecords;
        this.nanoClock = nanoClock;
        this.zone = zone;
    }

    /** The path of a call's recording under the recordings folder: {@code yyyy/MM/dd/<callId>.wav}. */
    public static String pathOf(final long callId, final long startedAtMs, final ZoneId zone)
    {
        return FOLDER.format(Instant.ofEpochMilli(startedAtMs).atZone(zone)) + "/" + callId + ".wav";
    }

    @Override
    public void answered(final Call call, final Leg leg)
    {
        final CallRecording known = recordings.get(call.id());
        if (known != null)
        {
            follow(call, leg, known);
            return;
        }
        if (call.media() == null || !wanted(call) || !queue.accepting())
        {
            return;
        }
        final long now = nanoClock.getAsLong();
        final CallRecording recording = new CallRecording(call.id(), now, queue, scratch);
        final String path = pathOf(call.id(), call.startedAtMs(), zone);
        queue.control(new RecordingQueue.Start(call.id(), path, now));
        recordings.put(call.id(), recording);
        call.recording(path);
        follow(call, leg, recording);
    }

    /** Whether the call is to be recorded: the tenant records, and the call's group (if it has one) does. */
    private boolean wanted(final Call call)
    {
        if (!tenantRecords.getAsBoolean())
        {
            return false;
        }
        final AgentDirectory.Group group = call.lastGroup() < 0 || directory == null ? null
            : directory.group(call.lastGroup());
        return group == null || group.recording();
    }

    /** The tap on the call's current session, the channels by who is the customer, a new agent marked. */
    private void follow(final Call call, final Leg leg, final CallRecording recording)
    {
        if (recording.session != call.media())
        {
            if (recording.session != null)
            {
                recording.session.removeTap(recording);
            }
            recording.session = call.media();
            recording.session.addTap(recording);
        }
        final Leg caller = call.caller();
        // An agent's own call has the agent as its caller: the customer is the one who answered.
        final Leg customer = caller != null && caller.agentId() >= 0 && leg.agentId() < 0 ? leg : caller;
        recording.customer = customer != null ? customer.endpoint() : null;
        final long now = nanoClock.getAsLong();
        if (recording.agentLeg != null && recording.agentLeg != leg)
        {
            recording.mark(now, "transfer", who(leg));
        }
        recording.agentLeg = leg;
        recording.holdChanged(now);
    }

    private String who(final Leg leg)
    {
        final AgentDirectory.Agent agent = directory == null || leg.agentId() < 0 ? null
            : directory.agent(leg.agentId());
        if (agent != null)
        {
            return agent.staffNo();
        }
        return leg.extension() != null ? leg.extension() : leg.party() != null ? leg.party() : "";
    }

    @Override
    public void ended(final Call call, final CallState before, final int status, final String reason)
    {
        final CallRecording recording = recordings.remove(call.id());
        if (recording != null)
        {
            recording.session.removeTap(recording);
            queue.control(new RecordingQueue.Stop(call.id()));
        }
    }

    /** Calls being recorded on this worker now. */
    public int recording()
    {
        return recordings.size();
    }
}
