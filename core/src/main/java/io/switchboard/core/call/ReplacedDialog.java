package io.switchboard.core.call;

import io.switchboard.core.signalling.Locator;

import java.util.concurrent.CompletableFuture;

/**
 * The far end of a consultation call, found by the Replaces ids an attended transfer names (RFC 3891): the worker
 * and call that own the dialog, and how to reach the phone at its other end with an INVITE that replaces our dialog
 * with it. Plain values, handed from the owner's loop to the transferring call's loop.
 *
 * @param worker   the SIP worker that owns the consultation call
 * @param callId   the consultation call's id
 * @param replaces the Replaces value for the phone: our dialog with it, from its side (RFC 3891 §3)
 * @param phone    where its INVITE goes: the dialog's remote target over the leg's transport
 * @param party    the number it answers to (the To of our INVITE)
 */
public record ReplacedDialog(int worker, long callId, String replaces, Locator.Contact phone, String party)
{
    /** Finds consultation calls on whichever worker owns them, and ends them once replaced. */
    public interface Lookup
    {
        CompletableFuture<ReplacedDialog> find(String callId, String toTag, String fromTag);

        void end(ReplacedDialog replaced);
    }

    /** The Call-ID and tags of a Replaces value {@code call-id;to-tag=..;from-tag=..}; null when it is malformed. */
    static String[] parse(final String replaces)
    {
        final String[] parts = replaces.split(";");
        String toTag = null;
        String fromTag = null;
        for (int i = 1; i < parts.length; i++)
        {
            final String part = parts[i].trim();
            if (part.regionMatches(true, 0, "to-tag=", 0, 7))
            {
                toTag = part.substring(7);
            }
            else if (part.regionMatches(true, 0, "from-tag=", 0, 9))
            {
                fromTag = part.substring(9);
            }
        }
        return parts[0].isBlank() || toTag == null || fromTag == null ? null
            : new String[] {parts[0].trim(), toTag, fromTag};
    }
}
