package io.switchboard.core.agent;

import io.switchboard.acd.AcdService;
import io.switchboard.acd.AgentState;
import io.switchboard.core.auth.Account;
import io.switchboard.core.auth.Sessions;
import io.switchboard.core.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Logging out of the workbench takes the agent offline (000 下线与退出登录), and so does its session expiring: when
 * the last session of an agent's account ends, whichever way, the agent is set offline and that is journalled like
 * its own choice, so a restart does not sign it in again and its phone gets no queue calls. A second browser still
 * signed in keeps the agent as it is. An agent on a call stays on it (the engine refuses the change): the phone's
 * hang-up and the presence sweep decide then. On the API's loop, which owns the sessions and the accounts.
 */
public final class AgentSignOut implements Sessions.EndListener
{
    private static final Logger LOG = LoggerFactory.getLogger(AgentSignOut.class);

    private final Function<String, Account> accounts;
    private final Predicate<String> stillSignedIn;
    private final AgentDirectory directory;
    private final AcdService acd;
    private final Journal journal;

    /**
     * @param accounts      the account of an e-mail (null if none)
     * @param stillSignedIn whether an e-mail has another live session
     */
    public AgentSignOut(final Function<String, Account> accounts, final Predicate<String> stillSignedIn,
        final AgentDirectory directory, final AcdService acd, final Journal journal)
    {
        this.accounts = accounts;
        this.stillSignedIn = stillSignedIn;
        this.directory = directory;
        this.acd = acd;
        this.journal = journal;
    }

    @Override
    public void sessionEnded(final Sessions.Session session)
    {
        final Account account = accounts.apply(session.email());
        final AgentDirectory.Agent agent = account == null || account.staffNo() == null ? null
            : directory.agentByStaffNo(account.staffNo());
        if (agent == null || stillSignedIn.test(session.email()))
        {
            return;
        }
        acd.setAgentState(agent.id(), AgentState.OFFLINE, 0)
            .thenCompose(done -> journal.append(AgentStates.JOURNAL_TYPE,
                AgentStates.entry(agent.staffNo(), AgentState.OFFLINE, null)))
            .whenComplete((position, failure) ->
            {
                if (failure != null)
                {
                    LOG.info("agent {} stays as it is after its last session ended: {}", agent.staffNo(),
                        failure.getMessage());
                }
                else
                {
                    LOG.info("agent {} offline: its last session ended (log-out or expiry)", agent.staffNo());
                }
            });
    }
}
