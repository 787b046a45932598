package io.switchboard.core.admin;

import io.switchboard.acd.AcdEngine;
import io.switchboard.acd.AcdError;
import io.switchboard.acd.AcdException;
import io.switchboard.acd.AcdService;
import io.switchboard.acd.AcdSettings;
import io.switchboard.acd.AgentState;
import io.switchboard.acd.SelectionPolicy;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.agent.DirectoryFixture;
import io.switchboard.core.auth.AccountStore;
import io.switchboard.core.auth.PasswordHasher;
import io.switchboard.core.auth.Sessions;
import io.switchboard.core.config.AcdSettingsConfig;
import io.switchboard.core.journal.MemoryJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agents administered as events: journalled, then applied by the replay's own {@code apply}, the ACD and the
 * accounts following; an agent on a call is not deleted, and nothing is journalled for it.
 */
class AgentAdminTest
{
    private final AgentDirectory directory = new AgentDirectory(config());
    private final MemoryJournal journal = new MemoryJournal();
    private final AccountStore accounts = new AccountStore(journal, Runnable::run);
    private final PasswordHasher hasher = new PasswordHasher();
    private AcdService acd;
    private AgentAdmin admin;

    @BeforeEach
    void start() throws Exception
    {
        acd = new AcdService(new AcdSettings(SelectionPolicy.LONGEST_IDLE, false, 20_000, 10_000), AcdEngine::new,
            AcdService.Config.defaults(1)).start();
        acd.execute(engine -> directory.load(engine, 0)).get(5, TimeUnit.SECONDS);
        admin = new AgentAdmin(directory, acd, journal, accounts, new Sessions(System::currentTimeMillis, 60_000),
            hasher, Set.of("1001", "1002", "1003", "1004"), Runnable::run);
    }

    @AfterEach
    void stop()
    {
        acd.close();
        hasher.close();
    }

    @Test
    void createEditAndDeleteAreJournalledThenAppliedAndReplayTheSame() throws Exception
    {
        final AgentAdmin.Created created = get(admin.create(new AgentAdmin.Input("N1", "New One", "n1@example.com",
            null, "1003", null, null, List.of("support"))));
        final int id = created.agent().id();
        final int support = directory.group("support").id();
        assertFalse(created.firstPassword().isBlank(), "a first password, shown once");
        assertEquals("New One", directory.agentByStaffNo("N1").name());
        assertNotNull(accounts.findByStaffNo("N1"), "its account follows");
        assertTrue(acd.query(view -> view.hasAgent(id) && view.isMember(id, support)).get(5, TimeUnit.SECONDS));

        get(admin.edit("N1", new AgentAdmin.Edit("Renamed", null, "555", List.of())));
        assertEquals("Renamed", directory.agentByStaffNo("N1").name());
        assertEquals("Renamed", accounts.findByStaffNo("N1").name());
        assertFalse(acd.query(view -> view.isMember(id, support)).get(5, TimeUnit.SECONDS), "left in the ACD");

        // On a call (one the agent made): not deleted, and nothing journalled for it.
        get(acd.setAgentState(id, AgentState.IDLE, 0));
        get(acd.directStart(id));
        final ExecutionException busy = assertThrows(ExecutionException.class,
            () -> admin.delete("N1").get(5, TimeUnit.SECONDS));
        assertEquals(AcdError.FORBIDDEN_TRANSITION, acdCause(busy).error());
        assertNotNull(directory.agentByStaffNo("N1"));
        assertEquals(List.of(AgentEvent.CREATED, AgentEvent.UPDATED), agentTypes());

        get(acd.directEnded(id));
        get(admin.delete("N1"));
        assertNull(directory.agentByStaffNo("N1"));
        assertNull(accounts.findByStaffNo("N1"), "its account goes too");
        assertFalse(acd.query(view -> view.hasAgent(id)).get(5, TimeUnit.SECONDS));
        assertEquals(List.of(AgentEvent.CREATED, AgentEvent.UPDATED, AgentEvent.DELETED), agentTypes());

        final AgentDirectory replayed = new AgentDirectory(config());
        journal.replay((type, json) ->
        {
            if (AgentAdmin.handles(type))
            {
                AgentAdmin.apply(replayed, type, json);
            }
        });
        assertEquals(directory.agents(), replayed.agents());
        assertEquals(directory.nextId(), replayed.nextId(), "the deleted agent's id is not given again");
    }

    @Test
    void twoRequestsForTheSameStaffNumberCannotBothPass() throws Exception
    {
        final CompletableFuture<AgentAdmin.Created> first = admin.create(new AgentAdmin.Input("N2", null,
            "n2@example.com", null, "1003", null, null, List.of()));
        final CompletableFuture<AgentAdmin.Created> second = admin.create(new AgentAdmin.Input("N2", null,
            "other@example.com", null, "1004", null, null, List.of()));
        get(first);
        final ExecutionException refused = assertThrows(ExecutionException.class,
            () -> second.get(5, TimeUnit.SECONDS));
        assertEquals(AdminException.Reason.CONFLICT, ((AdminException)refused.getCause()).reason());
        assertEquals(List.of(AgentEvent.CREATED), agentTypes());
    }

    private List<String> agentTypes()
    {
        final List<String> types = new ArrayList<>();
        journal.replay((type, json) ->
        {
            if (AgentAdmin.handles(type))
            {
                types.add(type);
            }
        });
        return types;
    }

    private static AcdException acdCause(final Throwable failure)
    {
        Throwable cause = failure;
        while (!(cause instanceof AcdException) && cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        return (AcdException)cause;
    }

    private static <T> T get(final CompletableFuture<T> change) throws Exception
    {
        return change.get(5, TimeUnit.SECONDS);
    }

    private static AcdSettingsConfig config()
    {
        return DirectoryFixture.supportWithTwoAgents();
    }
}
