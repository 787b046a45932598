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
 * <li>Chat sessions go to the same agents as calls ({@link io.switchboard.acd.AcdCommands#chatQueue}). A session
 * does not change the agent's state. An agent is receivable for a session of group G when its state receives chats
 * (idle; and ringing, on call or wrap-up of a call with the tenant's {@code chatsDuringCalls}, on by default) and
 * its open sessions, offered + served in all its groups, are below G's concurrency (1 to 100, "接待人数上限"); busy,
 * break and offline receive none. An agent at its limit is the manuals' "busy (full)"
 * ({@link io.switchboard.acd.AgentView#chatsFull()}). Calls and chats have separate capacities: a call never counts
 * against the chat limit, and with {@code callsDuringChats} (on by default) an idle agent with open sessions is
 * still offered calls; off, only an idle agent with none is (it leaves the idle heaps while it has one).</li>
 * <li>A session is offered to the owner first ({@code ownerAgentId}, the chat reading of last-agent priority; given
 * by the chat layer, which passes -1 to turn it off) if it is a receivable member, else to the receivable member
 * with the fewest open sessions, then longest idle (the later of its last chat offer and its idle-since) or fewest
 * chats taken today (the group's policy), then the lower id. Each group's chat queue is FIFO; an offered session
 * keeps its place (it counts as ahead of those behind, whose positions only go down) until accepted. A session waits
 * only while no member is receivable: capacity that frees (a session ends, an agent becomes idle or joins, an offer
 * is taken back, a concurrency is raised, the tenant's rules change) is offered at once. A group's queue limits,
 * maximum wait and fallback are for calls: a session waits until offered or ended (the unassigned pool is the chat
 * layer's).</li>
 * <li>With the tenant's {@code chatAutoAccept} an offer is an assignment: the session is served at once. Otherwise
 * the agent accepts it within the group's accept timeout ("超时转接", 1 to 90 s; 0 = none, the offer waits). When it
 * passes, the offer is taken back and, if the agent is idle, it goes on break with
 * {@link io.switchboard.acd.AcdCommands#REASON_MISSED_CHAT}; an agent on a call cannot go on break, so it keeps its
 * call state and is offered no chat until it is idle again or picks a state. Either way all its other pending offers
 * are taken back too, and the sessions are offered again, oldest first, to the other receivable members. An agent
 * going busy, on break (a missed call included) or offline loses its pending offers the same way, and keeps the
 * sessions it serves: they count until {@link io.switchboard.acd.AcdCommands#chatEnded} (after the session's wrap-up,
 * "完成会话"). Leaving a group keeps the agent's offers and sessions of it, as a call ringing keeps ringing.</li>
 * <li>Nobody of a group online (every member offline, or no members): a session queued to it is not kept
 * ({@link io.switchboard.acd.AcdListener#chatNoAgent}), and when the last online member goes offline, leaves it or
 * is removed, so are the sessions still waiting in it; so is a session whose offer is taken back then. Busy and
 * break are online: sessions wait for them. Deleting a group takes back its offers and drops each session not yet
 * accepted; those it served stay with their agents. Removing an agent serving a session is refused.</li>
 * <li>Direct calls (outbound, internal, transferred to one agent: not routed by the ACD) are counted per agent.
 * A direct offer rings an idle or a busy agent (the manual's 示忙: internal calls and transfers ring; break,
 * wrap-up, ringing, on call and offline are refused with {@link AcdError#AGENT_UNAVAILABLE}); it is a ringing with
 * no ACD call ({@code callSlot} is {@link Agents#NO_SLOT}) and no ring timer, the call layer times it. A direct call
 * starts from idle, busy, break, wrap-up (its countdown is dropped), a direct ringing or on call (a second call),
 * never from offline or an ACD ringing. A direct ringing that rings out goes on break (missed call) like a queued
 * one; one whose caller gives up costs nothing (idle with the old idle-since). The agent's last call to end,
 * direct or ACD, starts the wrap-up, and when the countdown ends the agent is idle, or busy again if it was busy
 * when the direct call rang it or it dialled (a busy agent's missed or abandoned direct ringing is busy again too,
 * and it is offered no chat until it is idle). The wrap-up can be kept open ({@link AcdCommands#keepWrapUp}, or
 * every one with {@link AcdSettings#stateRecovery()} off) until the agent ends it. Only answered direct offers
 * count in the calls taken today (for the fewest-calls
 * policy), not the calls the agent makes. Missed and ended are ignored when they no longer apply (races with the
 * agent's own changes).</li>
 * <li>Ties are broken deterministically: same idle-since (and calls) by lower agent id, same arrival by
 * queueing order.</li>
 * </ul>
 */
package io.switchboard.acd;
