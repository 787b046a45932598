package io.switchboard.ivr.flow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules every flow's graph follows, voice or chat: a name of 1 to 64 characters; every node has an id, used
 * once; every edge leads to a node; exactly one start; every node reachable from the start; and from every node a
 * node that ends the flow (one with no edges: an end, or a transfer that hands the caller on) can be reached, so
 * nobody is kept in a loop with no way out.
 */
public final class FlowGraph
{
    private static final String GOES_TO = "goes to ";

    private FlowGraph()
    {
    }

    /** The nodes by id (the first of a repeated id; validation refuses repeats). */
    public static <N extends GraphNode> Map<String, N> byId(final List<N> nodes)
    {
        final Map<String, N> map = new LinkedHashMap<>();
        for (final N node : nodes)
        {
            if (node != null && node.id() != null)
            {
                map.putIfAbsent(node.id(), node);
            }
        }
        return map;
    }

    /** The first node of the given type (a flow's start), or null. */
    public static <S> S first(final List<? extends GraphNode> nodes, final Class<S> type)
    {
        for (final GraphNode node : nodes)
        {
            if (type.isInstance(node))
            {
                return type.cast(node);
            }
        }
        return null;
    }

    /** Adds the graph's problems to {@code problems}, in node order. */
    public static void check(final String name, final List<? extends GraphNode> nodes,
        final Predicate<GraphNode> isStart, final List<Problem> problems)
    {
        if (name == null || name.isBlank() || name.length() > 64)
        {
            problems.add(new Problem(null, "the flow needs a name of 1 to 64 characters"));
        }
        final Map<String, GraphNode> byId = ids(nodes, problems);
        GraphNode start = null;
        int starts = 0;
        boolean dangling = false;
        for (final GraphNode node : nodes)
        {
            if (node == null)
            {
                continue;
            }
            if (isStart.test(node))
            {
                starts++;
                start = node;
            }
            for (final String edge : node.edges())
            {
                if (edge == null || !byId.containsKey(edge))
                {
                    problems.add(new Problem(node.id(), GOES_TO + edge + ", which is not a node of the flow"));
                    dangling = true;
                }
            }
        }
        if (starts != 1)
        {
            problems.add(new Problem(null, "a flow has exactly one start node; this one has " + starts));
        }
        else if (!dangling && start.id() != null)
        {
            paths(nodes, byId, start.id(), problems);
        }
    }

    private static Map<String, GraphNode> ids(final List<? extends GraphNode> nodes, final List<Problem> problems)
    {
        final Map<String, GraphNode> byId = new HashMap<>();
        for (final GraphNode node : nodes)
        {
            if (node == null || node.id() == null || node.id().isBlank())
            {
                problems.add(new Problem(null, "every node needs an id"));
            }
            else if (byId.putIfAbsent(node.id(), node) != null)
            {
                problems.add(new Problem(node.id(), "the id is used by another node"));
            }
        }
        return byId;
    }

    /** Every node reachable from the start, and an ending node reachable from every one of them. */
    private static void paths(final List<? extends GraphNode> nodes, final Map<String, GraphNode> byId,
        final String startId, final List<Problem> problems)
    {
        final Set<String> reachable = new HashSet<>();
        final Deque<String> todo = new ArrayDeque<>(List.of(startId));
        while (!todo.isEmpty())
        {
            final String id = todo.pop();
            final GraphNode node = byId.get(id);
            // an edge to no node (or a start without an id) is reported by the edge check; found by JsonBodyFuzzTest
            if (node != null && reachable.add(id))
            {
                todo.addAll(node.edges());
            }
        }
        final Set<String> ending = new HashSet<>();
        boolean grew = true;
        while (grew)
        {
            grew = false;
            for (final GraphNode node : byId.values())
            {
                if (!ending.contains(node.id()) && (node.edges().isEmpty() || node.edges().stream()
                    .anyMatch(ending::contains)))
                {
                    grew = ending.add(node.id());
                }
            }
        }
        for (final GraphNode node : nodes)
        {
            if (node == null || node.id() == null)
            {
                continue;
            }
            if (!reachable.contains(node.id()))
            {
                problems.add(new Problem(node.id(), "cannot be reached from the start"));
            }
            else if (!ending.contains(node.id()))
            {
                problems.add(new Problem(node.id(), "no path from here reaches an end or a transfer"));
            }
        }
    }
}
