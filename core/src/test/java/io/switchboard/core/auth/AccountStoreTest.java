package io.switchboard.core.auth;

import io.switchboard.core.journal.Journal;
import io.switchboard.core.journal.MemoryJournal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accounts as journal events, rebuilt by replay (the owner is the test thread). */
class AccountStoreTest
{
    private final MemoryJournal journal = new MemoryJournal();
    private final AccountStore store = new AccountStore(journal, Runnable::run);

    private static Account account(final String email, final String staffNo)
    {
        return new Account(email, "Name of " + email, Role.AGENT, "1003", staffNo, "pbkdf2-sha256$x", 42);
    }

    private List<String> types()
    {
        final List<String> types = new ArrayList<>();
        journal.replay((type, json) -> types.add(type));
        return types;
    }

    @Test
    void everyChangeIsAJournalEventAndReplayRebuildsTheAccounts() throws Exception
    {
        store.create(account("a@x", "A1003")).get();
        store.create(account("b@x", null)).get();
        store.update("a@x", "Anna", "1004").get();
        store.setPasswordHash("A@X", "pbkdf2-sha256$new").get();
        store.delete("b@x").get();
        assertEquals(List.of(AccountStore.CREATED, AccountStore.CREATED, AccountStore.UPDATED, AccountStore.PASSWORD,
            AccountStore.DELETED), types());

        final AccountStore rebuilt = new AccountStore(journal, Runnable::run);
        rebuilt.replay();
        assertEquals(store.all(), rebuilt.all());
        final Account a = rebuilt.find("a@X");
        assertEquals(new Account("a@x", "Anna", Role.AGENT, "1004", "A1003", "pbkdf2-sha256$new", 42), a);
        assertNull(rebuilt.find("b@x"));
        assertEquals(a, rebuilt.findByStaffNo("A1003"));
    }

    @Test
    void theChosenLanguageIsJournalledAndSurvivesOtherChanges() throws Exception
    {
        store.create(account("a@x", "A1003")).get();
        assertNull(store.find("a@x").language(), "no choice: the browser's language decides");
        store.setLanguage("a@x", "zh-CN").get();
        store.update("a@x", "Anna", "1004").get();
        store.setPasswordHash("a@x", "pbkdf2-sha256$new").get();
        assertEquals("zh-CN", store.find("a@x").language());
        assertEquals("zh-CN", store.find("a@x").view().get("language"));
        assertEquals(AccountException.Reason.UNKNOWN, reason(store.setLanguage("nobody@x", "en")));

        final AccountStore rebuilt = new AccountStore(journal, Runnable::run);
        rebuilt.replay();
        assertEquals("zh-CN", rebuilt.find("a@x").language());
        store.setLanguage("a@x", null).get();
        final AccountStore again = new AccountStore(journal, Runnable::run);
        again.replay();
        assertNull(again.find("a@x").language(), "back to the browser's");
        assertEquals(store.all(), again.all());
    }

    @Test
    void eventsAreJsonWithoutSurprises() throws Exception
    {
        store.create(account("a@x", "A1003")).get();
        final List<String> bodies = new ArrayList<>();
        journal.replay((type, json) -> bodies.add(new String(json, StandardCharsets.UTF_8)));
        assertEquals("{\"email\":\"a@x\",\"name\":\"Name of a@x\",\"role\":\"agent\",\"extension\":\"1003\","
            + "\"staffNo\":\"A1003\",\"passwordHash\":\"pbkdf2-sha256$x\",\"createdAtMs\":42}", bodies.get(0));
    }

    @Test
    void anEmailOrAnAgentHasOneAccount() throws Exception
    {
        store.create(account("a@x", "A1003")).get();
        assertEquals(AccountException.Reason.EXISTS, reason(store.create(account("a@x", null))));
        assertEquals(AccountException.Reason.EXISTS, reason(store.create(account("c@x", "A1003"))));
        assertEquals(AccountException.Reason.UNKNOWN, reason(store.update("nobody@x", "N", null)));
        assertEquals(AccountException.Reason.UNKNOWN, reason(store.delete("nobody@x")));
        assertEquals(1, types().size(), "refusals write nothing");
    }

    @Test
    void aChangeTheJournalRefusedIsUndone()
    {
        final Journal broken = new Journal()
        {
            @Override
            public CompletableFuture<Long> append(final String type, final byte[] json)
            {
                return CompletableFuture.failedFuture(new java.io.IOException("disk full"));
            }

            @Override
            public void replay(final BiConsumer<String, byte[]> handler)
            {
            }

            @Override
            public void close()
            {
            }
        };
        final AccountStore refused = new AccountStore(broken, Runnable::run);
        assertThrows(ExecutionException.class, () -> refused.create(account("a@x", null)).get());
        assertTrue(refused.isEmpty());
    }

    @Test
    void theAnswerWaitsForTheJournal() throws Exception
    {
        final CompletableFuture<Long> written = new CompletableFuture<>();
        final Journal slow = new Journal()
        {
            @Override
            public CompletableFuture<Long> append(final String type, final byte[] json)
            {
                return written;
            }

            @Override
            public void replay(final BiConsumer<String, byte[]> handler)
            {
            }

            @Override
            public void close()
            {
            }
        };
        final AccountStore waiting = new AccountStore(slow, Runnable::run);
        final CompletableFuture<Account> created = waiting.create(account("a@x", null));
        assertFalse(created.isDone(), "not answered before the journal has it");
        assertEquals(AccountException.Reason.EXISTS, reason(waiting.create(account("a@x", null))),
            "but a second creation of the same e-mail is refused at once");
        written.complete(0L);
        assertEquals("a@x", created.get().email());
    }

    private static AccountException.Reason reason(final CompletableFuture<Account> future)
    {
        final ExecutionException ex = assertThrows(ExecutionException.class, future::get);
        return assertInstanceOf(AccountException.class, ex.getCause()).reason();
    }
}
