package io.switchboard.chat.flow;

import java.util.LinkedHashMap;
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
        final Map<String, ChatNode> map = new LinkedHashMap<>();
        for (final ChatNode node : nodes)
        {
            if (node != null && node.id() != null)
            {
                map.putIfAbsent(node.id(), node);
            }
        }
        return map;
    }

    /** The start node, or null. */
    public ChatNode.Start start()
    {
        for (final ChatNode node : nodes)
        {
            if (node instanceof ChatNode.Start start)
            {
                return start;
            }
        }
        return null;
    }
}
