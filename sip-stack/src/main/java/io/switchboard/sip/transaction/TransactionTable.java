package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live transactions of one layer, owned by its thread (no locks). Client transactions are found by branch and
 * CSeq method (RFC 3261 §17.1.3); server transactions by branch, sent-by and method (§17.2.3), or, for requests
 * from RFC 2543 elements without the magic cookie, by a scan of the few such transactions. INVITE server
 * transactions in Accepted (RFC 6026) are also indexed by (Call-ID, CSeq number, To tag) to find the one a 2xx
 * ACK acknowledges, since that ACK carries a new branch (§17.1.1.3).
 */
final class TransactionTable
{
    private final Map<TransactionKey, AbstractClientTransaction> clients = new HashMap<>();
    private final Map<TransactionKey, AbstractServerTransaction> servers = new HashMap<>();
    private final List<AbstractServerTransaction> legacyServers = new ArrayList<>();
    private final Map<String, InviteServerTransaction> accepted = new HashMap<>();

    void add(final AbstractClientTransaction tx)
    {
        clients.put(tx.key, tx);
    }

    void add(final AbstractServerTransaction tx)
    {
        if (tx.key == null)
        {
            legacyServers.add(tx);
        }
        else
        {
            servers.put(tx.key, tx);
        }
    }

    AbstractClientTransaction client(final TransactionKey key)
    {
        return clients.get(key);
    }

    /**
     * The server transaction a request belongs to, for the given transaction method (INVITE for an ACK or for the
     * CANCEL lookup of §9.2).
     */
    AbstractServerTransaction server(final SIPRequest request, final String method)
    {
        final TransactionKey key = TransactionKey.server(request, method);
        if (key != null)
        {
            return servers.get(key);
        }
        for (int i = 0, n = legacyServers.size(); i < n; i++)
        {
            final AbstractServerTransaction tx = legacyServers.get(i);
            if (Rfc2543Match.matches(tx, request, method))
            {
                return tx;
            }
        }
        return null;
    }

    void accepted(final InviteServerTransaction tx)
    {
        accepted.put(tx.acceptedKey(), tx);
    }

    /** The INVITE server transaction in Accepted whose 2xx this ACK acknowledges, or null. */
    InviteServerTransaction acceptedFor(final SIPRequest ack)
    {
        return accepted.get(dialogKey(ack));
    }

    void remove(final AbstractTransaction tx)
    {
        if (tx instanceof AbstractClientTransaction client)
        {
            clients.remove(client.key, client);
        }
        else if (tx instanceof AbstractServerTransaction server)
        {
            if (server.key == null)
            {
                legacyServers.remove(server);
            }
            else
            {
                servers.remove(server.key, server);
            }
            if (server instanceof InviteServerTransaction invite && invite.acceptedKey() != null)
            {
                accepted.remove(invite.acceptedKey(), invite);
            }
        }
    }

    int size()
    {
        return clients.size() + servers.size() + legacyServers.size();
    }

    /** Call-ID, CSeq number and To tag: what a 2xx and the ACK for it share. */
    static String dialogKey(final SIPMessage message)
    {
        return message.getCallId().getCallId() + '|' + message.getCSeq().getSeqNumber() + '|' + message.getToTag();
    }
}
