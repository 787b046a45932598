package io.switchboard.core;

import io.switchboard.core.admin.AgentAdmin;
import io.switchboard.core.admin.GroupAdmin;
import io.switchboard.core.admin.GroupEvent;
import io.switchboard.core.admin.StoreChanges;
import io.switchboard.core.admin.BreakReasonAdmin;
import io.switchboard.core.admin.TenantAdmin;
import io.switchboard.core.admin.TrunkAdmin;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.agent.AgentStates;
import io.switchboard.core.admin.ChatFlowEvent;
import io.switchboard.core.admin.FlowAdmin;
import io.switchboard.core.admin.FlowEvent;
import io.switchboard.chat.desk.ChatReplay;
import io.switchboard.core.chat.ChatJournalEntries;
import io.switchboard.core.chat.ChatSurveys;
import io.switchboard.core.chat.internal.InternalChatJournal;
import io.switchboard.core.chat.internal.InternalChats;
import io.switchboard.core.chat.VisitorBlocks;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.records.InterruptedCalls;
import io.switchboard.core.records.ServiceRecord;
import io.switchboard.core.records.ServiceRecordKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * Rebuilds what the journal keeps, before anything is served: each entry type goes to the one {@code apply} that
 * also serves the live path (records, agents' states, settings, agents and groups, trunks; flows and numbers are
 * kept for after the flows load). The newest snapshot's records come first, then only the record entries after
 * it. An entry that cannot be read is skipped and counted, rather than keep the server from starting. The chat
 * desk's entries rebuild the sessions still live ({@link ChatReplay}, made live again once the desk exists) and
 * give the highest session id, so that new sessions (and their records) get new ids. Calls' progress entries tell
 * which calls a crash cut off ({@link InterruptedCalls}).
 */
final class JournalReplay
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    private final ServiceRecordKeeper records;
    private final AgentStates agentStates;
    private final TenantAdmin admin;
    private final AgentDirectory agents;
    private final TrunkAdmin.Replay trunks;
    private final List<FlowAdmin.Entry> flowEntries;
    private final List<StoreChanges.Entry> chatFlowEntries;
    private final ChatReplay chats;
    /** The agents' internal chats, rebuilt whole from their entries. */
    private InternalChats internalChats = new InternalChats();
    /** The visitors administrators blocked. */
    private VisitorBlocks visitorBlocks = new VisitorBlocks();
    /** Calls whose start the journal holds and whose record it does not (a crash cut them off). */
    private final InterruptedCalls interrupted;
    private int entries;
    private int unreadable;

    JournalReplay(final ServiceRecordKeeper records, final AgentStates agentStates, final TenantAdmin admin,
        final AgentDirectory agents, final TrunkAdmin.Replay trunks, final List<FlowAdmin.Entry> flowEntries,
        final List<StoreChanges.Entry> chatFlowEntries, final ChatReplay chats)
    {
        this.chats = chats;
        this.records = records;
        this.agentStates = agentStates;
        this.admin = admin;
        this.agents = agents;
        this.trunks = trunks;
        this.flowEntries = flowEntries;
        this.chatFlowEntries = chatFlowEntries;
        this.interrupted = new InterruptedCalls(records.store());
    }

    /** The calls a crash cut off, known once {@link #run} is done. */
    InterruptedCalls interrupted()
    {
        return interrupted;
    }

    /** Replays the whole journal and tells the records' keeper it is done. */
    void run(final Journal journal)
    {
        final long started = System.nanoTime();
        final long covered = records.loadSnapshot(journal);
        final int fromSnapshot = records.store().size();
        journal.replay((index, type) -> index > covered || !ServiceRecord.JOURNAL_TYPE.equals(type), this::entry);
        records.replayFinished();
        LOG.info("journal: {} entries replayed in {} ms: {} service records ({} from the snapshot), {} agents' "
            + "states, {} live chat sessions, {} unreadable", entries, (System.nanoTime() - started) / 1_000_000,
            records.store().size(), fromSnapshot, agentStates.size(), chats.sessions().size(), unreadable);
    }

    /** Where the internal chats' entries go (else they are read into a conversation set nobody keeps). */
    JournalReplay internalChats(final InternalChats chats)
    {
        this.internalChats = chats;
        return this;
    }

    /** Where the visitor blocks' entries go. */
    JournalReplay visitorBlocks(final VisitorBlocks blocks)
    {
        this.visitorBlocks = blocks;
        return this;
    }

    private void entry(final long index, final String type, final byte[] json)
    {
        entries++;
        try
        {
            apply(index, type, json);
        }
        catch (final IOException | RuntimeException ex)
        {
            unreadable++;
            LOG.warn("journal: a {} entry could not be read: {}", type, ex.toString());
        }
    }

    private void apply(final long index, final String type, final byte[] json) throws IOException
    {
        switch (type)
        {
            case ServiceRecord.JOURNAL_TYPE -> interrupted.recordReplayed(records.replayed(index, json));
            case InterruptedCalls.STARTED, InterruptedCalls.QUEUED, InterruptedCalls.CONNECTED,
                InterruptedCalls.ALIVE -> interrupted.replayed(type, json);
            case AgentStates.JOURNAL_TYPE -> agentStates.replayed(json);
            case TenantAdmin.SETTINGS, TenantAdmin.SCREEN_POPS, TenantAdmin.QUICK_REPLIES, TenantAdmin.SURVEY ->
                admin.apply(type, json);
            case ChatSurveys.SATISFACTION -> ChatSurveys.replayed(records.store(), json);
            case AgentAdmin.CREATED, AgentAdmin.UPDATED, AgentAdmin.DELETED -> AgentAdmin.apply(agents, type, json);
            case BreakReasonAdmin.TYPE -> BreakReasonAdmin.apply(agents, json);
            case FlowEvent.SAVED, FlowEvent.DELETED, FlowEvent.PUBLISHED, FlowEvent.UNPUBLISHED,
                FlowEvent.NUMBER_BOUND -> flowEntries.add(new FlowAdmin.Entry(type, json));
            case GroupAdmin.CREATED, GroupAdmin.UPDATED, GroupAdmin.DELETED, GroupAdmin.MEMBER_ADDED,
                GroupAdmin.MEMBER_REMOVED -> GroupAdmin.apply(agents, type, json);
            case GroupAdmin.RENAMED ->
            {
                // the flows follow in journal order: their entries are applied once their stores are loaded
                GroupAdmin.apply(agents, type, json);
                agents.replayedRename(GroupEvent.read(type, json).group());
                flowEntries.add(new FlowAdmin.Entry(type, json));
                chatFlowEntries.add(new StoreChanges.Entry(type, json));
            }
            case TrunkAdmin.SAVED, TrunkAdmin.DELETED, TrunkAdmin.DIAL_PLAN -> trunks.apply(type, json);
            case ChatFlowEvent.SAVED, ChatFlowEvent.DELETED, ChatFlowEvent.PUBLISHED, ChatFlowEvent.UNPUBLISHED,
                ChatFlowEvent.CHANNEL_SAVED, ChatFlowEvent.CHANNEL_DELETED, ChatFlowEvent.APP_CHANNEL_SAVED ->
                chatFlowEntries.add(new StoreChanges.Entry(type, json));
            case ChatJournalEntries.OPENED, ChatJournalEntries.MESSAGE, ChatJournalEntries.STATE,
                ChatJournalEntries.NODE, ChatJournalEntries.RECALLED -> ChatJournalEntries.apply(type, json, chats);
            case InternalChatJournal.MESSAGE, InternalChatJournal.READ, InternalChatJournal.HIDDEN ->
                InternalChatJournal.replayed(internalChats, type, json);
            case VisitorBlocks.BLOCKED, VisitorBlocks.UNBLOCKED -> visitorBlocks.replayed(type, json);
            default -> LOG.debug("journal: entry type {} is not read by this version", type);
        }
    }
}
