package io.switchboard.chat.flow;

import io.switchboard.ivr.flow.FlowGraph;

import java.util.List;
import java.util.Map;

/** A session flow: a name and a graph of {@link ChatNode}s (JSON, see the README). Immutable. */
public record ChatFlow(String name, List<ChatNode> nodes)
{
    public ChatFlow
    {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** The nodes by id (the first of a repeated id; validation refuses repeats). */
    public Map<String, ChatNode> byId()
    {
        return FlowGraph.byId(nodes);
    }

    /** The start node, or null. */
    public ChatNode.Start start()
    {
        return FlowGraph.first(nodes, ChatNode.Start.class);
    }
}
