package io.switchboard.ivr.flow;

import java.util.List;
import java.util.Map;

/** A voice flow: a name and a graph of nodes (JSON, see the README). Immutable. */
public record Flow(String name, List<Node> nodes)
{
    public Flow
    {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** The nodes by id (the first of a repeated id; validation refuses repeats). */
    public Map<String, Node> byId()
    {
        return FlowGraph.byId(nodes);
    }

    /** The start node, or null. */
    public Node.Start start()
    {
        return FlowGraph.first(nodes, Node.Start.class);
    }
}
