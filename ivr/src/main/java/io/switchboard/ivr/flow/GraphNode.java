package io.switchboard.ivr.flow;

import java.util.List;

/**
 * A node of a flow's graph as {@link FlowGraph} sees it: an id and the ids it can go to. Voice flows' {@link Node}s
 * and the chat module's session-flow nodes both are, so both are checked by the same graph rules.
 */
public interface GraphNode
{
    String id();

    /** The ids this node can go to; none for a node that ends the flow (an end, a transfer). */
    List<String> edges();
}
