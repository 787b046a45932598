package io.switchboard.chat.flow;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Flows for the tests, read from JSON as the server reads them. */
final class ChatFlows
{
    static final ObjectMapper JSON = new ObjectMapper();

    private ChatFlows()
    {
    }

    /** Start, welcome, a menu (1/咨询 to sales, 2/合作 to partners, 3 errors to bye), a transfer, two ends. */
    static ChatFlow website() throws IOException
    {
        try (InputStream in = ChatFlows.class.getResourceAsStream("/website-flow.json"))
        {
            return JSON.readValue(in, ChatFlow.class);
        }
    }

    /** The website flow with one node replaced (same id). */
    static ChatFlow replacing(final ChatFlow flow, final ChatNode node)
    {
        final List<ChatNode> nodes = new ArrayList<>();
        flow.nodes().forEach(n -> nodes.add(n.id().equals(node.id()) ? node : n));
        return new ChatFlow(flow.name(), nodes);
    }
}
