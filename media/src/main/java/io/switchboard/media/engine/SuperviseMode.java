package io.switchboard.media.engine;

/**
 * What a supervisor does on a live call, as Asterisk's ChanSpy modes (q, w, B) and FreeSWITCH's eavesdrop: who hears
 * whom. The supervisor always hears both parties; the modes differ in who hears the supervisor.
 */
public enum SuperviseMode
{
    /** The supervisor hears the customer and the agent, and nobody hears the supervisor. */
    LISTEN,
    /** Coaching: the agent hears the customer and the supervisor; the customer hears only the agent. */
    WHISPER,
    /** A three-way call: everybody hears both others. */
    BARGE;

    /** The customer's party in a supervised call. */
    public static final int CUSTOMER = 0;
    /** The agent's party. */
    public static final int AGENT = 1;
    /** The supervisor's party. */
    public static final int SUPERVISOR = 2;

    /** Whether {@code listener} hears {@code source} in this mode (a party never hears itself). */
    public boolean hears(final int listener, final int source)
    {
        if (listener == source)
        {
            return false;
        }
        if (listener == SUPERVISOR || this == BARGE)
        {
            return true;
        }
        if (listener == AGENT)
        {
            return source == CUSTOMER || this == WHISPER;
        }
        // The customer, in listen and whisper: only the agent.
        return source == AGENT;
    }

    /** Whether {@code party} hears a mix in this mode rather than the plain relay of the other party's packets. */
    public boolean mixedFor(final int party)
    {
        return party == SUPERVISOR || party == AGENT && this != LISTEN || party == CUSTOMER && this == BARGE;
    }

    /** The mode named (listen, whisper, barge; any case), or null for anything else. */
    public static SuperviseMode named(final String name)
    {
        for (final SuperviseMode mode : values())
        {
            if (mode.name().equalsIgnoreCase(name))
            {
                return mode;
            }
        }
        return null;
    }

    /** The mode's name as the API writes it. */
    public String label()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
