package io.switchboard.acd;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command survives encoding and decoding, each field intact, at an offset as in the ring. */
class CommandCodecTest
{
    private static final long NOW = 123_456_789L;
    /** Messages in a ring start after a header; a non-zero offset catches fields written at absolute indices. */
    private static final int AT = 40;

    private final FakeEngine engine = new FakeEngine(null, 0);
    private final UnsafeBuffer ring = new UnsafeBuffer(new byte[1024]);
    private MutableDirectBuffer last;

    @Test
    void callCommandsKeepEveryField()
    {
        CommandCodec.encodeQueue(ring, AT, Long.MAX_VALUE - 1, 77, -5_000_000_000L, 3);
        assertEquals(Long.MAX_VALUE - 1, CommandCodec.callId(ring, AT));
        assertEquals(3, CommandCodec.queueOwner(ring, AT));
        apply(CommandCodec.QUEUE);
        CommandCodec.encodeCallAgent(ring, AT, 42L, Integer.MAX_VALUE);
        apply(CommandCodec.ANSWERED);
        CommandCodec.encodeCallAgent(ring, AT, -1L, 9);
        apply(CommandCodec.DECLINED);
        CommandCodec.encodeEnded(ring, AT, 1L << 40);
        apply(CommandCodec.ENDED);

        assertEquals(List.of(
            "queue(9223372036854775806,77,-5000000000)@" + NOW,
            "answered(42,2147483647)@" + NOW,
            "declined(-1,9)@" + NOW,
            "ended(1099511627776)@" + NOW), engine.calls);
    }

    @Test
    void chatCommandsKeepEveryField()
    {
        CommandCodec.encodeChatQueue(ring, AT, Long.MIN_VALUE + 3, Integer.MAX_VALUE, -1, 7);
        assertEquals(Long.MIN_VALUE + 3, CommandCodec.callId(ring, AT));
        assertEquals(7, CommandCodec.chatQueueOwner(ring, AT));
        apply(CommandCodec.CHAT_QUEUE);
        CommandCodec.encodeChatQueue(ring, AT, 5L, 0, Agents.MAX_ID, 0);
        apply(CommandCodec.CHAT_QUEUE);
        CommandCodec.encodeCallAgent(ring, AT, 1L << 62, 123_456);
        apply(CommandCodec.CHAT_ACCEPTED);
        CommandCodec.encodeEnded(ring, AT, -77L);
        apply(CommandCodec.CHAT_ENDED);

        assertEquals(List.of(
            "chatQueue(" + (Long.MIN_VALUE + 3) + ",2147483647,-1)@" + NOW,
            "chatQueue(5,0," + Agents.MAX_ID + ")@" + NOW,
            "chatAccepted(4611686018427387904,123456)@" + NOW,
            "chatEnded(-77)@" + NOW), engine.calls);
        assertEquals(20, CommandCodec.CHAT_QUEUE_LENGTH, "fixed length: claimed in the ring and written in place");
    }

    @Test
    void settingsKeepTheChatRules()
    {
        final AcdSettings plain = new AcdSettings(SelectionPolicy.FEWEST_CALLS, true, 12_000, 3_000);
        admin(CommandCodec.SETTINGS, 1, CommandCodec.encodeSettings(scratch(), 1, plain));
        for (int rules = 0; rules < 8; rules++)
        {
            final AcdSettings chat = new AcdSettings(SelectionPolicy.LONGEST_IDLE, false, 90_000, 1_000)
                .withChat((rules & 1) != 0, (rules & 2) != 0, (rules & 4) != 0);
            admin(CommandCodec.SETTINGS, 2 + rules, CommandCodec.encodeSettings(scratch(), 2 + rules, chat));
            assertEquals("settings(" + chat + ")@" + NOW, engine.calls.get(engine.calls.size() - 1));
        }
        assertEquals("settings(" + plain + ")@" + NOW, engine.calls.get(0));
        assertTrue(plain.chatsDuringCalls() && plain.callsDuringChats() && !plain.chatAutoAccept(),
            "the old constructor's defaults");
    }

    @Test
    void callCommandsAreNotAdministrative()
    {
        for (final int type : new int[] {CommandCodec.QUEUE, CommandCodec.ANSWERED, CommandCodec.DECLINED,
            CommandCodec.ENDED, CommandCodec.CHAT_QUEUE, CommandCodec.CHAT_ACCEPTED, CommandCodec.CHAT_ENDED})
        {
            assertFalse(CommandCodec.isAdmin(type));
        }
        assertTrue(CommandCodec.isAdmin(CommandCodec.ADD_GROUP));
        assertTrue(CommandCodec.isAdmin(CommandCodec.EXTEND_WRAP_UP));
    }

    @Test
    void groupSettingsKeepEveryFieldAndWideNames()
    {
        final GroupSettings full = new GroupSettings("サポート窓口ｻﾎﾟｰﾄ😀", SelectionPolicy.FEWEST_CALLS, 100, 15, 120_000L,
            Fallback.toGroup(8), 90_000L, true);
        final GroupSettings plain = GroupSettings.voice("Sales");

        admin(CommandCodec.ADD_GROUP, 11, CommandCodec.encodeGroup(scratch(), 11, 5, full));
        admin(CommandCodec.UPDATE_GROUP, 12, CommandCodec.encodeGroup(scratch(), 12, 6, plain));

        assertEquals("addGroup(5," + full + ")", engine.calls.get(0));
        assertEquals("updateGroup(6," + plain + ")", engine.calls.get(1));
        assertTrue(engine.calls.get(1).contains("policy=null"), "a null policy stays null (the tenant's)");
    }

    @Test
    void agentCommandsKeepEveryField()
    {
        admin(CommandCodec.ADD_AGENT, 1, CommandCodec.encodeAgent(scratch(), 1, 31, "A-0042 山田", true));
        admin(CommandCodec.ADD_AGENT, 2, CommandCodec.encodeAgent(scratch(), 2, 32, null, false));
        admin(CommandCodec.REMOVE_AGENT, 3, CommandCodec.encodeId(scratch(), 3, 33));
        admin(CommandCodec.REMOVE_GROUP, 4, CommandCodec.encodeId(scratch(), 4, 34));
        admin(CommandCodec.JOIN_GROUP, 5, CommandCodec.encodeMembership(scratch(), 5, 35, 36));
        admin(CommandCodec.LEAVE_GROUP, 6, CommandCodec.encodeMembership(scratch(), 6, 37, 38));
        admin(CommandCodec.END_WRAP_UP, 7, CommandCodec.encodeId(scratch(), 7, 39));
        admin(CommandCodec.EXTEND_WRAP_UP, Long.MIN_VALUE,
            CommandCodec.encodeExtendWrapUp(scratch(), Long.MIN_VALUE, 40, 89_999L));

        assertEquals(List.of(
            "addAgent(31,A-0042 山田,true)",
            "addAgent(32,null,false)",
            "removeAgent(33)@" + NOW,
            "removeGroup(34)@" + NOW,
            "joinGroup(35,36)@" + NOW,
            "leaveGroup(37,38)@" + NOW,
            "endWrapUp(39)@" + NOW,
            "extendWrapUp(40,89999)@" + NOW), engine.calls);
    }

    @Test
    void directCallCommandsAreAdministrativeAndKeepTheAgent()
    {
        admin(CommandCodec.DIRECT_OFFER, 21, CommandCodec.encodeId(scratch(), 21, 41));
        admin(CommandCodec.DIRECT_START, 22, CommandCodec.encodeId(scratch(), 22, 42));
        admin(CommandCodec.DIRECT_MISSED, 23, CommandCodec.encodeId(scratch(), 23, 43));
        admin(CommandCodec.DIRECT_ENDED, 24, CommandCodec.encodeId(scratch(), 24, Agents.MAX_ID));

        assertEquals(List.of(
            "directOffer(41)@" + NOW,
            "directStart(42)@" + NOW,
            "directMissed(43)@" + NOW,
            "directEnded(" + Agents.MAX_ID + ")@" + NOW), engine.calls);
        for (final int type : new int[] {CommandCodec.DIRECT_OFFER, CommandCodec.DIRECT_START,
            CommandCodec.DIRECT_MISSED, CommandCodec.DIRECT_ENDED})
        {
            assertTrue(CommandCodec.isAdmin(type));
        }
    }

    @Test
    void restoreCommandsKeepEveryPair()
    {
        final long[] longs = {Long.MIN_VALUE, 0, Long.MAX_VALUE};
        final int[] agents = {Agents.MAX_ID, 0, 7};
        admin(CommandCodec.RESTORE_LAST_AGENTS, 31, CommandCodec.encodePairs(scratch(), 31, longs, agents, 0, 3));
        admin(CommandCodec.RESTORE_CALLS_TODAY, 32, CommandCodec.encodePairs(scratch(), 32, longs, agents, 1, 2));
        assertEquals(List.of("restoreLastAgent " + Long.MIN_VALUE + " " + Agents.MAX_ID, "restoreLastAgent 0 0",
            "restoreLastAgent " + Long.MAX_VALUE + " 7", "restoreCallsToday 0 0",
            "restoreCallsToday 7 " + Long.MAX_VALUE), engine.calls);
        assertTrue(CommandCodec.isAdmin(CommandCodec.RESTORE_LAST_AGENTS));
    }

    @Test
    void everyAgentStateAndReasonSurvives()
    {
        for (final AgentState state : AgentState.values())
        {
            engine.calls.clear();
            admin(CommandCodec.SET_AGENT_STATE, state.ordinal(),
                CommandCodec.encodeAgentState(scratch(), state.ordinal(), 7, state, AcdCommands.REASON_MISSED_CALL));
            assertEquals(List.of("setAgentState(7," + state + ",1)@" + NOW), engine.calls);
        }
    }

    private void apply(final int type)
    {
        CommandCodec.apply(type, ring, AT, engine, NOW);
    }

    /** A fresh buffer for one administrative message, as {@code AcdService} uses. */
    private MutableDirectBuffer scratch()
    {
        last = new ExpandableArrayBuffer(64);
        return last;
    }

    /** Copies an administrative message to the ring's offset, as {@code RingBuffer.write} does, and applies it. */
    private void admin(final int type, final long correlationId, final int length)
    {
        ring.putBytes(AT, last, 0, length);
        assertEquals(correlationId, CommandCodec.correlationId(ring, AT));
        apply(type);
    }
}
