package io.switchboard.core.call;

import io.switchboard.core.signalling.Locator;
import io.switchboard.sip.util.TimerScheduler;

/**
 * What a feature of calls (queues, flows, transfers, trunks) may do to the calls of its worker: answer the caller,
 * ring a party, withdraw a ring, bridge a transfer back, end the call. The narrow side of the call layer: features
 * hear of calls as {@link CallListener}s and act on them through this, and never reach into the controller (the
 * model: OpenSIPS's b2b_logic over b2b_entities). Every method runs on the worker's loop.
 */
public interface CallControl
{
    /** The worker's call with that id, or null. */
    Call call(long id);

    /** We answer the caller ourselves (a queue, a flow): 200 with our offer or answer; the call is ANSWERED. */
    void answerCaller(Call call);

    /** Rings one phone of an agent for a queued call; the leg, or null if none could be sent. */
    Leg ringAgent(Call call, Locator.Contact contact, String extension, int agentId, boolean autoAnswer);

    /** Calls a number at a carrier, presenting {@code callerId}; the leg, or null. */
    Leg ringTrunk(Call call, Locator.Contact carrier, String number, String host, String callerId);

    /** Rings one phone for a transfer or an agent's own call, showing the remaining party as the caller. */
    Leg ringPhone(Call call, Locator.Contact contact, String extension, int agentId);

    /** Calls the far end of a consultation call with an INVITE that replaces it (RFC 3891). */
    Leg ringReplacing(Call call, ReplacedDialog replaced);

    /** Sends a leg's INVITE again with these headers replacing their namesakes (credentials, a larger interval). */
    void resendInvite(Leg leg, javax.sip.header.Header... replacing);

    /** Withdraws a fork that is still ringing (CANCEL). */
    void cancelFork(Leg fork);

    /** Ends the call (see {@link CallState}: ENDING, then ENDED). */
    void endCall(Call call, int status, String reason);

    /** The forks rung so far leave the fork list, so that a new target's forks start afresh. */
    void setAsideForks(Call call);

    /**
     * Takes the agent's leg out of the call, the caller staying (a transfer, a post-call survey): the ACD releases
     * the agent (wrap-up) and the bridge opens.
     */
    void setAside(Call call, Leg leg);

    /** A failed REFER transfer: the transferor's phone, still on the line, has the caller back. */
    void reconnect(Call call, Leg transferor);

    /** The REFER's outcome to the transferor (final NOTIFY). */
    void referDone(Call call, Transfer transfer, int status, String reason);

    /** What the agents' workbench hears of calls. */
    CallEvents events();

    /** The tenant's extensions and their registered phones. */
    Locator locator();

    /** Consultation calls on any worker, for attended transfers. */
    ReplacedDialog.Lookup replacedDialogs();

    /** The worker's timers (a manual clock in tests). */
    TimerScheduler scheduler();
}
