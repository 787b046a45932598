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
}
