package io.switchboard.core.call;

import io.switchboard.sip.message.Bodies;
import javax.sip.message.Request;
import io.switchboard.media.dtmf.DtmfInfo;
import io.switchboard.sip.transaction.ServerTransaction;

import javax.sip.message.Response;

/**
 * DTMF between the parties: keys read from a phone's RTP (RFC 4733) or SIP INFO, recorded, given to the caller's flow
 * while it is in one, else passed to the other party the way its phone understands (RFC 4733 events in our stream,
 * or one INFO per key, in order). One per worker.
 */
final class DtmfRelay
{
    /** How long each key sent by INFO is said to last. */
    private static final int DTMF_INFO_MILLIS = 160;
    private final LegSignals signals;

    DtmfRelay(final LegSignals signals)
    {
        this.signals = signals;
    }

    /** An INFO with a key of ours was answered: the next key goes. */
    void infoAnswered(final DtmfInfoSent sent)
    {
        sent.leg().infoInFlight = false;
        nextInfo(sent.leg());
    }

    /** An INFO with a key of ours got no answer: the keys still waiting for that leg are dropped. */
    void infoFailed(final DtmfInfoSent sent)
    {
        sent.leg().infoInFlight = false;
        sent.leg().infoDigits.setLength(0);
    }


    /** DTMF by SIP INFO (application/dtmf-relay or application/dtmf); false for any other INFO, which is relayed. */
    boolean dtmfInfo(final ServerTransaction transaction, final Request request, final Leg leg)
    {
        final String type = Bodies.contentType(request);
        if (!DtmfInfo.DTMF_RELAY.equals(type) && !"application/dtmf".equals(type))
        {
            return false;
        }
        final char digit = DtmfInfo.parse(type, request.getRawContent());
        if (digit == '\0')
        {
            signals.reply(transaction, Response.BAD_REQUEST, "Bad DTMF");
            return true;
        }
        signals.reply(transaction, Response.OK, null);
        digit(leg, digit, false);
        return true;
    }

    /** A key pressed on a leg's phone, read from its RTP (RFC 4733) by the media engine. */
    void onDtmf(final Leg leg, final char digit)
    {
        digit(leg, digit, true);
    }

    /**
     * Records a key and passes it on to the other party: RFC 4733 events travel in the RTP relay by themselves when
     * both phones agreed on telephone-event; otherwise the key goes the way the other phone understands.
     */
    void digit(final Leg from, final char digit, final boolean inRtp)
    {
        final Call call = from.call();
        call.digits.add((from.side() == Leg.Side.CALLER ? "caller:" : "callee:") + digit);
        if (call.flow != null && from.side() == Leg.Side.CALLER && call.flow.digit(digit))
        {
            // The caller talks to the IVR: its keys are the flow's, not the agent's.
            return;
        }
        final Leg to = from.peer();
        if (to == null || to.endpoint == null || call.isOver() || from.endpoint.muted())
        {
            return;
        }
        final boolean relayedInRtp = inRtp && to.endpoint.telephoneEvents() && call.media.bridged();
        if (!relayedInRtp)
        {
            sendDigits(to, String.valueOf(digit));
        }
    }

    /** Sends DTMF to a leg's phone: RFC 4733 events if it agreed to them, else one SIP INFO per key, in order. */
    void sendDigits(final Leg leg, final CharSequence digits)
    {
        if (leg.endpoint.sendDtmf(digits))
        {
            return;
        }
        leg.infoDigits.append(digits);
        nextInfo(leg);
    }

    void nextInfo(final Leg leg)
    {
        if (leg.infoInFlight || leg.infoDigits.length() == 0 || leg.isOver() || leg.dialog() == null)
        {
            return;
        }
        final char digit = leg.infoDigits.charAt(0);
        leg.infoDigits.deleteCharAt(0);
        final Request info = leg.usage().request(Request.INFO);
        Bodies.set(info, "application", "dtmf-relay", DtmfInfo.relayBody(digit, DTMF_INFO_MILLIS));
        leg.infoInFlight = true;
        leg.usage().send(info).userData(new DtmfInfoSent(leg));
    }

    /** An INFO with one DTMF key that we sent; the next key goes when it is answered. */
    record DtmfInfoSent(Leg leg)
    {
    }
}
