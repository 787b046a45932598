package io.switchboard.acd;

/**
 * A tenant's ACD settings.
 *
 * @param policy            default selection policy (a group may override it)
 * @param lastAgentPriority a caller answered by an agent before goes to that agent first, if idle and in the group
 * @param ringTimeoutMillis how long an offered call rings before it moves on (1 to 90 s)
 * @param wrapUpMillis      wrap-up countdown after a call (1 to 90 s)
 */
public record AcdSettings(SelectionPolicy policy, boolean lastAgentPriority, long ringTimeoutMillis,
    long wrapUpMillis)
{
    public AcdSettings
    {
        if (policy == null || ringTimeoutMillis < 1000 || ringTimeoutMillis > 90_000 || wrapUpMillis < 1000
            || wrapUpMillis > 90_000)
        {
            throw new AcdException(AcdError.INVALID, "ring timeout and wrap-up must be 1 to 90 s, policy set");
        }
    }
}
