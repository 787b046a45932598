package io.switchboard.core.call;

import io.netty.channel.EventLoop;
import io.switchboard.core.admin.SurveySettings;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.flows.AudioLibrary;
import io.switchboard.core.flows.SpeechSynthesizer;
import io.switchboard.core.records.Satisfaction;
import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.flow.Prompt;
import io.switchboard.ivr.run.FlowPort;
import io.switchboard.ivr.run.FlowRun;
import io.switchboard.media.audio.AudioClip;
import io.switchboard.sip.util.TimerScheduler;

import javax.sip.message.Response;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Calls in IVR flows on one SIP worker: the caller is answered, a {@link FlowRun} interprets the flow, and this
 * class is the port it runs through: prompts (library audio, or speech rendered off the loop) played to the
 * caller's endpoint, the caller's keys, one timer per call on the worker's timer wheel, and the hand-over to the ACD
 * for a transfer node.
 */
public final class FlowCalls implements CallListener
{
    private final CallControl calls;
    private final CallMedia media;
    private final QueuedCalls queues;
    private final AgentDirectory directory;
    private final SpeechSynthesizer speech;
    private final AudioLibrary audio;
    private final Function<String, Flow> numbers;
    private final EventLoop loop;
    private Supplier<SurveySettings> survey = () -> SurveySettings.DEFAULT;

    public FlowCalls(final CallControl calls, final CallMedia media, final QueuedCalls queues,
        final AgentDirectory directory, final SpeechSynthesizer speech, final AudioLibrary audio,
        final Function<String, Flow> numbers, final EventLoop loop)
    {
        this.calls = calls;
        this.media = media;
        this.queues = queues;
        this.directory = directory;
        this.speech = speech;
        this.audio = audio;
        this.numbers = numbers;
        this.loop = loop;
    }

    /** Where survey nodes find the labels of the tenant's survey (any thread reads it). */
    public FlowCalls survey(final Supplier<SurveySettings> settings)
    {
        this.survey = settings;
        return this;
    }

    /**
     * A survey node's answer, with the tenant's label for the level when its survey has as many levels (else the
     * level out of the node's scale, "2/5").
     */
    Satisfaction answer(final int level, final int levels)
    {
        final SurveySettings settings = survey.get();
        final String label = settings.levels().size() == levels ? settings.label(level) : level + "/" + levels;
        return new Satisfaction(level, levels, label, null, null, System.currentTimeMillis());
    }

    /** The published flow a dialled number runs, or null. */
    Flow flowFor(final String number)
    {
        return number == null ? null : numbers.apply(number);
    }

    /** Answers the caller and starts the flow. */
    void start(final Call call, final Flow flow)
    {
        calls.answerCaller(call);
        final Run run = new Run(call, false);
        call.flow = run;
        run.run = new FlowRun(flow, run);
        run.run.start();
    }

    /**
     * Self-service: the agent hands the caller to a flow in the middle of a call. The agent's leg is parked (it
     * hears the hold music), the caller goes through the flow, and when the flow ends the two are connected again
     * and the agent sees the keys the caller pressed ({@code selfService} in the call's view).
     */
    void selfService(final Call call, final Flow flow)
    {
        if (call.flow != null && !call.flow.run().done())
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE, "the caller is already in a flow");
        }
        if (call.flow != null)
        {
            // The record keeps every flow's keys; the call's view shows only the current one.
            call.flowKeys.append(call.flow.run().keys());
        }
        call.media.unbridge();
        final Run run = new Run(call, true);
        // An agent who had put the other party on hold finds it still on hold afterwards.
        run.heldBefore = (call.answered().endpoint.holdReasons() & io.switchboard.media.engine.Endpoint.HOLD_BY_API)
            != 0;
        call.answered().endpoint.hold(io.switchboard.media.engine.Endpoint.HOLD_BY_API, true);
        // The caller hears the flow now, not hold music (the flow's prompts would otherwise stay silent).
        call.caller().endpoint.hold(io.switchboard.media.engine.Endpoint.HOLD_BY_API, false);
        call.flow = run;
        call.selfService = new java.util.LinkedHashMap<>(Map.of("flow", flow.name(), "state", "running"));
        run.run = new FlowRun(flow, run);
        run.run.start();
    }

    /**
     * The agent hung up (its BYE): when the call's group has the post-call survey on and the caller is not in a
     * flow or a transfer, the agent's leg is set aside (the ACD puts the agent in wrap-up), and the caller goes
     * through the tenant's survey (its levels spoken, one key, a thank-you), after which the call ends as the agent
     * ended it. False (nothing done) when there is no survey to take.
     */
    boolean postCallSurvey(final Call call, final Leg leg)
    {
        final int groupId = call.queueGroup >= 0 ? call.queueGroup : call.lastGroup;
        final AgentDirectory.Group group = directory == null || groupId < 0 ? null : directory.group(groupId);
        if (group == null || !group.postCallSurvey() || leg.agentId < 0 || leg != call.answered()
            || call.transfer != null || call.satisfaction != null || call.flow != null && !call.flow.run().done())
        {
            return false;
        }
        calls.setAside(call, leg);
        if (call.flow != null)
        {
            call.flowKeys.append(call.flow.run().keys());
        }
        final Run run = new Run(call, false);
        run.postCall = true;
        call.flow = run;
        run.run = new FlowRun(PostCallSurvey.flow(survey.get()), run);
        run.run.start();
        return true;
    }

    /** A call in a flow ended: the flow stops (its prompt, its timers). */
    @Override
    public void ended(final Call call, final CallState before, final int status, final String reason)
    {
        if (call.flow != null)
        {
            call.flow.ended();
        }
    }

    final class Run implements FlowPort
    {
        private final Call call;
        private final boolean selfService;
        private boolean heldBefore;
        /** The survey after the agent hung up: its end is the call's, as the agent's hang-up. */
        private boolean postCall;
        private FlowRun run;
        /** Bumped by every play and stop: a prompt whose speech arrives after it was replaced is not played. */
        private int playing;
        private TimerScheduler.Cancellable timer;

        Run(final Call call, final boolean selfService)
        {
            this.call = call;
            this.selfService = selfService;
        }

        FlowRun run()
        {
            return run;
        }

        /** A key from the caller; false once the flow is over (the key then goes to the agent). */
        boolean digit(final char digit)
        {
            if (run.done())
            {
                return false;
            }
            run.onDigit(digit);
            return true;
        }

        void played()
        {
            if (!run.done())
            {
                run.onPlayed();
            }
        }

        void position(final int ahead)
        {
            run.onPosition(ahead);
        }

        void agentAnswered(final String staffNo)
        {
            run.onAgentAnswered(staffNo);
        }

        void ended()
        {
            cancelTimer();
            playing++;
        }

        @Override
        public void play(final Prompt prompt, final Map<String, String> variables)
        {
            final int token = ++playing;
            if (prompt.isSpeech())
            {
                speech.clip(prompt.voiceOrDefault(), prompt.render(variables)).whenCompleteAsync((clip, failure) ->
                    start(token, failure == null ? clip : null), loop);
            }
            else
            {
                start(token, audio.clip(prompt.audio()));
            }
        }

        private void start(final int token, final AudioClip clip)
        {
            if (token != playing || call.isOver())
            {
                return;
            }
            if (clip == null)
            {
                // Nothing to play (speech failed, audio gone): the flow goes on as if it had been heard.
                loop.execute(() ->
                {
                    if (token == playing)
                    {
                        played();
                    }
                });
                return;
            }
            call.caller().endpoint.play(clip, false);
        }

        @Override
        public void stopPlaying()
        {
            playing++;
            call.caller().endpoint.stopPlaying();
        }

        @Override
        public void music(final String id)
        {
            playing++;
            final AudioClip clip = id == null ? null : audio.clip(id);
            call.caller().endpoint.play(clip != null ? clip : media.engine().holdMusic(), true);
        }

        @Override
        public void startTimer(final long millis)
        {
            cancelTimer();
            timer = calls.scheduler().schedule(() ->
            {
                timer = null;
                if (!run.done() && !call.isOver())
                {
                    run.onTimeout();
                }
            }, millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void cancelTimer()
        {
            if (timer != null)
            {
                timer.cancel();
                timer = null;
            }
        }

        /** The self-service flow is over: the caller and the agent talk again; the agent sees the keys. */
        private void backToAgent(final FlowRun.Outcome outcome, final String keys)
        {
            playing++;
            call.selfService.put("state", outcome == FlowRun.Outcome.TOO_MANY_ERRORS ? "too-many-errors" : "done");
            call.selfService.put("keys", keys);
            if (call.isOver() || call.answered() == null)
            {
                return;
            }
            call.caller().endpoint.stopPlaying();
            if (!heldBefore)
            {
                call.answered().endpoint.hold(io.switchboard.media.engine.Endpoint.HOLD_BY_API, false);
            }
            call.media.bridge();
        }

        @Override
        public void surveyed(final int level, final int levels)
        {
            call.satisfaction = answer(level, levels);
        }

        @Override
        public void queue(final String group)
        {
            if (selfService)
            {
                // A self-service flow returns the caller to the agent; it does not queue them elsewhere.
                run.onAgentAnswered("");
                return;
            }
            final AgentDirectory.Group found = directory == null ? null : directory.group(group);
            if (found == null || queues == null)
            {
                calls.endCall(call, Response.TEMPORARILY_UNAVAILABLE, "no group " + group);
                return;
            }
            queues.enqueue(call, found.id());
        }

        @Override
        public void finished(final FlowRun.Outcome outcome, final String keys)
        {
            cancelTimer();
            if (selfService)
            {
                backToAgent(outcome, keys);
                return;
            }
            if (outcome == FlowRun.Outcome.TRANSFERRED)
            {
                queues.connect(call);
            }
            else if (!call.isOver())
            {
                calls.endCall(call, Response.REQUEST_TERMINATED, postCall ? "callee hung up" : "flow ended");
            }
        }
    }
}
