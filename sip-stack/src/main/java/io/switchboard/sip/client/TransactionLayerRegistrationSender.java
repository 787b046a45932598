package io.switchboard.sip.client;

import javax.sip.message.Response;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.message.Vias;
import io.switchboard.sip.transaction.ClientTransaction;
import io.switchboard.sip.transaction.Transaction;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transaction.TransactionState;
import io.switchboard.sip.transport.MessageSender;
import io.switchboard.sip.transport.Target;

/**
 * Sends a {@link RegistrationClient}'s REGISTERs through the {@link TransactionLayer} of its owner's event loop:
 * pushes our Via with a new branch (each REGISTER is a new transaction, RFC 3261 §10.2), starts a non-INVITE client
 * transaction towards the carrier and puts the {@link RegistrationClient.Exchange} in its userData.
 * <p>
 * The owner's {@link io.switchboard.sip.transaction.TransactionUser} hands its client transaction callbacks to the
 * static {@code dispatch} methods first; each returns true when the transaction was a REGISTER of a client.
 * <p>
 * A transport error that the layer reports while {@code sendRequest} is still running reaches the TU before the
 * userData is set; the transaction is then already Terminated, which is how it is recognised here and reported to
 * the exchange instead.
 */
public final class TransactionLayerRegistrationSender implements RegistrationClient.Sender
{
    private final TransactionLayer layer;
    private final MessageSender transport;
    private final Target target;

    /**
     * @param layer     the owner loop's transaction layer.
     * @param transport the sender behind it, for the local address to put in Via.
     * @param target    the carrier's registrar (or outbound proxy), resolved.
     */
    public TransactionLayerRegistrationSender(
        final TransactionLayer layer,
        final MessageSender transport,
        final Target target)
    {
        this.layer = layer;
        this.transport = transport;
        this.target = target;
    }

    @Override
    public void send(final SIPRequest request, final RegistrationClient.Exchange exchange)
    {
        Vias.push(request, transport.localAddressFor(target), target.transport(), TransactionLayer.newBranch());
        final ClientTransaction transaction = layer.sendRequest(request, target);
        if (transaction.state() == TransactionState.TERMINATED)
        {
            exchange.onTransportError();
            return;
        }
        transaction.userData(exchange);
    }

    /** Where REGISTERs go. */
    public Target target()
    {
        return target;
    }

    /** From {@code TransactionUser.onResponse}: true if the response was for a registration client. */
    public static boolean dispatchResponse(final ClientTransaction transaction, final Response responseMessage)
    {
        final SIPResponse response = (SIPResponse)responseMessage;
        if (transaction != null && transaction.userData() instanceof RegistrationClient.Exchange exchange)
        {
            exchange.onResponse(response);
            return true;
        }
        return false;
    }

    /** From {@code TransactionUser.onTimeout}: true if the transaction was a registration client's. */
    public static boolean dispatchTimeout(final ClientTransaction transaction)
    {
        if (transaction.userData() instanceof RegistrationClient.Exchange exchange)
        {
            exchange.onTimeout();
            return true;
        }
        return false;
    }

    /** From {@code TransactionUser.onTransportError}: true if the transaction was a registration client's. */
    public static boolean dispatchTransportError(final Transaction transaction)
    {
        if (transaction instanceof ClientTransaction && transaction.userData() instanceof RegistrationClient.Exchange e)
        {
            e.onTransportError();
            return true;
        }
        return false;
    }
}
