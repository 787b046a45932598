package io.switchboard.core.chat;

import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.switchboard.acd.AcdService;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.desk.ChatReplay;
import io.switchboard.chat.store.ChatFlowStore;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.api.ApiRouter;
import io.switchboard.core.events.EventHub;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.records.ServiceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The online service assembled on the API's loop: the {@link ChatDesk} (its owner is that loop), its journal
 * entries, timers, the widgets' and workbenches' screens, the ACD's routing of chats (its decisions drained from the
 * chat ring every {@value #DRAIN_MILLIS} ms), the visitors' WebSocket and the agents' chat endpoints.
 */
public final class OnlineService
{
    static final long DRAIN_MILLIS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(OnlineService.class);

    private final EventLoop loop;
    private final ChatDesk desk;
    private final ChatScreens screens;
    private final ChatFlowStore channels;
    private final VisitorLimits limits = new VisitorLimits();
    private final AcdService acd;
    private final AgentDirectory agents;

    /**
     * @param chatRing    the ACD's decision ring for chats (one past the SIP workers')
     * @param recordEnded where an ended session's service record goes (the records' keeper)
     */
    public OnlineService(final EventLoop loop, final ChatFlowStore channels, final EventHub events,
        final Journal journal, final AcdService acd, final AgentDirectory agents, final int chatRing,
        final int messageLimit, final Consumer<ServiceRecord> recordEnded)
    {
        this.loop = loop;
        this.channels = channels;
        this.acd = acd;
        this.agents = agents;
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
        timers.desk(desk);
        routing.desk(desk);
        loop.scheduleWithFixedDelay(routing::drain, DRAIN_MILLIS, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
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

    /** A new visitor WebSocket handler for each HTTP connection. */
    public Supplier<ChannelHandler> visitorSockets()
    {
        return () -> new VisitorSocket(desk, channels, screens, limits);
    }

    public void register(final ApiRouter router)
    {
        new ChatEndpoints(desk).register(router);
        new ChatHandoverEndpoints(desk, acd, agents).register(router);
        new SupervisionEndpoints(desk).register(router);
    }

    public ChatDesk desk()
    {
        return desk;
    }
}
