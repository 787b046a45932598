package io.switchboard.sip.test;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.switchboard.sip.transport.HostPort;
import io.switchboard.sip.transport.MessageSender;
import io.switchboard.sip.transport.Target;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link MessageSender} that records what would have been sent, for transaction and TU tests. Messages sent as
 * bytes ({@link #sendEncoded}) are parsed back, so that tests read every sent message the same way.
 */
public final class CapturingSender implements MessageSender
{
    /**
     * One message as sent, with its target.
     *
     * @param message a copy of the message sent, or the message parsed back from the bytes sent
     * @param target  where it went
     * @param bytes   what went on the wire: the bytes given to {@link #sendEncoded}, or the encoding of the message
     */
    public record Sent(SIPMessage message, Target target, byte[] bytes)
    {
        public boolean isRequest()
        {
            return message instanceof SIPRequest;
        }

        public int status()
        {
            return message instanceof SIPResponse r ? r.getStatusCode() : 0;
        }

        public String method()
        {
            return message instanceof SIPRequest r ? r.getMethod() : message.getCSeq().getMethod();
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private final HostPort local;
    private boolean failNext;

    public CapturingSender()
    {
        this(new HostPort("127.0.0.1", 5060));
    }

    public CapturingSender(final HostPort local)
    {
        this.local = local;
    }

    @Override
    public void send(final SIPMessage message, final Target target, final SendFailureListener onFailure)
    {
        if (failNext)
        {
            failNext = false;
            if (onFailure != null)
            {
                onFailure.onSendFailure(message, target, new java.io.IOException("simulated transport error"));
            }
            return;
        }
        final SIPMessage copy = (SIPMessage)message.clone();
        sent.add(new Sent(copy, target, encode(copy, target)));
    }

    @Override
    public void sendEncoded(final byte[] bytes, final Target target, final SendFailureListener onFailure)
    {
        if (failNext)
        {
            failNext = false;
            if (onFailure != null)
            {
                onFailure.onSendFailure(null, target, new java.io.IOException("simulated transport error"));
            }
            return;
        }
        try
        {
            sent.add(new Sent(new StringMsgParser().parseSIPMessage(bytes, true, false, null), target, bytes.clone()));
        }
        catch (final ParseException ex)
        {
            throw new IllegalStateException("sent bytes do not parse: " + ex.getMessage(), ex);
        }
    }

    @Override
    public HostPort localAddressFor(final Target target)
    {
        return local;
    }

    /** Makes the next send fail through its callback, as a refused TCP connection would. */
    public void failNextSend()
    {
        failNext = true;
    }

    public List<Sent> sent()
    {
        return sent;
    }

    public Sent last()
    {
        return sent.isEmpty() ? null : sent.get(sent.size() - 1);
    }

    public int count()
    {
        return sent.size();
    }

    public void clear()
    {
        sent.clear();
    }
}
