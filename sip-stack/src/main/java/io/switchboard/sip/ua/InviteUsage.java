package io.switchboard.sip.ua;

import io.switchboard.sip.dialog.Dialog;
import io.switchboard.sip.message.Bodies;
import io.switchboard.sip.message.SipMessages;
import io.switchboard.sip.transaction.ClientTransaction;
import io.switchboard.sip.transport.Target;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.Header;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One INVITE dialog usage (RFC 5057 §3) of a B2BUA leg, whichever side sent the INVITE: the dialog, the ACK we last
 * sent for a 2xx (re-sent when that 2xx is retransmitted, RFC 3261 §13.2.2.4), an ACK held back until the other
 * leg's answer arrives (a delayed offer, §13.2.1), and whether a re-INVITE is in progress (the §14.2 glare guard).
 *
 * <p>For an INVITE we send (the UAC side) it also keeps the INVITE and its client transaction, and applies what the
 * responses mean for dialogs: the first provisional with a To tag makes the early dialog (§12.1.2), the 2xx confirms
 * it or makes a new one if it comes from another branch of a fork, a retransmitted 2xx gets our ACK again, and a 2xx
 * from a second dialog is acknowledged and hung up at once (§13.2.2.4). The INVITE is sent again with a new CSeq
 * and branch for credentials (§22.2) or a larger Session-Expires (RFC 4028 §7.2); it is cancelled with §9.1's CANCEL.
 * What the answer means for the call is the caller's business, not this class's.
 *
 * <p>Owned by one event loop, as the call it belongs to.
 */
public final class InviteUsage
{
    /** What a 2xx to our INVITE was to the usage. */
    public enum Answer
    {
        /** The first 2xx of the usage's dialog: confirmed now; the caller decides what to acknowledge. */
        CONFIRMED,
        /** A retransmission of the 2xx we already had: our ACK was sent again. */
        RETRANSMITTED,
        /** A 2xx from a second dialog of a forked INVITE: acknowledged and hung up (RFC 3261 §13.2.2.4). */
        EXTRA_DIALOG,
        /** A 2xx without a To tag, which can make no dialog (RFC 3261 §12.1.2 requires one): ignored. */
        UNUSABLE
    }

    private static final String OUR_USER = "b2bua";

    private final UserAgent ua;
    private final Target target;
    private Dialog dialog;
    private Request invite;
    private ClientTransaction client;
    /** What the transaction user finds in our INVITE's transactions (the layer clears it on the final response). */
    private Object owner;
    private Request lastAck;
    private String lastExtraTag;
    private long heldAckSeq = -1;
    private boolean reinvitePending;

    public InviteUsage(final UserAgent ua, final Target target)
    {
        this.ua = ua;
        this.target = target;
    }

    public Target target()
    {
        return target;
    }

    public Dialog dialog()
    {
        return dialog;
    }

    /** The UAS side's dialog, made from the INVITE we answer. */
    public void dialog(final Dialog value)
    {
        this.dialog = value;
    }

    /** The INVITE we sent last (null on the UAS side). */
    public Request invite()
    {
        return invite;
    }

    public ClientTransaction client()
    {
        return client;
    }

    /**
     * Sends a new INVITE (outside any dialog) with our Via and Contact; its transaction carries {@code userData}
     * back to the transaction user's callbacks.
     */
    public ClientTransaction sendInvite(final Request request, final String contactUser, final Object userData)
    {
        ua.stamp(request, target, contactUser);
        invite = request;
        owner = userData;
        client = ua.send(request, target);
        client.userData(userData);
        return client;
    }

    /**
     * Sends the INVITE again in a new transaction: next CSeq, same From tag and Call-ID, a new branch; each header
     * given replaces those of its name (credentials for a challenge, a larger Session-Expires for a 422).
     */
    public ClientTransaction resendInvite(final Header... replacing)
    {
        final Request again = (Request)invite.clone();
        again.removeHeader(ViaHeader.NAME);
        again.removeHeader(AuthorizationHeader.NAME);
        again.removeHeader(ProxyAuthorizationHeader.NAME);
        try
        {
            ((CSeqHeader)again.getHeader(CSeqHeader.NAME)).setSeqNumber(SipMessages.cseq(invite) + 1);
        }
        catch (final javax.sip.InvalidArgumentException ex)
        {
            throw new IllegalStateException(ex);
        }
        for (final Header header : replacing)
        {
            again.setHeader(header);
        }
        ua.via(again, target);
        invite = again;
        client = ua.send(again, target);
        client.userData(owner);
        return client;
    }

    /** Sends CANCEL for our INVITE (RFC 3261 §9.1), as soon as a provisional response allows it. */
    public void cancel()
    {
        ua.layer().cancel(client);
    }

    /** A provisional response to our INVITE: with a To tag, the first one makes the early dialog (true then). */
    public boolean early(final Response provisional)
    {
        if (dialog != null || SipMessages.toTag(provisional) == null)
        {
            return false;
        }
        dialog = Dialog.asUac(invite, provisional);
        return true;
    }

    /** The dialog has a To tag from the far end: an early or confirmed dialog exists. */
    public boolean hasDialog()
    {
        return dialog != null;
    }

    /**
     * A 2xx to our INVITE. The first one confirms the early dialog of its To tag, or makes the dialog if it has
     * another tag than the early one (the fork that answered is not the one that rang first); what comes after is a
     * retransmission (ACK again) or another fork's 2xx (acknowledged and hung up).
     */
    public Answer answered(final Response ok)
    {
        final String toTag = SipMessages.toTag(ok);
        if (toTag == null)
        {
            return Answer.UNUSABLE;
        }
        if (dialog != null && dialog.isConfirmed())
        {
            if (!toTag.equals(dialog.remoteTag()))
            {
                endExtraDialog(ok);
                return Answer.EXTRA_DIALOG;
            }
            if (lastAck != null)
            {
                ua.sendStateless(lastAck, target);
            }
            return Answer.RETRANSMITTED;
        }
        if (dialog == null || !toTag.equals(dialog.remoteTag()))
        {
            dialog = Dialog.asUac(invite, ok);
        }
        else
        {
            dialog.confirm(ok);
        }
        return Answer.CONFIRMED;
    }

    /** A 2xx to our INVITE that came after the usage changed hands (or matched no transaction): ACKed again. */
    public void retransmittedOk(final Response ok)
    {
        if (ok.getStatusCode() / 100 != 2 || !Request.INVITE.equals(SipMessages.cseqMethod(ok)))
        {
            return;
        }
        final String toTag = SipMessages.toTag(ok);
        if (dialog != null && toTag != null && !toTag.equals(dialog.remoteTag()))
        {
            endExtraDialog(ok);
        }
        else if (lastAck != null)
        {
            ua.sendStateless(lastAck, target);
        }
    }

    /** ACK, then BYE once per extra dialog (its retransmitted 2xx gets only the ACK again). */
    private void endExtraDialog(final Response ok)
    {
        final Dialog extra = Dialog.asUac(invite, ok);
        final Request ack = extra.createAck(SipMessages.cseq(ok));
        ua.stamp(ack, target, OUR_USER);
        ua.sendStateless(ack, target);
        final String tag = SipMessages.toTag(ok);
        if (!tag.equals(lastExtraTag))
        {
            lastExtraTag = tag;
            final Request bye = extra.createRequest(Request.BYE);
            ua.stamp(bye, target, OUR_USER);
            ua.send(bye, target);
        }
    }

    /** ACK for the 2xx with CSeq {@code seq}, with the body of {@code bodyFrom} if given (a delayed offer's answer). */
    public void ack(final long seq, final Message bodyFrom)
    {
        final Request ack = dialog.createAck(seq);
        ua.stamp(ack, target, OUR_USER);
        if (bodyFrom != null)
        {
            Bodies.copy(bodyFrom, ack);
        }
        lastAck = ack;
        ua.sendStateless(ack, target);
    }

    /** Holds the ACK for the 2xx with CSeq {@code seq} back until the answer it must carry arrives. */
    public void holdAck(final long seq)
    {
        heldAckSeq = seq;
    }

    public boolean hasHeldAck()
    {
        return heldAckSeq >= 0;
    }

    /** Sends the held ACK, with the body of {@code bodyFrom} if given; nothing if none is held. */
    public void releaseAck(final Message bodyFrom)
    {
        if (heldAckSeq >= 0)
        {
            final long seq = heldAckSeq;
            heldAckSeq = -1;
            ack(seq, bodyFrom);
        }
    }

    /** A new request of the dialog (the next CSeq), with our Via and Contact, not yet sent. */
    public Request request(final String method)
    {
        final Request request = dialog.createRequest(method);
        ua.stamp(request, target, OUR_USER);
        return request;
    }

    /** Sends a request of the dialog made by {@link #request}; its responses go to the transaction user. */
    public ClientTransaction send(final Request request)
    {
        return ua.send(request, target);
    }

    /**
     * Hangs the dialog up with BYE (RFC 3261 §15.1.1); a 2xx whose ACK we held back is acknowledged first, as §15
     * requires. False without a dialog to hang up.
     */
    public boolean bye()
    {
        if (dialog == null)
        {
            return false;
        }
        releaseAck(null);
        send(request(Request.BYE));
        return true;
    }

    /** A re-INVITE we relay or send on this dialog is not finished (a new one now would be glare, §14.2). */
    public boolean reinvitePending()
    {
        return reinvitePending;
    }

    public void reinvitePending(final boolean value)
    {
        reinvitePending = value;
    }
}
