package io.switchboard.acd;

/**
 * A skill group on the engine's thread: its settings, its idle agents and its queue. The queue is an intrusive
 * doubly linked list of {@link CallTable} slots in arrival order; a call being rung stays in it (it still counts
 * as ahead of the callers behind, so their {@code ahead} never goes up if it rings out and waits again).
 */
final class Group
{
    final int id;
    final IdleAgentHeap idle;
    GroupSettings settings;
    SelectionPolicy policy;
    int members;
    int head = CallTable.NIL;
    int tail = CallTable.NIL;
    int size;

    Group(final int id, final GroupSettings settings, final SelectionPolicy policy, final Agents agents)
    {
        this.id = id;
        this.settings = settings;
        this.policy = policy;
        this.idle = new IdleAgentHeap(agents, policy);
    }

    boolean full()
    {
        return settings.maxQueueLength() > 0 && size >= settings.maxQueueLength();
    }
}
