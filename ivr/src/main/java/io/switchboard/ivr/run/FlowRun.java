package io.switchboard.ivr.run;

import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.flow.Node;
import io.switchboard.ivr.flow.Prompt;

import java.util.HashMap;
import java.util.Map;

/**
 * One caller going through one flow: the interpreter. Event driven and single threaded (the call's owner thread):
 * {@link #start()}, then the port's reports {@link #onPlayed()}, {@link #onDigit(char)}, {@link #onTimeout()},
 * {@link #onPosition(int)} and {@link #onAgentAnswered(String)}. Keys pressed while a branch's prompt plays cut it
 * short (barge-in); keys of several digits are collected until one names a branch, or the timeout.
 */
public final class FlowRun
{
    /** How a flow ended. */
    public enum Outcome
    {
        /** An end node. */
        ENDED,
        /** Too many wrong keys or timeouts in a branch: the caller is hung up. */
        TOO_MANY_ERRORS,
        /** A transfer node: an agent answered. */
        TRANSFERRED
    }

    /** What the run is waiting for. */
    private enum Phase
    {
        IDLE, PLAYING, PROMPTING, COLLECTING, ERROR_PROMPT, GIVING_UP, RECORDING_NOTICE, QUEUE_PROMPT, QUEUED,
        ANNOUNCING, ANSWER_PROMPT, END_PROMPT, SURVEY_PROMPT, SURVEY_WAIT, DONE
    }

    public static final String WAIT_NO = "WaitNo";
    public static final String STAFF_NO = "StaffNo";

    private final Flow flow;
    private final Map<String, Node> nodes;
    private final FlowPort port;
    private final Map<String, String> variables = new HashMap<>();
    private final StringBuilder keys = new StringBuilder();
    private final StringBuilder collected = new StringBuilder();
    private Node node;
    private Phase phase = Phase.IDLE;
    private int errors;

    public FlowRun(final Flow flow, final FlowPort port)
    {
        this.flow = flow;
        this.nodes = flow.byId();
        this.port = port;
        variables.put(WAIT_NO, "0");
        variables.put(STAFF_NO, "");
    }

    public void start()
    {
        enter(flow.start().next());
    }

    public String keys()
    {
        return keys.toString();
    }

    public Map<String, String> variables()
    {
        return Map.copyOf(variables);
    }

    /** The node the caller is at (its id), or null once done. */
    public String at()
    {
        return phase == Phase.DONE || node == null ? null : node.id();
    }

    public boolean done()
    {
        return phase == Phase.DONE;
    }

    // ------------------------------------------------------------------------------------------------ events

    public void onPlayed()
    {
        switch (phase)
        {
            case PLAYING -> enter(((Node.Play)node).next());
            case PROMPTING -> collect();
            case ERROR_PROMPT -> prompt();
            case GIVING_UP -> finish(Outcome.TOO_MANY_ERRORS);
            case RECORDING_NOTICE -> transferPrompt((Node.Transfer)node);
            case QUEUE_PROMPT -> queue();
            case ANNOUNCING -> resumeQueue();
            case ANSWER_PROMPT -> finish(Outcome.TRANSFERRED);
            case END_PROMPT -> finish(Outcome.ENDED);
            case SURVEY_PROMPT ->
            {
                phase = Phase.SURVEY_WAIT;
                port.startTimer(((Node.Survey)node).timeoutSeconds() * 1000L);
            }
            default ->
            {
                // A late report of a prompt we already cut short.
            }
        }
    }

    public void onDigit(final char digit)
    {
        if (phase == Phase.DONE)
        {
            return;
        }
        keys.append(digit);
        if (phase == Phase.SURVEY_PROMPT || phase == Phase.SURVEY_WAIT)
        {
            surveyKey(digit);
            return;
        }
        if (phase == Phase.PROMPTING || phase == Phase.ERROR_PROMPT)
        {
            port.stopPlaying();
            phase = Phase.COLLECTING;
        }
        if (phase != Phase.COLLECTING)
        {
            return;
        }
        port.cancelTimer();
        collected.append(digit);
        final Node.Branch branch = (Node.Branch)node;
        final String sofar = collected.toString();
        final String target = branch.keys().get(sofar);
        final boolean longer = branch.keys().keySet().stream().anyMatch(k -> k.length() > sofar.length()
            && k.startsWith(sofar));
        if (target != null && !longer)
        {
            enter(target);
        }
        else if (target != null || longer)
        {
            port.startTimer(branch.timeoutSeconds() * 1000L);
        }
        else
        {
            mistake(branch.errorPrompt());
        }
    }

    public void onTimeout()
    {
        if (phase == Phase.COLLECTING)
        {
            final Node.Branch branch = (Node.Branch)node;
            final String target = branch.keys().get(collected.toString());
            if (target != null)
            {
                enter(target);
            }
            else
            {
                mistake(collected.length() == 0 ? branch.timeoutPrompt() : branch.errorPrompt());
            }
        }
        else if (phase == Phase.SURVEY_WAIT)
        {
            // No answer: the survey lets the caller go on.
            enter(((Node.Survey)node).next());
        }
        else if (phase == Phase.QUEUED)
        {
            phase = Phase.ANNOUNCING;
            port.play(((Node.Transfer)node).positionPrompt(), variables);
        }
    }

    /** The number of callers ahead in the queue changed ({@code ${WaitNo}}). */
    public void onPosition(final int ahead)
    {
        variables.put(WAIT_NO, Integer.toString(ahead));
    }

    /** An agent answered the transferred call ({@code ${StaffNo}}). */
    public void onAgentAnswered(final String staffNo)
    {
        if (phase != Phase.QUEUED && phase != Phase.ANNOUNCING && phase != Phase.QUEUE_PROMPT)
        {
            return;
        }
        variables.put(STAFF_NO, staffNo);
        port.cancelTimer();
        final Prompt answer = ((Node.Transfer)node).answerPrompt();
        if (answer == null)
        {
            finish(Outcome.TRANSFERRED);
            return;
        }
        if (phase == Phase.ANNOUNCING || phase == Phase.QUEUE_PROMPT)
        {
            port.stopPlaying();
        }
        phase = Phase.ANSWER_PROMPT;
        port.play(answer, variables);
    }

    // ------------------------------------------------------------------------------------------------ moves

    private void enter(final String id)
    {
        node = nodes.get(id);
        collected.setLength(0);
        if (node instanceof Node.Play play)
        {
            phase = Phase.PLAYING;
            port.play(play.prompt(), variables);
        }
        else if (node instanceof Node.Branch)
        {
            errors = 0;
            prompt();
        }
        else if (node instanceof Node.Transfer transfer)
        {
            if (transfer.announcesRecording())
            {
                phase = Phase.RECORDING_NOTICE;
                port.play(Prompt.recordingNotice(flow.voice(transfer)), variables);
            }
            else
            {
                transferPrompt(transfer);
            }
        }
        else if (node instanceof Node.Survey survey)
        {
            phase = Phase.SURVEY_PROMPT;
            port.play(survey.prompt(), variables);
        }
        else if (node instanceof Node.End end && end.prompt() != null)
        {
            phase = Phase.END_PROMPT;
            port.play(end.prompt(), variables);
        }
        else
        {
            finish(Outcome.ENDED);
        }
    }

    /** A transfer node's own prompt (after the recording notice, if any), then the queue. */
    private void transferPrompt(final Node.Transfer transfer)
    {
        if (transfer.prompt() != null)
        {
            phase = Phase.QUEUE_PROMPT;
            port.play(transfer.prompt(), variables);
        }
        else
        {
            queue();
        }
    }

    /** A key during the survey (barge-in while its prompt plays): 1 to levels is the answer; any key goes on. */
    private void surveyKey(final char digit)
    {
        final Node.Survey survey = (Node.Survey)node;
        if (phase == Phase.SURVEY_PROMPT)
        {
            port.stopPlaying();
        }
        port.cancelTimer();
        final int level = digit - '0';
        if (level >= 1 && level <= survey.levels())
        {
            port.surveyed(level, survey.levels());
        }
        enter(survey.next());
    }

    private void prompt()
    {
        collected.setLength(0);
        phase = Phase.PROMPTING;
        port.play(((Node.Branch)node).prompt(), variables);
    }

    private void collect()
    {
        phase = Phase.COLLECTING;
        port.startTimer(((Node.Branch)node).timeoutSeconds() * 1000L);
    }

    /** A wrong key or no key: say so and ask again, or give up after the branch's maximum. */
    private void mistake(final Prompt said)
    {
        final Node.Branch branch = (Node.Branch)node;
        errors++;
        collected.setLength(0);
        if (errors >= branch.maxErrors())
        {
            phase = Phase.GIVING_UP;
        }
        else
        {
            phase = Phase.ERROR_PROMPT;
        }
        if (said != null)
        {
            port.play(said, variables);
        }
        else
        {
            onPlayed();
        }
    }

    private void queue()
    {
        final Node.Transfer transfer = (Node.Transfer)node;
        phase = Phase.QUEUED;
        port.queue(transfer.group());
        if (phase != Phase.QUEUED)
        {
            // The port answered at once (self-service returns to the agent) or the call is gone.
            return;
        }
        port.music(transfer.music());
        if (transfer.announceSeconds() > 0)
        {
            port.startTimer(transfer.announceSeconds() * 1000L);
        }
    }

    private void resumeQueue()
    {
        final Node.Transfer transfer = (Node.Transfer)node;
        phase = Phase.QUEUED;
        port.music(transfer.music());
        port.startTimer(transfer.announceSeconds() * 1000L);
    }

    private void finish(final Outcome outcome)
    {
        phase = Phase.DONE;
        port.cancelTimer();
        port.finished(outcome, keys.toString());
    }
}
