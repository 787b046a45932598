package io.switchboard.core.admin;

import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.agent.BreakReasons;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.journal.JournalEntries;

import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * The break reasons administered (add, rename, delete; issue 17): each change builds the whole new
 * {@link BreakReasons} from the one in force, journals it whole (entry type {@code break-reasons}) and, once written,
 * publishes it in the {@link AgentDirectory} — the one apply, which the replay at start calls too. Until the first
 * change the reasons are the configuration's ({@code tenant.acd.breakReasons}), with the codes they always had.
 * <p>
 * Not thread-safe: owned by the HTTP API's event loop ({@code owner}).
 */
public final class BreakReasonAdmin
{
    public static final String TYPE = "break-reasons";

    private final JournalledValue<BreakReasons> reasons;

    /** After the replay: the directory holds the reasons as last journalled. */
    public BreakReasonAdmin(final Journal journal, final Executor owner, final AgentDirectory directory)
    {
        this.reasons = new JournalledValue<>(journal, owner, TYPE, directory.breakReasonList(), BreakReasons::json);
        this.reasons.listener = directory::breakReasons;
    }

    /** Applies a journal entry (live through the listener, at start through the replay). */
    public static void apply(final AgentDirectory directory, final byte[] json)
    {
        directory.breakReasons(BreakReasons.of(JournalEntries.read(TYPE, json)));
    }

    /**
     * Any change (add, rename, delete); fails with the value's refusal as an {@link AdminException} (400 for a bad
     * name, 409 for a name taken or too many, 404 for an unknown reason), changing nothing.
     */
    public CompletableFuture<BreakReasons> change(final UnaryOperator<BreakReasons> change)
    {
        return reasons.change(current ->
        {
            try
            {
                return change.apply(current);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new AdminException(AdminException.Reason.INVALID, ex.getMessage());
            }
            catch (final IllegalStateException ex)
            {
                throw new AdminException(AdminException.Reason.CONFLICT, ex.getMessage());
            }
            catch (final NoSuchElementException ex)
            {
                throw new AdminException(AdminException.Reason.UNKNOWN, ex.getMessage());
            }
        });
    }

    public BreakReasons reasons()
    {
        return reasons.value;
    }
}
