package io.switchboard.ivr.flow;

/** What is wrong with a flow, naming the node (null for the flow itself). */
public record Problem(String node, String message)
{
    @Override
    public String toString()
    {
        return node == null ? message : "node " + node + ": " + message;
    }
}
