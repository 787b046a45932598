package io.switchboard.chat.flow;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The interpreter on the website flow, through a port that records what it is asked and a timer the test runs. */
class ChatFlowRunTest
{
    /** What the run asked, in order; the timer is armed (its delay) or not (-1), and fired by the test. */
    private static final class RecordingPort implements ChatFlowPort
    {
        final List<String> said = new ArrayList<>();
        final List<String> queued = new ArrayList<>();
        long timer = -1;
        ChatFlowRun.Outcome outcome;

        @Override
        public void say(final String text)
        {
            said.add(text);
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
            queued.add(group);
        }

        @Override
        public void finished(final ChatFlowRun.Outcome outcome)
        {
            this.outcome = outcome;
        }
    }

    private final RecordingPort port = new RecordingPort();
    private ChatFlowRun run;

    @BeforeEach
    void start() throws Exception
    {
        run = new ChatFlowRun(ChatFlows.website(), port);
        run.start();
    }

    @Test
    void theWelcomeAndTheMenuAreSentAndTheRunWaitsForTheVisitor()
    {
        assertEquals(List.of("您好，欢迎咨询！", "请回复：1 产品咨询，2 商务合作"), port.said);
        assertEquals(ChatFlowRun.Phase.AWAITING_REPLY, run.phase());
        assertEquals("menu", run.at());
    }

    @Test
    void aKeywordInsideTheReplyOrAFullWidthDigitTakesItsBranch() throws Exception
    {
        run.onVisitorText("我想咨询一下产品");
        assertEquals(List.of("support"), port.queued);
        assertEquals(ChatFlowRun.Phase.QUEUED, run.phase());

        final RecordingPort other = new RecordingPort();
        final ChatFlowRun second = new ChatFlowRun(ChatFlows.website(), other);
        second.start();
        second.onVisitorText(" ２ ");
        assertEquals("请发邮件到 partners@example.com", other.said.get(2));
        assertEquals("再见", other.said.get(3));
        assertEquals(ChatFlowRun.Outcome.ENDED, other.outcome);
    }

    @Test
    void aSingleCharacterKeywordMustBeTheWholeReply()
    {
        run.onVisitorText("12");
        assertEquals(List.of(), port.queued);
        assertEquals("没有这个选项", port.said.get(2));
        assertEquals("请回复：1 产品咨询，2 商务合作", port.said.get(3));
    }

    @Test
    void wrongRepliesGetThePromptAgainUntilTheErrorLimitLeadsToErrorNext()
    {
        run.onVisitorText("hello");
        run.onVisitorText("?");
        assertEquals(ChatFlowRun.Phase.AWAITING_REPLY, run.phase());
        assertEquals(6, port.said.size());
        run.onVisitorText("still wrong");
        assertEquals("再见", port.said.get(port.said.size() - 1));
        assertEquals(ChatFlowRun.Outcome.ENDED, port.outcome);
        assertNull(run.at());
    }

    @Test
    void theQueueMessageCarriesThePlaceOnceAndTheSuccessMessageTheAgent()
    {
        run.onVisitorText("1");
        run.onQueued(2);
        run.onQueued(1);
        assertEquals("当前排队人数为2", port.said.get(2));
        assertEquals(3, port.said.size());
        run.onAgentAssigned("A2");
        assertEquals("客服A2为您服务", port.said.get(3));
        assertEquals(ChatFlowRun.Phase.CONVERSATION, run.phase());
        assertEquals("support", run.group());
    }

    @Test
    void nobodyOnlineSendsTheFailureMessageAndEnds()
    {
        run.onVisitorText("1");
        run.onNoAgent();
        assertEquals("当前无客服在线，请稍后咨询", port.said.get(2));
        assertEquals(ChatFlowRun.Outcome.NO_AGENT, port.outcome);
    }

    @Test
    void afterAnAgentsMessageTheVisitorsSilenceEndsTheSessionWithTheTimeoutMessage()
    {
        run.onVisitorText("1");
        run.onAgentAssigned("A2");
        assertEquals(-1, port.timer, "no timer before the agent writes");
        run.onAgentMessage();
        assertEquals(180_000, port.timer);
        run.onVisitorText("thanks, one more question");
        assertEquals(-1, port.timer, "the visitor's reply stops the timer");
        run.onAgentMessage();
        run.onTimeout();
        assertEquals("由于您长时间未回复，本次服务已自动结束，感谢您的支持", port.said.get(port.said.size() - 1));
        assertEquals(ChatFlowRun.Outcome.TIMED_OUT, port.outcome);
        run.onTimeout();
        run.onAgentEnded();
        assertEquals(ChatFlowRun.Outcome.TIMED_OUT, port.outcome, "nothing happens after the end");
    }

    @Test
    void theAgentsEndSendsTheEndMessage()
    {
        run.onVisitorText("咨询");
        run.onAgentAssigned("A2");
        run.onAgentMessage();
        run.onAgentEnded();
        assertEquals("感谢您的咨询，再见", port.said.get(port.said.size() - 1));
        assertEquals(ChatFlowRun.Outcome.ENDED_BY_AGENT, port.outcome);
        assertEquals(-1, port.timer);
    }

    @Test
    void closingFromOutsideSaysNothingMore()
    {
        final int said = port.said.size();
        run.close();
        assertEquals(ChatFlowRun.Outcome.CLOSED, port.outcome);
        run.onVisitorText("1");
        assertEquals(said, port.said.size());
    }
}
