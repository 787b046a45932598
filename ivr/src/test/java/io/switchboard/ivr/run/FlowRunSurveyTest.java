package io.switchboard.ivr.run;

import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.flow.FlowValidator;
import io.switchboard.ivr.flow.Flows;
import io.switchboard.ivr.flow.Prompt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The survey node: a key of the scale is the answer, during or after the prompt; no key or another goes on. */
class FlowRunSurveyTest
{
    static final String SURVEY = """
        { "name": "rate", "nodes": [
          { "type": "start", "id": "start", "next": "rate" },
          { "type": "survey", "id": "rate", "prompt": { "text": "Press 1 to 3." }, "levels": 3,
            "timeoutSeconds": 6, "next": "bye" },
          { "type": "end", "id": "bye", "prompt": { "text": "Thank you." } } ] }
        """;

    /** Writes down the prompts, the timer and the answers. */
    private static final class Port implements FlowPort
    {
        final List<String> said = new ArrayList<>();
        long timer = -1;

        @Override
        public void play(final Prompt prompt, final Map<String, String> variables)
        {
            said.add("play " + prompt.text());
        }

        @Override
        public void stopPlaying()
        {
            said.add("stop");
        }

        @Override
        public void music(final String audio)
        {
        }

        @Override
        public void startTimer(final long millis)
        {
            timer = millis;
        }

        @Override
        public void cancelTimer()
        {
            timer = -1;
        }

        @Override
        public void queue(final String group)
        {
        }

        @Override
        public void surveyed(final int level, final int levels)
        {
            said.add("surveyed " + level + "/" + levels);
        }

        @Override
        public void finished(final FlowRun.Outcome outcome, final String keys)
        {
            said.add("finished " + outcome + " keys=" + keys);
        }
    }

    private final Port port = new Port();
    private FlowRun run;

    @BeforeEach
    void start()
    {
        final Flow flow = Flows.parse(SURVEY);
        assertEquals(List.of(), FlowValidator.validate(flow, Flows.catalog(), false));
        run = new FlowRun(flow, port);
        run.start();
        assertEquals(List.of("play Press 1 to 3."), port.said);
    }

    @Test
    void aKeyAfterThePromptIsTheAnswer()
    {
        run.onPlayed();
        assertEquals(6000, port.timer, "the key is awaited once the prompt has played");
        run.onDigit('2');
        assertEquals(List.of("play Press 1 to 3.", "surveyed 2/3", "play Thank you."), port.said);
        run.onPlayed();
        assertEquals("finished ENDED keys=2", port.said.get(port.said.size() - 1));
    }

    @Test
    void aKeyDuringThePromptCutsItShort()
    {
        run.onDigit('3');
        assertEquals(List.of("play Press 1 to 3.", "stop", "surveyed 3/3", "play Thank you."), port.said);
    }

    @Test
    void noKeyOrAKeyOffTheScaleGoesOnWithoutAnAnswer()
    {
        run.onPlayed();
        run.onTimeout();
        assertEquals(List.of("play Press 1 to 3.", "play Thank you."), port.said);

        final Port other = new Port();
        final FlowRun again = new FlowRun(Flows.parse(SURVEY), other);
        again.start();
        again.onPlayed();
        again.onDigit('9');
        assertTrue(other.said.stream().noneMatch(s -> s.startsWith("surveyed")), other.said::toString);
        assertEquals("play Thank you.", other.said.get(other.said.size() - 1));
    }

    @Test
    void theValidatorWantsAScaleOf2To5AndANext()
    {
        final Flow bad = Flows.parse(SURVEY.replace("\"levels\": 3", "\"levels\": 7"));
        assertEquals(1, FlowValidator.validate(bad, Flows.catalog(), false).size());
    }
}
