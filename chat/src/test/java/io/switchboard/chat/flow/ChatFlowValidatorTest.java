package io.switchboard.chat.flow;

import io.switchboard.ivr.flow.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatFlowValidatorTest
{
    private static final Set<String> GROUPS = Set.of("support");

    private static List<Problem> problems(final ChatFlow flow)
    {
        return ChatFlowValidator.validate(flow, GROUPS::contains);
    }

    private static boolean says(final List<Problem> problems, final String node, final String words)
    {
        return problems.stream().anyMatch(p -> node.equals(p.node()) && p.message().contains(words));
    }

    @Test
    void theWebsiteFlowIsGood() throws Exception
    {
        assertEquals(List.of(), problems(ChatFlows.website()));
    }

    /** The demo's flow, shipped in conf/chat-flows and published by the run command, with the demo's groups. */
    @Test
    void theShippedDemoFlowIsGood() throws Exception
    {
        final ChatFlow demo = ChatFlows.JSON.readValue(java.nio.file.Path.of("../conf/chat-flows/website.json")
            .toFile(), ChatFlow.class);
        assertEquals(List.of(), ChatFlowValidator.validate(demo, Set.of("support", "sales")::contains));
    }

    @Test
    void aTransferToAGroupThatDoesNotExistIsRefused() throws Exception
    {
        final ChatFlow flow = ChatFlows.replacing(ChatFlows.website(), new ChatNode.Transfer("sales", null, "nobody",
            null, "no one", null, "end"));
        assertTrue(says(problems(flow), "sales", "not a skill group"), problems(flow)::toString);
    }

    @Test
    void aTransferLeadsToTheEndThatGovernsTheConversationAndNeedsAFailureMessage() throws Exception
    {
        final ChatFlow flow = ChatFlows.replacing(ChatFlows.website(), new ChatNode.Transfer("sales", null,
            "support", null, null, null, "partners"));
        final List<Problem> problems = problems(flow);
        assertTrue(says(problems, "sales", "end node that governs"), problems::toString);
        assertTrue(says(problems, "sales", "\"failureMessage\" is required"), problems::toString);
    }

    @Test
    void aPathThatNeverEndsIsRefused() throws Exception
    {
        // partners loops back to the menu's options forever: "bye" is still reachable from the menu, so make the
        // loop a closed one between two messages
        final ChatFlow looping = ChatFlows.replacing(ChatFlows.replacing(ChatFlows.website(),
            new ChatNode.Message("partners", null, "again", "welcome2")), new ChatNode.End("bye", null, 0, null, null));
        final List<ChatNode> nodes = new java.util.ArrayList<>(looping.nodes());
        nodes.add(new ChatNode.Message("welcome2", null, "and again", "partners"));
        final List<Problem> problems = problems(new ChatFlow("website", nodes));
        assertTrue(says(problems, "partners", "no path from here reaches an end"), problems::toString);
        assertTrue(says(problems, "welcome2", "no path from here reaches an end"), problems::toString);
    }

    @Test
    void keywordsAreCheckedAndNoneMayLeadToTwoOptions() throws Exception
    {
        final ChatFlow flow = ChatFlows.replacing(ChatFlows.website(), new ChatNode.Branch("menu", null, "1 or 2",
            List.of(new ChatNode.Option(List.of("1", "咨询"), "sales"), new ChatNode.Option(List.of("１", ""),
            "partners")), "wrong", 0, null));
        final List<Problem> problems = problems(flow);
        assertTrue(says(problems, "menu", "keyword \"１\" leads to two options"), problems::toString);
        assertTrue(says(problems, "menu", "a keyword is 1 to 32 characters"), problems::toString);
        assertTrue(says(problems, "menu", "maxErrors must be 1..10"), problems::toString);
        assertTrue(says(problems, "menu", "errorNext"), problems::toString);
    }

    @Test
    void anEndWithAReplyTimeoutNeedsItsTimeoutMessage() throws Exception
    {
        final ChatFlow flow = ChatFlows.replacing(ChatFlows.website(), new ChatNode.End("end", null, 60, null,
            null));
        assertTrue(says(problems(flow), "end", "\"timeoutMessage\" is required"), problems(flow)::toString);
    }

    @Test
    void aFlowNeedsExactlyOneStart() throws Exception
    {
        final ChatFlow flow = new ChatFlow("x", List.of(new ChatNode.End("end", null, 0, null, "bye")));
        assertTrue(problems(flow).stream().anyMatch(p -> p.message().contains("exactly one start")));
    }
}
