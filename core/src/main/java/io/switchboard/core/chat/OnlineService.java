package io.switchboard.core.chat;

import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.switchboard.acd.AcdService;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.store.ChatFlowStore;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.api.ApiRouter;
import io.switchboard.core.events.EventHub;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.admin.SurveySettings;
import io.switchboard.core.records.ServiceRecord;
import io.switchboard.core.records.ServiceRecordStore;

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

    private final ChatDesk desk;
    private final ChatScreens screens;
    private final ChatFlowStore channels;
    private final VisitorLimits limits = new VisitorLimits();
    private final AcdService acd;
    private final AgentDirectory agents;
    private final ChatSurveys surveys;

    /** Where the satisfaction surveys' settings and answers go: the tenant's survey, the records (the loop's). */
    public record Surveys(Supplier<SurveySettings> settings, ServiceRecordStore records)
    {
    }

    /**
     * @param chatRing    the ACD's decision ring for chats (one past the SIP workers')
     * @param recordEnded where an ended session's service record goes (the records' keeper)
     */
    public OnlineService(final EventLoop loop, final ChatFlowStore channels, final EventHub events,
        final Journal journal, final AcdService acd, final AgentDirectory agents, final int chatRing,
        final int messageLimit, final Consumer<ServiceRecord> recordEnded, final Surveys survey)
    {
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
        surveys = new ChatSurveys(new ChatSurveys.Ports(desk, screens, events, journal, survey.records(),
            survey.settings(), loop, System::currentTimeMillis));
        screens.afterChange(surveys::changed);
        timers.desk(desk);
        routing.desk(desk);
        loop.scheduleWithFixedDelay(routing::drain, DRAIN_MILLIS, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A new visitor WebSocket handler for each HTTP connection. */
    public Supplier<ChannelHandler> visitorSockets()
    {
        return () -> new VisitorSocket(desk, channels, screens, limits, surveys);
    }

    public void register(final ApiRouter router)
    {
        new ChatEndpoints(desk).register(router);
        new ChatHandoverEndpoints(desk, acd, agents).register(router);
        new ChatSurveyEndpoints(surveys).register(router);
    }

    public ChatDesk desk()
    {
        return desk;
    }
}
