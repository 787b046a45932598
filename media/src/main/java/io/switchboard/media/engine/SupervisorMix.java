package io.switchboard.media.engine;

import io.netty.buffer.ByteBuf;

/**
 * A supervisor on a live call, in the media: hears the customer's and the agent's phones through the call's
 * {@link AudioTap} and the supervisor's phone through a tap on its own session (both sessions on the same event
 * loop), and every 20 ms (paced like prompts) sends each party that hears a mix in the current
 * {@link SuperviseMode} its mix, encoded to that party's codec. A party that hears a mix no longer gets the plain
 * relay of the other's packets; the others keep it. Switching the mode only changes who is mixed; {@link #stop()}
 * puts both parties back on the plain relay, so leaving never disturbs the call. Owned by the call's loop.
 */
public final class SupervisorMix extends Pacer.Stream implements AudioTap
{
    private final MediaSession call;
    private final Endpoint customer;
    private final Endpoint agent;
    private final Endpoint supervisor;
    private final FrameMixer mixer = new FrameMixer();
    private final short[] mix = new short[FrameMixer.FRAME];
    private SuperviseMode mode;
    private boolean stopped;

    /**
     * Starts the mix (on the owner loop of both sessions).
     *
     * @param call       the supervised call's media
     * @param agent      the agent's endpoint in it (the other one is the customer's)
     * @param supervisor the endpoint of the supervisor's leg, in a session of the same loop
     * @param mode       what the supervisor does first
     */
    public SupervisorMix(final MediaSession call, final Endpoint agent, final Endpoint supervisor,
        final SuperviseMode mode)
    {
        if (agent != call.first() && agent != call.second())
        {
            throw new IllegalArgumentException("the agent's endpoint is not one of the call's");
        }
        this.call = call;
        this.agent = agent;
        this.customer = agent == call.first() ? call.second() : call.first();
        this.supervisor = supervisor;
        call.addTap(this);
        if (supervisor.session() != call)
        {
            supervisor.session().addTap(this);
        }
        mode(mode);
        call.pace(this);
    }

    /** Switches the mode: who hears a mix changes at the next frame, nothing is re-negotiated. */
    public void mode(final SuperviseMode next)
    {
        if (stopped)
        {
            return;
        }
        mode = next;
        customer.mixed(next.mixedFor(SuperviseMode.CUSTOMER));
        agent.mixed(next.mixedFor(SuperviseMode.AGENT));
    }

    public SuperviseMode mode()
    {
        return mode;
    }

    /** Leaves the call: the taps go, both parties are back on the plain relay. Idempotent. */
    public void stop()
    {
        if (stopped)
        {
            return;
        }
        stopped = true;
        call.removeTap(this);
        supervisor.session().removeTap(this);
        call.pacer().stop(this);
        customer.mixed(false);
        agent.mixed(false);
    }

    public boolean stopped()
    {
        return stopped;
    }

    @Override
    public void onAudio(final Endpoint from, final ByteBuf packet, final int payloadIndex, final int length,
        final boolean alaw, final long now)
    {
        final int party = from == customer ? SuperviseMode.CUSTOMER : from == agent ? SuperviseMode.AGENT
            : from == supervisor ? SuperviseMode.SUPERVISOR : -1;
        if (party >= 0 && !stopped)
        {
            mixer.offer(party, packet, payloadIndex, length, alaw);
        }
    }

    @Override
    protected boolean onFrame(final long deadline, final long now)
    {
        if (stopped || call.closed() || supervisor.session().closed())
        {
            return false;
        }
        mixer.nextFrame();
        send(SuperviseMode.SUPERVISOR, supervisor, now);
        if (call.bridged())
        {
            // Unbridged (the customer in a self-service flow), each party hears what is played to it, not us.
            send(SuperviseMode.AGENT, agent, now);
            send(SuperviseMode.CUSTOMER, customer, now);
        }
        return true;
    }

    private void send(final int party, final Endpoint to, final long now)
    {
        if (mode.mixedFor(party))
        {
            mixer.mixFor(party, mode, mix);
            to.sendMix(mix, now);
        }
    }

    /** The jitter buffers' underruns and drops, for diagnostics. */
    public FrameMixer mixer()
    {
        return mixer;
    }
}
