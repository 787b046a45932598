package io.switchboard.sip.registrar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies the contacts of one REGISTER to an AOR's bindings, RFC 3261 §10.3 steps 6 and 7, as a pure function
 * of the current bindings (run inside {@link LocationService#update}).
 * <p>
 * For each contact: an existing binding with the same Call-ID and a CSeq not lower than the request's makes the
 * whole update fail (the request is out of order, and nothing is changed); otherwise an expiry of zero removes
 * the binding, and any other expiry adds or replaces it. Expired bindings count as absent.
 * <p>
 * Decision on the per-AOR limit: beyond {@code maxContacts}, the least recently written bindings are dropped, not
 * the REGISTER refused, because a phone that reboots behind a NAT comes back with a new Call-ID and port, and
 * refusing it would lock it out until its stale bindings expire.
 *
 * @param requested   the request's contacts as bindings; an expiry of zero is written as expiresAtMs == nowMs.
 * @param wildcard    true for {@code Contact: *} (then {@code requested} is empty): remove every binding.
 * @param callId      the request's Call-ID.
 * @param cseq        the request's CSeq number.
 * @param maxContacts the per-AOR limit.
 * @param nowMs       the current time.
 */
record BindingUpdate(
    List<Binding> requested,
    boolean wildcard,
    String callId,
    long cseq,
    int maxContacts,
    long nowMs)
{
    /** @return the new bindings, or null if the request is out of order and must fail. */
    List<Binding> apply(final List<Binding> current)
    {
        final List<Binding> next = new ArrayList<>(current.size() + requested.size());
        for (final Binding binding : current)
        {
            if (!binding.isExpired(nowMs))
            {
                next.add(binding);
            }
        }
        if (wildcard)
        {
            return next.stream().anyMatch(this::isNotOlderThanRequest) ? null : List.of();
        }
        final List<Binding> written = new ArrayList<>(requested.size());
        for (final Binding contact : requested)
        {
            final int index = indexOfSame(next, contact);
            if (index >= 0)
            {
                final Binding existing = next.get(index);
                if (!written.contains(existing) && isNotOlderThanRequest(existing))
                {
                    return null;
                }
                next.remove(index);
            }
            if (!contact.isExpired(nowMs))
            {
                next.add(contact);
                written.add(contact);
            }
        }
        while (next.size() > maxContacts)
        {
            next.remove(next.stream().min(Comparator.comparingLong(Binding::registeredAtMs)).orElseThrow());
        }
        return next;
    }

    private boolean isNotOlderThanRequest(final Binding existing)
    {
        return existing.callId().equals(callId) && existing.cseq() >= cseq;
    }

    private static int indexOfSame(final List<Binding> bindings, final Binding contact)
    {
        for (int i = 0; i < bindings.size(); i++)
        {
            if (bindings.get(i).isSameContact(contact))
            {
                return i;
            }
        }
        return -1;
    }
}
