package io.switchboard.core.admin;

import io.switchboard.core.publish.Published;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.events.ScreenPops;
import io.switchboard.core.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What an administrator changes of the tenant at run time: the call-center {@link Settings}, the screen-pop pages,
 * the quick replies and the satisfaction survey. Each change builds the whole new value and journals it whole (types
 * {@code settings}, {@code screen-pops}, {@code quick-replies}, {@code survey}); once the journal has it, the value
 * is applied on the owner and handed on (to the ACD, to the offers), and its future completes. Changes are made
 * one after the other. At start the journal's last value of each replaces the configuration's.
 * <p>
 * Not thread-safe: owned by the HTTP API's event loop ({@code owner}), except {@link #live()}, which any thread reads.
 */
public final class TenantAdmin
{
    public static final String SETTINGS = "settings";
    public static final String SCREEN_POPS = "screen-pops";
    public static final String QUICK_REPLIES = "quick-replies";
    public static final String SURVEY = "survey";

    private static final Logger LOG = LoggerFactory.getLogger(TenantAdmin.class);

    private final JournalledValue<Settings> settings;
    private final JournalledValue<ScreenPops> screenPops;
    private final JournalledValue<QuickReplies> quickReplies;
    private final JournalledValue<SurveySettings> survey;
    /** The settings as journalled, for the call layer's threads. */
    private final Published<Settings> live;
    /** The survey as journalled, for the calls' survey nodes (their labels) on the SIP workers. */
    private final Published<SurveySettings> liveSurvey = new Published<>(SurveySettings.DEFAULT);

    public TenantAdmin(final Journal journal, final Executor owner, final Settings settings,
        final ScreenPops screenPops)
    {
        this.settings = new JournalledValue<>(journal, owner, SETTINGS, settings, Settings::view);
        this.screenPops = new JournalledValue<>(journal, owner, SCREEN_POPS, screenPops, TenantAdmin::pagesJson);
        this.quickReplies = new JournalledValue<>(journal, owner, QUICK_REPLIES, QuickReplies.NONE,
            TenantAdmin::repliesJson);
        this.survey = new JournalledValue<>(journal, owner, SURVEY, SurveySettings.DEFAULT, SurveySettings::view);
        this.live = new Published<>(settings);
        this.settings.listener = live::publish;
        this.survey.listener = liveSurvey::publish;
    }

    /** Whether a journal entry of this type is one of these (for a server replaying all types at once). */
    public static boolean handles(final String type)
    {
        return SETTINGS.equals(type) || SCREEN_POPS.equals(type) || QUICK_REPLIES.equals(type)
            || SURVEY.equals(type);
    }

    /** Applies one journal entry (replay, at start, before anything is served). */
    public void apply(final String type, final byte[] json)
    {
        final JsonNode node = io.switchboard.core.journal.JournalEntries.read(type, json);
        switch (type)
        {
            case SETTINGS ->
            {
                settings.value = settings.value.with(node);
                live.publish(settings.value);
            }
            case SCREEN_POPS -> screenPops.value = pages(node);
            case QUICK_REPLIES -> quickReplies.value = replies(node);
            case SURVEY ->
            {
                survey.value = SurveySettings.DEFAULT.with(node);
                liveSurvey.publish(survey.value);
            }
            default -> LOG.warn("journal: entry {} is not the administration's; ignored", type);
        }
    }

    /** Called on the owner with each new value of the settings once journalled (replaces any earlier listener). */
    public void onSettings(final Consumer<Settings> listener)
    {
        settings.listener = changed ->
        {
            live.publish(changed);
            listener.accept(changed);
        };
    }

    /** Called on the owner with each new list of pages once journalled. */
    public void onScreenPops(final Consumer<ScreenPops> listener)
    {
        screenPops.listener = listener;
    }

    public Settings settings()
    {
        return settings.value;
    }

    /** The settings as last journalled; any thread may read them. */
    public Settings live()
    {
        return live.get();
    }

    public ScreenPops screenPops()
    {
        return screenPops.value;
    }

    public QuickReplies quickReplies()
    {
        return quickReplies.value;
    }

    /** The satisfaction survey as last journalled (read on the owner, the desk's loop too). */
    public SurveySettings survey()
    {
        return survey.value;
    }

    /** The survey as last journalled; any thread may read it. */
    public SurveySettings liveSurvey()
    {
        return liveSurvey.get();
    }

    /** The survey with the members given changed (any subset). */
    public CompletableFuture<SurveySettings> changeSurvey(final JsonNode changes)
    {
        return survey.change(current -> current.with(changes));
    }

    /** The settings with the members given changed (any subset). */
    public CompletableFuture<Settings> changeSettings(final JsonNode changes)
    {
        return settings.change(current -> current.with(changes));
    }

    /** Any change of the pages (see {@link ScreenPopPages}). */
    public CompletableFuture<ScreenPops> changeScreenPops(final UnaryOperator<ScreenPops> change)
    {
        return screenPops.change(change);
    }

    /** Any change of the quick replies. */
    public CompletableFuture<QuickReplies> changeQuickReplies(final UnaryOperator<QuickReplies> change)
    {
        return quickReplies.change(change);
    }

    private static List<Map<String, Object>> pagesJson(final ScreenPops pops)
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final ScreenPops.Page page : pops.pages())
        {
            final Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", page.name());
            one.put("url", page.url());
            one.put("enabled", page.enabled());
            one.put("open", page.open());
            list.add(one);
        }
        return list;
    }

    private static ScreenPops pages(final JsonNode node)
    {
        final List<ScreenPops.Page> pages = new ArrayList<>();
        // pages journalled before they could open in a panel open in a tab
        node.forEach(page -> pages.add(new ScreenPops.Page(page.path("name").asText(), page.path("url").asText(),
            page.path("enabled").asBoolean(true), page.path("open").asText(ScreenPops.TAB))));
        return new ScreenPops(pages);
    }

    private static Map<String, Object> repliesJson(final QuickReplies replies)
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final QuickReplies.Reply reply : replies.replies())
        {
            list.add(replyView(reply));
        }
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("nextId", replies.nextId());
        json.put("replies", list);
        return json;
    }

    /** A reply as the API and the journal show it. */
    public static Map<String, Object> replyView(final QuickReplies.Reply reply)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", reply.id());
        view.put("group", reply.group());
        view.put("title", reply.title());
        view.put("text", reply.text());
        return view;
    }

    private static QuickReplies replies(final JsonNode node)
    {
        final List<QuickReplies.Reply> list = new ArrayList<>();
        // Entries journalled before replies had groups and titles: the default group, the text's first words.
        node.path("replies").forEach(reply ->
        {
            final String text = reply.path("text").asText();
            final String group = reply.path("group").asText("");
            final String title = reply.path("title").asText("");
            list.add(new QuickReplies.Reply(reply.path("id").asLong(),
                group.isBlank() ? QuickReplies.DEFAULT_GROUP : group,
                title.isBlank() ? QuickReplies.firstWords(text) : title, text));
        });
        return new QuickReplies(list, node.path("nextId").asLong(1));
    }
}
