package io.switchboard.ivr.store;

/** Where a flow is in its life: only an unpublished flow is edited or deleted; a flow in use serves numbers. */
public enum FlowState
{
    UNPUBLISHED, PUBLISHED, IN_USE
}
