package io.switchboard.ivr.run;

import io.switchboard.ivr.flow.Flows;
import io.switchboard.ivr.flow.Prompt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interpreter with a recording port; the port's timer fires when the test says so. */
class FlowRunTest
{
    /** Writes down what the flow asked for, as text. */
    private static class RecordingPort implements FlowPort
    {
        final List<String> said = new ArrayList<>();
        long timer = -1;
        /** Like a self-service call: a transfer is answered at once (the agent is already there). */
        FlowRun answerAtOnce;

        @Override
        public void play(final Prompt prompt, final Map<String, String> variables)
        {
            said.add("play " + (prompt.isSpeech() ? prompt.render(variables) : "audio:" + prompt.audio()));
        }

        @Override
        public void stopPlaying()
        {
            said.add("stop");
        }

        @Override
        public void music(final String audio)
        {
            said.add("music " + audio);
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
            said.add("queue " + group);
            if (answerAtOnce != null)
            {
                answerAtOnce.onAgentAnswered("");
            }
        }

        @Override
        public void finished(final FlowRun.Outcome outcome, final String keys)
        {
            said.add("finished " + outcome + " keys=" + keys);
        }

        String last()
        {
            return said.get(said.size() - 1);
        }
    }

    private final RecordingPort port = new RecordingPort();
    private FlowRun run;

    @BeforeEach
    void setUp()
    {
        run = new FlowRun(Flows.parse(Flows.DEMO), port);
        run.start();
        assertEquals("play Welcome to Switchboard.", port.last());
        run.onPlayed();
        assertTrue(port.last().startsWith("play For support press 1"));
    }

    @Test
    void aKeyAfterThePromptTakesItsBranch()
    {
        run.onPlayed();
        assertEquals(5000, port.timer, "the branch's timeout runs once the prompt has played");
        run.onDigit('2');
        assertEquals(List.of("queue sales", "music null"), port.said.subList(port.said.size() - 2, port.said.size()));
        assertEquals("sales", run.at());
    }

    @Test
    void aKeyDuringThePromptCutsItShort()
    {
        run.onDigit('1');
        assertEquals("play Connecting you.", port.last());
        assertTrue(port.said.contains("stop"));
        run.onPlayed();
        assertEquals("music null", port.last());
        assertTrue(port.said.contains("queue support"));
        assertEquals(30_000, port.timer, "the position is announced every 30 s");
    }

    @Test
    void noKeyRepeatsWithTheTimeoutPromptThenHangsUpAfterTheMaximum()
    {
        for (int attempt = 1; attempt <= 2; attempt++)
        {
            run.onPlayed();
            run.onTimeout();
            assertEquals("play We did not get your choice.", port.last());
            run.onPlayed();
            assertTrue(port.last().startsWith("play For support press 1"), "asked again, attempt " + attempt);
        }
        run.onPlayed();
        run.onTimeout();
        assertEquals("play We did not get your choice.", port.last());
        run.onPlayed();
        assertEquals("finished TOO_MANY_ERRORS keys=", port.last());
        assertTrue(run.done());
        assertNull(run.at());
    }

    @Test
    void wrongKeysCountUpToTheMaximumAndKeysAreReported()
    {
        run.onDigit('7');
        assertEquals("play That is not a choice.", port.last());
        run.onDigit('5');
        assertEquals("play That is not a choice.", port.last(), "a key during the error prompt is heard too");
        run.onDigit('4');
        run.onPlayed();
        assertEquals("finished TOO_MANY_ERRORS keys=754", port.last());
    }

    @Test
    void zeroRepeatsTheMenuAndResetsItsErrors()
    {
        run.onDigit('7');
        run.onPlayed();
        run.onDigit('0');
        assertTrue(port.last().startsWith("play For support press 1"));
        run.onDigit('8');
        run.onDigit('8');
        assertEquals("play That is not a choice.", port.last(), "two errors since the menu was entered again");
        run.onPlayed();
        assertTrue(port.last().startsWith("play For support press 1"));
    }

    @Test
    void keysOfSeveralDigitsAreCollectedOrTimeOut()
    {
        run.onPlayed();
        run.onDigit('9');
        assertEquals(5000, port.timer, "9 starts 99#: wait for more");
        run.onDigit('9');
        run.onDigit('#');
        assertEquals("play audio:goodbye", port.last());
        run.onPlayed();
        assertEquals("finished ENDED keys=99#", port.last());
    }

    @Test
    void aPortThatAnswersTheTransferAtOnceEndsTheFlowWithoutMusic()
    {
        final RecordingPort eager = new RecordingPort();
        final FlowRun selfService = new FlowRun(Flows.parse(Flows.DEMO), eager);
        eager.answerAtOnce = selfService;
        selfService.start();
        selfService.onPlayed();
        selfService.onDigit('2');
        assertEquals("finished TRANSFERRED keys=2", eager.last());
        assertTrue(eager.said.stream().noneMatch(line -> line.startsWith("music")), eager.said.toString());
        assertEquals(-1, eager.timer);
    }

    @Test
    void thePositionAndTheAgentAreAnnouncedWithTheirVariables()
    {
        run.onDigit('1');
        run.onPlayed();
        run.onPosition(3);
        run.onTimeout();
        assertEquals("play There are 3 callers ahead of you.", port.last());
        run.onPlayed();
        assertEquals("music null", port.last(), "music again after the announcement");
        run.onPosition(0);
        run.onAgentAnswered("A1004");
        assertEquals("play Agent A1004 will help you.", port.last());
        run.onPlayed();
        assertEquals("finished TRANSFERRED keys=1", port.last());
        assertEquals("0", run.variables().get(FlowRun.WAIT_NO));
    }

    @Test
    void theRecordingNoticeIsSaidBeforeTheTransferPromptAndTheQueue()
    {
        final FlowRun notice = new FlowRun(Flows.parse(Flows.DEMO.replace("\"group\": \"support\",",
            "\"group\": \"support\", \"announceRecording\": true,")), port);
        port.said.clear();
        notice.start();
        notice.onPlayed();
        notice.onDigit('1');
        assertEquals("play " + Prompt.RECORDING_NOTICE_EN, port.last());
        assertTrue(port.said.stream().noneMatch(line -> line.startsWith("queue")), "not queued during the notice");
        notice.onAgentAnswered("A1");
        assertEquals("play " + Prompt.RECORDING_NOTICE_EN, port.last(), "no agent before the caller is queued");
        notice.onPlayed();
        assertEquals("play Connecting you.", port.last());
        notice.onPlayed();
        assertEquals(List.of("queue support", "music null"), port.said.subList(port.said.size() - 2,
            port.said.size()));
    }

    @Test
    void theRecordingNoticeSpeaksTheFlowsLanguageAndGoesStraightToTheQueueWithoutAPrompt()
    {
        final String mandarin = Flows.DEMO.replace("\"group\": \"sales\"}",
            "\"group\": \"sales\", \"announceRecording\": true}").replace("\"Welcome to Switchboard.\"",
            "\"欢迎\", \"voice\": \"zh\"");
        final List<Prompt> prompts = new ArrayList<>();
        final FlowRun notice = new FlowRun(Flows.parse(mandarin), new RecordingPort()
        {
            @Override
            public void play(final Prompt prompt, final Map<String, String> variables)
            {
                prompts.add(prompt);
                super.play(prompt, variables);
            }
        });
        notice.start();
        notice.onPlayed();
        notice.onDigit('2');
        final Prompt said = prompts.get(prompts.size() - 1);
        assertEquals(Prompt.RECORDING_NOTICE_ZH, said.text());
        assertEquals("zh", said.voice(), "the flow's first spoken prompt is Mandarin; the node has none of its own");
    }
}
