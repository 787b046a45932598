package io.switchboard.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.acd.SelectionPolicy;
import io.switchboard.core.events.ScreenPops;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.journal.MemoryJournal;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantAdminTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Settings DEFAULTS = new Settings(20, 30, "longest-idle", true);
    private static final ScreenPops.Page CRM = new ScreenPops.Page("CRM", "https://crm.example/?p={caller}", true);
    private static final ScreenPops.Page PANEL = new ScreenPops.Page("Orders", "https://orders.example/?p={customer}",
        true, ScreenPops.PANEL);

    private final MemoryJournal journal = new MemoryJournal();
    private final TenantAdmin admin = new TenantAdmin(journal, Runnable::run, DEFAULTS, new ScreenPops(List.of()));

    @Test
    void shouldChangeAnySubsetOfTheSettingsAndRefuseBadValues() throws Exception
    {
        final Settings changed = DEFAULTS.with(json("{\"ringTimeoutSeconds\": 7, \"policy\": \"fewest-calls\"}"));
        assertEquals(new Settings(7, 30, "fewest-calls", true), changed);
        assertEquals(SelectionPolicy.FEWEST_CALLS, changed.acd().policy());
        assertEquals(7000, changed.acd().ringTimeoutMillis());
        for (final String bad : List.of("{\"ringTimeoutSeconds\": 0}", "{\"ringTimeoutSeconds\": 91}",
            "{\"wrapUpSeconds\": 1.5}", "{\"wrapUpSeconds\": \"10\"}", "{\"policy\": \"random\"}",
            "{\"policy\": 1}", "{\"lastAgentPriority\": \"yes\"}", "{\"colour\": \"red\"}", "[]"))
        {
            final AdminException refused = assertThrows(AdminException.class, () -> DEFAULTS.with(json(bad)), bad);
            assertEquals(AdminException.Reason.INVALID, refused.reason(), bad);
            assertFalse(refused.getMessage().isBlank(), bad);
        }
    }

    @Test
    void shouldKeepAtMostFivePagesInOrderAndMoveThem()
    {
        ScreenPops pops = new ScreenPops(List.of());
        for (int i = 0; i < ScreenPops.MAX_PAGES; i++)
        {
            pops = ScreenPopPages.add(pops, new ScreenPops.Page("P" + i, "https://p" + i + ".example/", true));
        }
        final ScreenPops full = pops;
        assertEquals(AdminException.Reason.CONFLICT, assertThrows(AdminException.class,
            () -> ScreenPopPages.add(full, CRM)).reason());
        pops = ScreenPopPages.move(pops, 2, "up");
        assertEquals(List.of("P0", "P2", "P1", "P3", "P4"), names(pops));
        pops = ScreenPopPages.move(pops, 3, "down");
        assertEquals(List.of("P0", "P2", "P1", "P4", "P3"), names(pops));
        pops = ScreenPopPages.remove(pops, 0);
        assertEquals(List.of("P2", "P1", "P4", "P3"), names(pops));
        pops = ScreenPopPages.edit(pops, 1, null, null, false, null);
        assertEquals(new ScreenPops.Page("P1", "https://p1.example/", false), pops.pages().get(1));
        pops = ScreenPopPages.edit(pops, 1, null, null, null, ScreenPops.PANEL);
        assertEquals(new ScreenPops.Page("P1", "https://p1.example/", false, "panel"), pops.pages().get(1));
        final ScreenPops some = pops;
        assertEquals(AdminException.Reason.CONFLICT, assertThrows(AdminException.class,
            () -> ScreenPopPages.move(some, 0, "up")).reason());
        assertEquals(AdminException.Reason.CONFLICT, assertThrows(AdminException.class,
            () -> ScreenPopPages.move(some, 3, "down")).reason());
        assertEquals(AdminException.Reason.INVALID, assertThrows(AdminException.class,
            () -> ScreenPopPages.move(some, 1, "left")).reason());
        assertEquals(AdminException.Reason.UNKNOWN, assertThrows(AdminException.class,
            () -> ScreenPopPages.remove(some, 4)).reason());
        assertEquals(AdminException.Reason.UNKNOWN, assertThrows(AdminException.class,
            () -> ScreenPopPages.edit(some, -1, "x", null, null, null)).reason());
        assertEquals(AdminException.Reason.INVALID, assertThrows(AdminException.class,
            () -> ScreenPopPages.edit(some, 0, null, "ftp://x", null, null)).reason());
        assertEquals(AdminException.Reason.INVALID, assertThrows(AdminException.class,
            () -> ScreenPopPages.edit(some, 0, null, null, null, "window")).reason());
        assertEquals(AdminException.Reason.INVALID, assertThrows(AdminException.class,
            () -> ScreenPopPages.add(new ScreenPops(List.of()),
                new ScreenPops.Page(" ", "https://x.example/", true))).reason());
    }

    @Test
    void shouldGiveQuickRepliesStableIdsAndCheckTheirText()
    {
        QuickReplies replies = QuickReplies.NONE.add("Hello").add("Bye");
        assertEquals(List.of(1L, 2L), ids(replies));
        replies = replies.remove(2).add("Again");
        assertEquals(List.of(1L, 3L), ids(replies), "an id is never given again");
        replies = replies.edit(1, "Hello there");
        assertEquals("Hello there", replies.find(1).text());
        final QuickReplies some = replies;
        assertEquals(AdminException.Reason.UNKNOWN, assertThrows(AdminException.class, () -> some.edit(2, "x"))
            .reason());
        assertEquals(AdminException.Reason.UNKNOWN, assertThrows(AdminException.class, () -> some.remove(9))
            .reason());
        for (final String bad : new String[] {null, "", "   ", "x".repeat(501)})
        {
            assertEquals(AdminException.Reason.INVALID, assertThrows(AdminException.class, () -> some.add(bad))
                .reason());
        }
        assertEquals(500, some.add("é".repeat(500)).replies().get(2).text().length());
    }

    @Test
    void shouldJournalEachChangeWholeAndRebuildFromTheJournal() throws Exception
    {
        final List<Settings> applied = new ArrayList<>();
        final List<ScreenPops> swapped = new ArrayList<>();
        admin.onSettings(applied::add);
        admin.onScreenPops(swapped::add);
        admin.changeSettings(json("{\"wrapUpSeconds\": 5}")).get();
        admin.changeScreenPops(pops -> ScreenPopPages.add(pops, CRM)).get();
        admin.changeScreenPops(pops -> ScreenPopPages.add(pops, PANEL)).get();
        admin.changeQuickReplies(replies -> replies.add("One").add("Two")).get();
        admin.changeQuickReplies(replies -> replies.remove(1)).get();
        assertEquals(List.of(new Settings(20, 5, "longest-idle", true)), applied);
        assertEquals(2, swapped.size());
        assertEquals(5, admin.live().wrapUpSeconds());

        final CompletableFuture<Settings> refused = admin.changeSettings(json("{\"wrapUpSeconds\": 0}"));
        final ExecutionException ex = assertThrows(ExecutionException.class, refused::get);
        assertInstanceOf(AdminException.class, ex.getCause());
        assertEquals(5, admin.settings().wrapUpSeconds(), "a refused change changes nothing");

        final TenantAdmin restarted = new TenantAdmin(journal, Runnable::run, new Settings(9, 9, "fewest-calls",
            false), new ScreenPops(List.of(new ScreenPops.Page("Old", "https://old.example/", true))));
        journal.replay((type, json) ->
        {
            assertTrue(TenantAdmin.handles(type), type);
            restarted.apply(type, json);
        });
        assertEquals(new Settings(20, 5, "longest-idle", true), restarted.settings());
        assertEquals(restarted.settings(), restarted.live());
        assertEquals(List.of(CRM, PANEL), restarted.screenPops().pages(), "each page opens as it did");
        assertEquals(List.of(2L), ids(restarted.quickReplies()));
        assertEquals(List.of(2L, 3L), ids(restarted.quickReplies().add("Three")), "ids go on after a restart");
    }

    @Test
    void shouldUndoAChangeTheJournalRefused() throws Exception
    {
        final TenantAdmin failing = new TenantAdmin(new Journal()
        {
            @Override
            public CompletableFuture<Long> append(final String type, final byte[] json)
            {
                return CompletableFuture.failedFuture(new java.io.IOException("disk full"));
            }

            @Override
            public void replay(final java.util.function.BiConsumer<String, byte[]> handler)
            {
            }

            @Override
            public void close()
            {
            }
        }, Runnable::run, DEFAULTS, new ScreenPops(List.of()));
        final List<ScreenPops> swapped = new ArrayList<>();
        failing.onScreenPops(swapped::add);
        assertThrows(ExecutionException.class, () -> failing.changeScreenPops(p -> ScreenPopPages.add(p, CRM))
            .get());
        assertEquals(List.of(), failing.screenPops().pages());
        assertEquals(List.of(), swapped, "nothing handed on");
    }

    private static JsonNode json(final String text) throws Exception
    {
        return JSON.readTree(text);
    }

    private static List<String> names(final ScreenPops pops)
    {
        return pops.pages().stream().map(ScreenPops.Page::name).toList();
    }

    private static List<Long> ids(final QuickReplies replies)
    {
        return replies.replies().stream().map(QuickReplies.Reply::id).toList();
    }
}
