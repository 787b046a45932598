/**
 * Automatic call distribution: agents, skill groups, queues. Knows no SIP or RTP. The
 * {@link io.switchboard.acd.AcdEngine} owns the state on one thread; the {@link io.switchboard.acd.AcdService} is the
 * proxy every other thread uses.
 *
 * <p>The engine's rules where the issue left a choice:
 * <ul>
 * <li>An agent may pick idle, busy, break or offline from offline, idle, busy, break and also wrap-up (ending it
 * early: the agent may go on break straight after a call); never from ringing or on call.</li>
 * <li>A call being rung stays in its queue and counts as ahead of the callers behind; if it rings out it waits
 * again where it was, before every younger caller. {@link AcdQueries#queueLength(int)} counts it too, as does the
 * group's maximum queue length.</li>
 * <li>A caller who hangs up while ringing costs the agent nothing: it goes back to idle with the idle-since it
 * had, keeping its place in line.</li>
 * <li>A maximum wait that passes while the call rings lets it ring; if that agent does not answer, the call goes
 * to the fallback instead of the next agent. A change of a group's limits applies to calls queued afterwards.</li>
 * <li>A fallback to a group that does not exist, or an eighth fallback in a row at queue time (queues full in a
 * loop), becomes {@link Fallback#HANG_UP}, which is what the listener is told.</li>
 * <li>Deleting a group withdraws its calls being rung (those agents go back to idle) and sends them, with its
 * waiting calls, to its fallback. Removing an agent who rings or is on a call (direct or not) is refused.</li>
 * <li>Voice only: a group with a concurrency above 1 (chat) is refused for now.</li>
 * <li>Direct calls (outbound, internal, transferred to one agent: not routed by the ACD) are counted per agent.
 * A direct offer rings only an idle agent ({@link AcdError#AGENT_UNAVAILABLE} otherwise); it is a ringing with no
 * ACD call ({@code callSlot} is {@link Agents#NO_SLOT}) and no ring timer, the call layer times it. A direct call
 * starts from idle, busy, break, wrap-up (its countdown is dropped), a direct ringing or on call (a second call),
 * never from offline or an ACD ringing. A direct ringing that rings out goes on break (missed call) like a queued
 * one; one whose caller gives up costs nothing (idle with the old idle-since). The agent's last call to end,
 * direct or ACD, starts the wrap-up, so whatever state the agent had before an outbound call, it goes through
 * wrap-up to idle afterwards. Only answered direct offers count in the calls taken today (for the fewest-calls
 * policy), not the calls the agent makes. Missed and ended are ignored when they no longer apply (races with the
 * agent's own changes).</li>
 * <li>Ties are broken deterministically: same idle-since (and calls) by lower agent id, same arrival by
 * queueing order.</li>
 * </ul>
 */
package io.switchboard.acd;
