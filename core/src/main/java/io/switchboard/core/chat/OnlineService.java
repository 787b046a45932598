package io.switchboard.core.chat;

import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.switchboard.acd.AcdService;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.desk.ChatReplay;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.store.ChatFlowStore;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.api.ApiRouter;
import io.switchboard.core.events.EventHub;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.admin.SurveySettings;
import io.switchboard.core.records.ServiceRecord;
import io.switchboard.core.records.ServiceRecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The online service assembled on the API's loop: the {@link ChatDesk} (its owner is that loop), its journal
 * entries, timers, the widgets' and workbenches' screens, the ACD's routing of chats (its decisions drained from the
 * chat ring every {@value #DRAIN_MILLIS} ms), the visitors' WebSocket, the agents' chat endpoints and the
 * satisfaction surveys.
 */
public final class OnlineService
{
    static final long DRAIN_MILLIS = 10;
    /** How often visitors without a beacon are looked for. */
    static final long SWEEP_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(OnlineService.class);

    private final EventLoop loop;
    private final ChatDesk desk;
    private final ChatScreens screens;
    private final ChatFlowStore channels;
    private final VisitorLimits limits = new VisitorLimits();
    private final AcdService acd;
    private final AgentDirectory agents;
    private ChatFiles files;
    private final ChatSurveys surveys;

    /** Where the satisfaction surveys' settings and answers go: the tenant's survey, the records (the loop's). */
    public record Surveys(Supplier<SurveySettings> settings, ServiceRecordStore records)
    {
    }
    private final Journal journal;
    private final VisitorPresence presence = new VisitorPresence(System::currentTimeMillis);
    private VisitorBlocks blocks = new VisitorBlocks();
    private java.util.function.LongFunction<ServiceRecord> chatRecords = id -> null;

    /**
     * @param chatRing    the ACD's decision ring for chats (one past the SIP workers')
     * @param recordEnded where an ended session's service record goes (the records' keeper)
     */
    public OnlineService(final EventLoop loop, final ChatFlowStore channels, final EventHub events,
        final Journal journal, final AcdService acd, final AgentDirectory agents, final int chatRing,
        final int messageLimit, final Consumer<ServiceRecord> recordEnded, final Surveys survey)
    {
        this.loop = loop;
        this.channels = channels;
        this.acd = acd;
        this.agents = agents;
        this.journal = journal;
        this.screens = new ChatScreens(events, group ->
        {
            final AgentDirectory.Group known = agents.group(group);
            return known == null ? 0 : known.settings().chatAcceptTimeoutMillis();
        });
        final LoopChatTimers timers = new LoopChatTimers(loop);
        final AcdChatRouting routing = new AcdChatRouting(acd, agents, chatRing);
        desk = new ChatDesk(new ChatDesk.Ports(routing, screens, new RecordingChatJournal(
            new ChatJournalEntries(journal), loop, recordEnded), timers, loop,
            System::currentTimeMillis, new SessionCounts()), channels::flowForChannel, messageLimit);
        surveys = new ChatSurveys(new ChatSurveys.Ports(desk, screens, events, journal, survey.records(),
            survey.settings(), loop, System::currentTimeMillis));
        screens.afterChange(surveys::changed);
        timers.desk(desk);
        routing.desk(desk);
        loop.scheduleWithFixedDelay(routing::drain, DRAIN_MILLIS, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(presence::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * At start, before anything is served: new sessions are numbered after the journal's, and the sessions it holds
     * still live are made live again ({@link ChatReplay}), on the desk's loop; waits until they are.
     */
    public void restore(final ChatReplay chats) throws InterruptedException, ExecutionException
    {
        final int restored = loop.submit(() ->
        {
            desk.continueIdsAfter(chats.highestId());
            return chats.restore(desk);
        }).get();
        LOG.info("chat: {} live sessions restored from the journal", restored);
    }

    /**
     * Images and files in chats, stored under {@code directory}; hashing and disk work on their own thread.
     *
     * @param fileLimit  the largest file (not image) in bytes
     * @param chatRecord an ended session's service record by session id, or null (read on the loop)
     */
    public OnlineService files(final java.nio.file.Path directory, final long fileLimit,
        final java.util.function.LongFunction<ServiceRecord> chatRecord)
    {
        final java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newSingleThreadExecutor(
            task ->
            {
                final Thread thread = new Thread(task, "chat-files");
                thread.setDaemon(true);
                return thread;
            });
        files = new ChatFiles(new ChatFileStore(directory, io), fileLimit, desk, chatRecord, loop);
        chatRecords = chatRecord;
        return this;
    }

    /** The visitor blocks the journal's replay rebuilt (else none), owned by the loop from now on. */
    public OnlineService blocks(final VisitorBlocks replayed)
    {
        this.blocks = replayed;
        return this;
    }

    /** The largest body an upload takes (0 without files). */
    public long largestUpload()
    {
        return files == null ? 0 : files.largestUpload();
    }

    /** Whether a path is one of the upload routes, whose bodies may be as large as {@link #largestUpload}. */
    public static boolean uploadPath(final String path)
    {
        return VisitorFiles.PATH.equals(path)
            || path.startsWith("/api/agents/") && path.contains("/chats/") && path.endsWith("/files");
    }

    /** The visitors' uploads and downloads ({@code /chat/files}), one handler per HTTP connection. */
    public Supplier<ChannelHandler> visitorFiles()
    {
        return () -> new VisitorFiles(desk, channels, files, limits);
    }

    /** A new visitor WebSocket handler for each HTTP connection. */
    public Supplier<ChannelHandler> visitorSockets()
    {
        return () -> new VisitorSocket(desk, channels, screens, limits, surveys, presence, blocks);
    }

    /** Told of each session offered to an agent, on the loop, after its workbench (Web Push). */
    public OnlineService afterOffer(final java.util.function.BiConsumer<ChatSession, String> listener)
    {
        screens.afterOffer(listener);
        return this;
    }

    public void register(final ApiRouter router)
    {
        new ChatEndpoints(desk).register(router);
        new ChatHandoverEndpoints(desk, acd, agents).register(router);
        new SupervisionEndpoints(desk).register(router);
        final AppSessions apps = new AppSessions(desk, channels, agents);
        apps.register(router);
        new VisitorEndpoints(desk, presence, blocks, journal, chatRecords, apps).register(router);
        if (files != null)
        {
            new ChatFileEndpoints(desk, files).register(router);
        }
        new ChatSurveyEndpoints(surveys).register(router);
    }

    public ChatDesk desk()
    {
        return desk;
    }
}
