package io.switchboard.core.admin;

import io.switchboard.acd.AcdEngine;
import io.switchboard.acd.AcdService;
import io.switchboard.acd.AcdSettings;
import io.switchboard.acd.SelectionPolicy;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.agent.DirectoryFixture;
import io.switchboard.core.config.AcdSettingsConfig;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.journal.MemoryJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Skill groups administered as events: validated into a typed event, journalled, then applied by the same
 * {@code apply} the replay uses, with the ACD following; a journal that refuses leaves nothing changed.
 */
class GroupAdminTest
{
    private final AgentDirectory directory = new AgentDirectory(config());
    private AcdService acd;

    @BeforeEach
    void startAcd() throws Exception
    {
        acd = new AcdService(new AcdSettings(SelectionPolicy.LONGEST_IDLE, false, 20_000, 10_000), AcdEngine::new,
            AcdService.Config.defaults(1)).start();
        acd.execute(engine -> directory.load(engine, 0)).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopAcd()
    {
        acd.close();
    }

    @Test
    void eachChangeIsJournalledAsItsEventThenAppliedAndTheAcdFollows() throws Exception
    {
        final MemoryJournal journal = new MemoryJournal();
        final GroupAdmin admin = new GroupAdmin(directory, acd, journal, Runnable::run);

        final AgentDirectory.Group vip = get(admin.create(new GroupAdmin.Input("vip", "fewest-calls", 3, 30,
            "support")));
        get(admin.member("vip", "A1", true));
        get(admin.update("vip", new GroupAdmin.Input("vip", null, 4, 0, "hangup")));
        get(admin.member("support", "A2", false));

        assertEquals(List.of(GroupEvent.CREATED, GroupEvent.MEMBER_ADDED, GroupEvent.UPDATED,
            GroupEvent.MEMBER_REMOVED), types(journal));
        assertEquals("{\"name\":\"vip\",\"policy\":\"fewest-calls\",\"maxQueueLength\":3,\"maxWaitSeconds\":30,"
            + "\"fallback\":\"support\",\"concurrency\":3,\"chatAcceptTimeoutSeconds\":30,\"chatPool\":false,"
            + "\"postCallSurvey\":false,\"recording\":true}", entries(journal).get(0),
            "the JSON earlier versions wrote, then the chat settings, the post-call survey and recording (defaults)");
        assertFalse(directory.group("vip").postCallSurvey());
        assertEquals(3, directory.group("vip").settings().concurrency());
        assertEquals(30_000, directory.group("vip").settings().chatAcceptTimeoutMillis());
        assertEquals(4, directory.group("vip").settings().maxQueueLength());
        assertEquals(List.of("support", "vip"), directory.agentByStaffNo("A1").groups());
        assertEquals(List.of(), directory.agentByStaffNo("A2").groups());
        // The ACD followed the applied state.
        final int a1 = directory.agentByStaffNo("A1").id();
        final int a2 = directory.agentByStaffNo("A2").id();
        final int support = directory.group("support").id();
        assertTrue(acd.query(view -> view.isMember(a1, vip.id())).get(5, TimeUnit.SECONDS));
        assertEquals(4, acd.query(view -> view.groups().stream().filter(g -> g.groupId() == vip.id())
            .findFirst().orElseThrow().settings().maxQueueLength()).get(5, TimeUnit.SECONDS));
        assertFalse(acd.query(view -> view.isMember(a2, support)).get(5, TimeUnit.SECONDS));

        get(admin.delete("vip"));
        assertNull(directory.group("vip"));
        assertFalse(acd.query(view -> view.hasGroup(vip.id())).get(5, TimeUnit.SECONDS));

        // Live and replay are one apply: the journal replayed into a fresh directory gives the same groups.
        final AgentDirectory replayed = new AgentDirectory(config());
        journal.replay((type, json) -> GroupAdmin.apply(replayed, type, json));
        assertEquals(directory.groups(), replayed.groups());
        assertEquals(directory.agents(), replayed.agents());
    }

    @Test
    void theRecordingSettingIsJournalledAndEntriesWithoutItKeepTheGroups() throws Exception
    {
        final MemoryJournal journal = new MemoryJournal();
        final GroupAdmin admin = new GroupAdmin(directory, acd, journal, Runnable::run);
        assertTrue(directory.group("support").recording(), "on by default");
        get(admin.create(new GroupAdmin.Input("quiet", null, 0, 0, "hangup", null, null, null, null, false)));
        assertFalse(directory.group("quiet").recording());
        get(admin.update("support", new GroupAdmin.Input("support", null, 0, 0, "hangup", null, null, null, null,
            false)));
        assertFalse(directory.group("support").recording());
        get(admin.update("support", new GroupAdmin.Input("support", null, 3, 0, "hangup")));
        assertFalse(directory.group("support").recording(), "left out: kept");
        assertEquals(false, GroupAdmin.view(directory, directory.group("quiet")).get("recording"));

        final AgentDirectory replayed = new AgentDirectory(config());
        journal.replay((type, json) -> GroupAdmin.apply(replayed, type, json));
        assertEquals(directory.groups(), replayed.groups(), "live and replay are one apply");
        assertFalse(replayed.group("quiet").recording());

        // Entries earlier versions wrote have no recording: a new group records, an updated one keeps its own.
        final AgentDirectory old = new AgentDirectory(config());
        GroupAdmin.apply(old, GroupEvent.CREATED, ("{\"name\":\"night\",\"policy\":null,\"maxQueueLength\":0,"
            + "\"maxWaitSeconds\":0,\"fallback\":\"hangup\"}").getBytes(StandardCharsets.UTF_8));
        assertTrue(old.group("night").recording());
        GroupAdmin.apply(old, GroupEvent.UPDATED, ("{\"name\":\"support\",\"policy\":null,\"maxQueueLength\":0,"
            + "\"maxWaitSeconds\":0,\"fallback\":\"hangup\",\"recording\":false}").getBytes(StandardCharsets.UTF_8));
        GroupAdmin.apply(old, GroupEvent.UPDATED, ("{\"name\":\"support\",\"policy\":null,\"maxQueueLength\":1,"
            + "\"maxWaitSeconds\":0,\"fallback\":\"hangup\"}").getBytes(StandardCharsets.UTF_8));
        assertFalse(old.group("support").recording());
    }

    @Test
    void chatSettingsAreJournalledWithTheGroupAndEntriesWithoutThemKeepTheGroups() throws Exception
    {
        final MemoryJournal journal = new MemoryJournal();
        final GroupAdmin admin = new GroupAdmin(directory, acd, journal, Runnable::run);
        final int support = directory.group("support").id();
        final int before = directory.group("support").settings().concurrency();

        get(admin.update("support", new GroupAdmin.Input("support", null, 0, 0, "hangup", 9, 45)));
        assertEquals(9, directory.group("support").settings().concurrency());
        assertEquals(45_000, directory.group("support").settings().chatAcceptTimeoutMillis());
        assertEquals(9, acd.query(view -> view.groups().stream().filter(g -> g.groupId() == support)
            .findFirst().orElseThrow().settings().concurrency()).get(5, TimeUnit.SECONDS), "the ACD followed");
        get(admin.update("support", new GroupAdmin.Input("support", null, 2, 0, "hangup")));
        assertEquals(9, directory.group("support").settings().concurrency(), "left out: kept");
        assertEquals(45_000, directory.group("support").settings().chatAcceptTimeoutMillis());
        assertReason(AdminException.Reason.INVALID, admin.update("support",
            new GroupAdmin.Input("support", null, 0, 0, "hangup", 101, null)), "concurrency", "1 to 100");
        assertReason(AdminException.Reason.INVALID, admin.update("support",
            new GroupAdmin.Input("support", null, 0, 0, "hangup", null, 91)), "chatAcceptTimeoutSeconds");

        final AgentDirectory replayed = new AgentDirectory(config());
        journal.replay((type, json) -> GroupAdmin.apply(replayed, type, json));
        assertEquals(directory.groups(), replayed.groups(), "live and replay are one apply");

        // An entry an earlier version wrote has no chat settings: the group keeps its own.
        final AgentDirectory old = new AgentDirectory(config());
        GroupAdmin.apply(old, GroupEvent.UPDATED, ("{\"name\":\"support\",\"policy\":null,\"maxQueueLength\":5,"
            + "\"maxWaitSeconds\":0,\"fallback\":\"hangup\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(5, old.group("support").settings().maxQueueLength());
        assertEquals(before, old.group("support").settings().concurrency());
    }

    @Test
    void aRenameKeepsTheIdAndTheMembersNumbersFallbacksAndTheAcdFollowAtReplayToo() throws Exception
    {
        final MemoryJournal journal = new MemoryJournal();
        final List<String> followed = new ArrayList<>();
        final GroupAdmin admin = new GroupAdmin(directory, acd, journal, Runnable::run, group -> List.of())
            .followedBy((from, to) -> followed.add(from + " -> " + to));
        get(admin.create(new GroupAdmin.Input("vip", null, 0, 0, "support")));
        final int support = directory.group("support").id();

        final AgentDirectory.Group renamed = get(admin.rename("support", " 售后 "));
        assertEquals(support, renamed.id());
        assertEquals("售后", renamed.name());
        assertEquals("售后", renamed.settings().name());
        assertNull(directory.group("support"));
        assertEquals(List.of("售后"), directory.agentByStaffNo("A1").groups());
        assertEquals(support, directory.groupForNumber("4000").id());
        assertEquals(List.of("4000"), directory.numbersOf("售后"));
        assertEquals("售后", GroupAdmin.view(directory, directory.group("vip")).get("fallback"));
        assertEquals("售后", acd.query(view -> view.groups().stream().filter(g -> g.groupId() == support)
            .findFirst().orElseThrow().settings().name()).get(5, TimeUnit.SECONDS), "the ACD followed");
        assertEquals("{\"name\":\"support\",\"to\":\"售后\"}", entries(journal).get(1));
        assertEquals(List.of("support -> 售后"), followed, "the flows are told");

        assertReason(AdminException.Reason.CONFLICT, admin.rename("售后", "vip"), "exists");
        assertReason(AdminException.Reason.INVALID, admin.rename("售后", "售后"), "the group's name");
        assertReason(AdminException.Reason.INVALID, admin.rename("售后", "hangup"), "hangup");
        assertReason(AdminException.Reason.UNKNOWN, admin.rename("support", "x"), "support");

        final AgentDirectory replayed = new AgentDirectory(config());
        journal.replay((type, json) -> GroupAdmin.apply(replayed, type, json));
        assertEquals(directory.groups(), replayed.groups(), "live and replay are one apply");
        assertEquals(directory.agents(), replayed.agents());
        assertEquals(support, replayed.groupForNumber("4000").id());
    }

    @Test
    void aJournalThatRefusesLeavesNothingToUndo() throws Exception
    {
        final GroupAdmin admin = new GroupAdmin(directory, acd, new RefusingJournal(), Runnable::run);
        final List<AgentDirectory.Group> before = directory.groups();

        assertRefused(admin.create(new GroupAdmin.Input("vip", null, 0, 0, "hangup")));
        assertRefused(admin.member("support", "A1", false));
        assertRefused(admin.update("support", new GroupAdmin.Input("support", "fewest-calls", 9, 0, "hangup")));

        assertEquals(before, directory.groups());
        assertEquals(0, directory.group("support").settings().maxQueueLength());
        assertEquals(List.of("support"), directory.agentByStaffNo("A1").groups());
        assertEquals(1, acd.query(view -> view.groups().size()).get(5, TimeUnit.SECONDS), "the ACD never saw them");
        final int a1 = directory.agentByStaffNo("A1").id();
        final int support = directory.group("support").id();
        assertTrue(acd.query(view -> view.isMember(a1, support)).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aCommandIsValidatedBeforeAnythingIsJournalled()
    {
        final MemoryJournal journal = new MemoryJournal();
        final GroupAdmin admin = new GroupAdmin(directory, acd, journal, Runnable::run);
        assertReason(AdminException.Reason.INVALID, admin.create(new GroupAdmin.Input("hangup", null, 0, 0, null)));
        assertReason(AdminException.Reason.INVALID, admin.create(new GroupAdmin.Input("x", "random", 0, 0, null)));
        assertReason(AdminException.Reason.INVALID, admin.create(new GroupAdmin.Input("x", null, -1, 0, null)));
        assertReason(AdminException.Reason.INVALID, admin.create(new GroupAdmin.Input("x", null, 0, 0, "nowhere")));
        assertReason(AdminException.Reason.CONFLICT, admin.create(new GroupAdmin.Input("support", null, 0, 0,
            null)));
        assertReason(AdminException.Reason.CONFLICT, admin.delete("support"), "queue of number(s) 4000");
        assertReason(AdminException.Reason.UNKNOWN, admin.member("support", "Z9", true));
        assertReason(AdminException.Reason.CONFLICT, admin.member("support", "A1", true));
        assertEquals(List.of(), types(journal));
    }

    private static void assertRefused(final CompletableFuture<?> change)
    {
        final ExecutionException ex = assertThrows(ExecutionException.class, () -> change.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, ex.getCause());
    }

    /** Refused for this reason, with these words in the message. */
    private static void assertReason(final AdminException.Reason reason, final CompletableFuture<?> change,
        final String... words)
    {
        final ExecutionException ex = assertThrows(ExecutionException.class, () -> change.get(5, TimeUnit.SECONDS));
        final AdminException refused = assertInstanceOf(AdminException.class, ex.getCause());
        assertEquals(reason, refused.reason(), refused.getMessage());
        for (final String word : words)
        {
            assertTrue(refused.getMessage().contains(word), refused.getMessage());
        }
    }

    private static <T> T get(final CompletableFuture<T> change) throws Exception
    {
        return change.get(5, TimeUnit.SECONDS);
    }

    private static List<String> types(final Journal journal)
    {
        final List<String> types = new ArrayList<>();
        journal.replay((type, json) -> types.add(type));
        return types;
    }

    private static List<String> entries(final Journal journal)
    {
        final List<String> entries = new ArrayList<>();
        journal.replay((type, json) -> entries.add(new String(json, StandardCharsets.UTF_8)));
        return entries;
    }

    private static AcdSettingsConfig config()
    {
        return DirectoryFixture.supportWithTwoAgents();
    }

    /** A journal whose disk is full: every append fails. */
    private static final class RefusingJournal implements Journal
    {
        @Override
        public CompletableFuture<Long> append(final String type, final byte[] json)
        {
            return CompletableFuture.failedFuture(new IOException("no space left on device"));
        }

        @Override
        public void replay(final BiConsumer<String, byte[]> handler)
        {
        }

        @Override
        public void close()
        {
        }
    }
}
