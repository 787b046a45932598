package io.switchboard.core.call;

/**
 * Where a transfer (or the second half of an agent's own call) goes: a skill group, one agent, a phone (an
 * extension that is no agent's), or an outside number through the trunks.
 */
public record TransferTarget(Kind kind, int group, int agentId, String extension, String number)
{
    /** The kinds of target, as the API and the service records name them. */
    public enum Kind
    {
        GROUP, AGENT, EXTENSION, NUMBER,
        /** An attended transfer: the phone at the far end of another call's dialog, named by Replaces ids. */
        REPLACES
    }

    public static TransferTarget group(final int groupId)
    {
        return new TransferTarget(Kind.GROUP, groupId, -1, null, null);
    }

    public static TransferTarget agent(final int agentId, final String extension)
    {
        return new TransferTarget(Kind.AGENT, -1, agentId, extension, null);
    }

    public static TransferTarget extension(final String extension)
    {
        return new TransferTarget(Kind.EXTENSION, -1, -1, extension, null);
    }

    public static TransferTarget number(final String number)
    {
        return new TransferTarget(Kind.NUMBER, -1, -1, null, number);
    }

    /** An attended transfer: {@code replaces} is the Replaces value (RFC 3891) of the consultation dialog. */
    public static TransferTarget replaces(final String extension, final String replaces)
    {
        return new TransferTarget(Kind.REPLACES, -1, -1, extension, replaces);
    }

    /** What the call's record and view say the call went to. */
    public String label()
    {
        return switch (kind)
        {
            case GROUP -> "group:" + group;
            case AGENT -> "agent:" + agentId;
            case EXTENSION -> extension;
            case NUMBER -> number;
            case REPLACES -> "attended:" + extension;
        };
    }
}
