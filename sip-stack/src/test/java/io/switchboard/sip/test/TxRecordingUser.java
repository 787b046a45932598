package io.switchboard.sip.test;

import io.switchboard.sip.transaction.ClientTransaction;
import io.switchboard.sip.transaction.ServerTransaction;
import io.switchboard.sip.transaction.Transaction;
import io.switchboard.sip.transaction.TransactionUser;
import io.switchboard.sip.transport.Flow;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A {@link TransactionUser} that records every callback, for transaction layer tests. */
public final class TxRecordingUser implements TransactionUser
{
    /**
     * One callback: its name, the transaction (may be null), the message (may be null) and the transaction's
     * userData as the callback saw it (null without a transaction).
     */
    public record Event(String name, Transaction transaction, Object message, Object userData)
    {
        Event(final String name, final Transaction transaction, final Object message)
        {
            this(name, transaction, message, transaction == null ? null : transaction.userData());
        }
    }

    private final List<Event> events = new ArrayList<>();
    private Consumer<Event> reaction = event -> { };

    @Override
    public void onRequest(final ServerTransaction transaction, final Request request)
    {
        add(new Event("request", transaction, request));
    }

    @Override
    public void onAck(final Request ack, final Flow flow)
    {
        add(new Event("ack", null, ack));
    }

    @Override
    public void onCancel(final ServerTransaction invite, final Request cancel)
    {
        add(new Event("cancel", invite, cancel));
    }

    @Override
    public void onResponse(final ClientTransaction transaction, final Response response)
    {
        add(new Event("response", transaction, response));
    }

    @Override
    public void onTimeout(final ClientTransaction transaction)
    {
        add(new Event("timeout", transaction, null));
    }

    @Override
    public void onAckTimeout(final ServerTransaction transaction)
    {
        add(new Event("ackTimeout", transaction, null));
    }

    @Override
    public void onTransportError(final Transaction transaction)
    {
        add(new Event("transportError", transaction, null));
    }

    /** What the TU does on each callback, after recording it (for example, cancel from inside onResponse). */
    public void reactWith(final Consumer<Event> action)
    {
        reaction = action;
    }

    public List<Event> events()
    {
        return events;
    }

    /** The names of the callbacks so far, in order. */
    public List<String> names()
    {
        final List<String> names = new ArrayList<>();
        for (final Event e : events)
        {
            names.add(e.name());
        }
        return names;
    }

    public Event last()
    {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    /** The server transaction of the last "request" callback. */
    public ServerTransaction lastServerTransaction()
    {
        for (int i = events.size() - 1; i >= 0; i--)
        {
            if ("request".equals(events.get(i).name()))
            {
                return (ServerTransaction)events.get(i).transaction();
            }
        }
        return null;
    }

    private void add(final Event event)
    {
        events.add(event);
        reaction.accept(event);
    }

    public void clear()
    {
        events.clear();
    }
}
