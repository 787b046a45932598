package io.switchboard.core.agent;

import io.switchboard.acd.Fallback;
import io.switchboard.acd.GroupSettings;
import io.switchboard.core.admin.AgentAdmin;
import io.switchboard.core.admin.GroupAdmin;
import io.switchboard.core.config.AcdSettingsConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The directory's agents: copied, changed and published whole; ids never given twice; the journal replayed. */
class AgentDirectoryTest
{
    @Test
    void shouldPublishANewSnapshotAndLeaveTheOldOneAsItWas()
    {
        final AgentDirectory directory = new AgentDirectory(config());
        final AgentDirectory.Snapshot before = directory.snapshot();
        assertEquals(2, directory.nextId());

        directory.put(agent(2, "A3", "1003"));
        assertEquals(2, before.byId().size(), "a reader's snapshot does not change under it");
        assertNull(before.byStaffNo().get("A3"));
        assertEquals("A3", directory.agentByStaffNo("A3").staffNo());
        assertEquals("A3", directory.agentByExtension("1003").staffNo());
        assertEquals(2, directory.agent(2).id());
        assertThrows(UnsupportedOperationException.class, () -> directory.snapshot().byId().add(null));
    }

    @Test
    void shouldLeaveAnEmptySlotWhenAnAgentIsRemoved()
    {
        final AgentDirectory directory = new AgentDirectory(config());
        directory.remove(0);
        assertNull(directory.agent(0));
        assertNull(directory.agentByStaffNo("A1"));
        assertNull(directory.agentByExtension("1001"));
        assertEquals("A2", directory.agent(1).staffNo(), "the others keep their ids");
        assertEquals(List.of("A2"), directory.agents().stream().map(AgentDirectory.Agent::staffNo).toList());
        assertEquals(2, directory.nextId(), "a removed agent's id is not given again");

        directory.put(agent(4, "A5", "1005"));
        assertNull(directory.agent(3), "skipped ids stay empty");
        assertEquals(5, directory.nextId());
    }

    @Test
    void shouldReplayTheJournalAfterTheConfiguration()
    {
        final AgentDirectory directory = new AgentDirectory(config());
        final AgentDirectory.Snapshot before = directory.snapshot();
        AgentAdmin.apply(directory, AgentAdmin.CREATED, json("{\"staffNo\":\"B1\",\"name\":\"Bee\","
            + "\"email\":\"b1@example.com\",\"extension\":\"1003\",\"role\":\"agent\",\"groups\":[\"support\"]}"));
        AgentAdmin.apply(directory, AgentAdmin.UPDATED, json("{\"staffNo\":\"B1\",\"name\":\"Bea\","
            + "\"nickname\":\"B\",\"groups\":[]}"));
        AgentAdmin.apply(directory, AgentAdmin.DELETED, json("{\"staffNo\":\"A1\"}"));
        AgentAdmin.apply(directory, AgentAdmin.CREATED, json("{\"staffNo\":\"A2\",\"email\":\"x@example.com\"}"));

        final AgentDirectory.Agent b1 = directory.agentByStaffNo("B1");
        assertEquals(2, b1.id());
        assertEquals("Bea", b1.name());
        assertEquals("b1@example.com", b1.email(), "the e-mail does not change");
        assertEquals(List.of(), b1.groups());
        assertNull(directory.agentByStaffNo("A1"));
        assertEquals("1002", directory.agentByStaffNo("A2").extension(), "a second creation is ignored");
        assertEquals("A1", before.byId().get(0).staffNo(), "the snapshot read before the replay is as it was");
    }

    @Test
    void shouldChangeGroupsInANewSnapshotWithStableIds()
    {
        final AgentDirectory directory = new AgentDirectory(config());
        final AgentDirectory.Snapshot before = directory.snapshot();
        assertEquals(2, directory.nextGroupId(), "group ids start at 1");
        assertEquals("support", directory.groupForNumber("4000").name());
        directory.putGroup(new AgentDirectory.Group(2, "sales", GroupSettings.voice("sales")));
        assertEquals(2, directory.group("sales").id());
        assertNull(before.groupsByName().get("sales"), "a reader's snapshot does not change under it");
        directory.put(directory.agent(0).withGroups(List.of("support", "sales")));

        final GroupSettings limited = new GroupSettings("support", null, 1, 5, 60_000, Fallback.toGroup(2));
        directory.putGroup(new AgentDirectory.Group(1, "support", limited));
        assertEquals(5, directory.group(1).settings().maxQueueLength());
        assertEquals(5, directory.groupForNumber("4000").settings().maxQueueLength(), "the number follows");
        assertEquals(List.of("4000"), directory.numbersOf("support"));

        directory.removeGroup(2);
        assertNull(directory.group("sales"));
        assertNull(directory.group(2), "a removed group leaves an empty slot");
        assertEquals(3, directory.nextGroupId(), "its id is not given again");
        assertEquals(List.of("support"), directory.agent(0).groups(), "its agents leave it");
        assertEquals(List.of("support"), directory.groups().stream().map(AgentDirectory.Group::name).toList());

        directory.removeGroup(1);
        assertNull(directory.groupForNumber("4000"), "its numbers are unbound");
        assertEquals(List.of(), directory.agent(1).groups());
        assertEquals(List.of(), directory.numbersOf("support"));
    }

    @Test
    void shouldReplayGroupEntriesInTheOrderWritten()
    {
        final AgentDirectory directory = new AgentDirectory(config());
        GroupAdmin.apply(directory, GroupAdmin.CREATED, json("{\"name\":\"vip\",\"policy\":\"fewest-calls\","
            + "\"maxQueueLength\":3,\"maxWaitSeconds\":30,\"fallback\":\"support\"}"));
        AgentAdmin.apply(directory, AgentAdmin.CREATED, json("{\"staffNo\":\"B1\",\"email\":\"b1@example.com\","
            + "\"extension\":\"1003\",\"groups\":[\"vip\"]}"));
        GroupAdmin.apply(directory, GroupAdmin.MEMBER_ADDED, json("{\"group\":\"vip\",\"agent\":\"A1\"}"));
        GroupAdmin.apply(directory, GroupAdmin.MEMBER_REMOVED, json("{\"group\":\"support\",\"agent\":\"A1\"}"));
        GroupAdmin.apply(directory, GroupAdmin.UPDATED, json("{\"name\":\"vip\",\"policy\":null,"
            + "\"maxQueueLength\":4,\"maxWaitSeconds\":0,\"fallback\":\"hangup\"}"));

        final AgentDirectory.Group vip = directory.group("vip");
        assertEquals(2, vip.id());
        assertEquals(4, vip.settings().maxQueueLength());
        assertNull(vip.settings().policy());
        assertEquals(Fallback.HANG_UP, vip.settings().fallback());
        assertEquals(List.of("vip"), directory.agentByStaffNo("B1").groups());
        assertEquals(List.of("vip"), directory.agentByStaffNo("A1").groups());

        GroupAdmin.apply(directory, GroupAdmin.DELETED, json("{\"name\":\"vip\"}"));
        assertNull(directory.group("vip"));
        assertEquals(List.of(), directory.agentByStaffNo("B1").groups());
        GroupAdmin.apply(directory, GroupAdmin.CREATED, json("{\"name\":\"vip\"}"));
        assertEquals(3, directory.group("vip").id(), "a group created again takes a new id");
    }

    private static byte[] json(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static AgentDirectory.Agent agent(final int id, final String staffNo, final String extension)
    {
        return new AgentDirectory.Agent(id, staffNo, staffNo, null, staffNo + "@example.com", extension, null,
            "agent", List.of("support"), false);
    }

    private static AcdSettingsConfig config()
    {
        return DirectoryFixture.supportWithTwoAgents();
    }
}
