package io.switchboard.core.call;

/**
 * What the B2BUA tells the ACD about calls queued for agents. Implemented over the ACD service's command ring;
 * every method returns at once, from the worker's loop.
 */
public interface AcdPort
{
    /** Queues a call for a group; false if the ACD cannot take it now (its command ring is full). */
    boolean queue(long callId, int groupId, long callerKey, int worker);

    void answered(long callId, int agentId);

    void declined(long callId, int agentId);

    void ended(long callId);

    /** A direct call (a transfer to the agent, an internal call) rings the agent; fails unless it is idle or busy. */
    java.util.concurrent.CompletionStage<Void> directOffer(int agentId);

    /** Whether the agent is signed in (any state but offline): a failed transfer goes back only to such an agent. */
    java.util.concurrent.CompletionStage<Boolean> online(int agentId);

    /** The agent talks on a direct call (answered one, or made its own). */
    void directStart(int agentId);

    /** A direct offer rang out or was refused: the agent goes on break (missed call). */
    void directMissed(int agentId);

    /** A direct call the agent was on, or rung for, is over. */
    void directEnded(int agentId);
}
