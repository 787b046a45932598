package io.switchboard.sip.ua;

import io.switchboard.sip.dialog.Identifiers;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.message.Vias;
import io.switchboard.sip.transaction.ClientTransaction;
import io.switchboard.sip.transaction.ServerTransaction;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transport.HostPort;
import io.switchboard.sip.transport.MessageSender;
import io.switchboard.sip.transport.Target;

import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import java.text.ParseException;

/**
 * The user agent core of one event loop (RFC 3261 §8.1.1, §12.2.1.1): what every request we originate needs before
 * the transaction layer takes it (our Via with a new branch and rport, our Contact), the stateless sends (the ACK
 * for a 2xx), and the replies a UAS makes with a To tag of its own. The sessions of that loop
 * ({@link InviteUsage}) send through it. Not thread-safe: one per loop, like the transaction layer it wraps.
 */
public final class UserAgent
{
    private final MessageSender sender;
    private TransactionLayer layer;

    public UserAgent(final MessageSender sender)
    {
        this.sender = sender;
    }

    /** The layer and its transaction user refer to each other; it is set once, before any message arrives. */
    public void layer(final TransactionLayer transactions)
    {
        this.layer = transactions;
    }

    public TransactionLayer layer()
    {
        return layer;
    }

    /** The address we send from towards a target: the sent-by of our Via and the host of our Contact. */
    public HostPort localAddressFor(final Target target)
    {
        return sender.localAddressFor(target);
    }

    /** Our Contact towards a target: {@code <sip:user@host:port;transport=x>}, transport omitted for UDP. */
    public ContactHeader contact(final String user, final Target target)
    {
        return contact(user, sender.localAddressFor(target), target.transport());
    }

    /** Our Contact at a local address: {@code <sip:user@host:port;transport=x>}, transport omitted for UDP. */
    public static ContactHeader contact(final String user, final HostPort local, final String transport)
    {
        try
        {
            final SipURI uri = SipFactories.ADDRESSES.createSipURI(user, local.uriHost());
            uri.setPort(local.port());
            if (!"UDP".equalsIgnoreCase(transport))
            {
                uri.setTransportParam(transport.toLowerCase());
            }
            final Address address = SipFactories.ADDRESSES.createAddress(uri);
            return SipFactories.HEADERS.createContactHeader(address);
        }
        catch (final ParseException ex)
        {
            throw new IllegalArgumentException("bad contact " + user + "@" + local, ex);
        }
    }

    /**
     * Puts our Via (a new branch, RFC 3261 §8.1.1.7) and, but on ACK and BYE, our Contact (§8.1.1.8) on a request
     * about to go to the target.
     */
    public void stamp(final Request request, final Target target, final String contactUser)
    {
        final HostPort local = via(request, target);
        if (!Request.ACK.equals(request.getMethod()) && !Request.BYE.equals(request.getMethod()))
        {
            request.setHeader(contact(contactUser, local, target.transport()));
        }
    }

    /** Only our Via with a new branch: a request sent again keeps the Contact it had. Returns our address. */
    public HostPort via(final Request request, final Target target)
    {
        final HostPort local = sender.localAddressFor(target);
        Vias.push(request, local, target.transport(), TransactionLayer.newBranch());
        return local;
    }

    /** A stamped request in a new client transaction; its responses go to the layer's transaction user. */
    public ClientTransaction send(final Request request, final Target target)
    {
        return layer.sendRequest(request, target);
    }

    /** A stamped ACK for a 2xx, or a retransmission of one: outside any transaction (RFC 3261 §17.1.1.3). */
    public void sendStateless(final Request request, final Target target)
    {
        layer.sendStateless(request, target);
    }

    /** A reply with a To tag of ours (RFC 3261 §8.2.6.2); a null reason keeps the RFC's phrase. */
    public void reply(final ServerTransaction transaction, final int status, final String reason)
    {
        transaction.respond(Responses.withToTag(transaction.request(), status, reason, Identifiers.tag()));
    }
}
