package io.switchboard.core.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's satisfaction survey (spec §7, 满意度评价), as the administrator configures it: 2 to 5 levels, the
 * first the best (a level's number is its place, from 1), each with its label and an optional English one; whether
 * it asks "was your problem solved?" and offers a comment; and whether a chat's survey goes to the visitor by itself
 * when the session ends. Immutable; a change builds a new one.
 *
 * @param levels     the levels, best first
 * @param askSolved  whether the survey asks "was your problem solved?"
 * @param askComment whether the customer may add a comment
 * @param autoSend   whether a served chat's survey is sent when the session ends (without the agent)
 */
public record SurveySettings(List<Level> levels, boolean askSolved, boolean askComment, boolean autoSend)
{
    public static final int MIN_LEVELS = 2;
    public static final int MAX_LEVELS = 5;
    public static final int MAX_LABEL = 40;
    private static final List<String> FIELDS = List.of("levels", "askSolved", "askComment", "autoSend");

    /** Five levels in Chinese and English, both questions, sent by the agent. */
    public static final SurveySettings DEFAULT = new SurveySettings(List.of(new Level("非常满意", "Very satisfied"),
        new Level("满意", "Satisfied"), new Level("一般", "Neutral"), new Level("不满意", "Dissatisfied"),
        new Level("非常不满意", "Very dissatisfied")), true, true, false);

    /** One level: its label, and an English one (null: none). */
    public record Level(String label, String english)
    {
    }

    public SurveySettings
    {
        levels = List.copyOf(levels);
        if (levels.size() < MIN_LEVELS || levels.size() > MAX_LEVELS)
        {
            throw AdminException.invalid("\"levels\" has " + MIN_LEVELS + " to " + MAX_LEVELS + " levels");
        }
    }

    /** The label a customer sees for level {@code level} (1-based): both languages when there are two. */
    public String label(final int level)
    {
        final Level one = levels.get(level - 1);
        return one.english() == null ? one.label() : one.label() + " " + one.english();
    }

    /**
     * These settings with the given members changed (any subset); unknown members, wrong types and labels that are
     * empty or longer than {@value #MAX_LABEL} characters are refused ({@link AdminException.Reason#INVALID}).
     * {@code levels} is a list of labels, or of {@code {"label", "english"}}.
     */
    public SurveySettings with(final JsonNode changes)
    {
        if (changes == null || !changes.isObject())
        {
            throw AdminException.invalid("the survey's settings are a JSON object");
        }
        for (final Iterator<String> names = changes.fieldNames(); names.hasNext(); )
        {
            final String name = names.next();
            if (!FIELDS.contains(name))
            {
                throw AdminException.invalid("unknown survey setting \"" + name + "\"; the settings are " + FIELDS);
            }
        }
        final JsonNode list = changes.get("levels");
        return new SurveySettings(list == null ? levels : levels(list), flag(changes, "askSolved", askSolved),
            flag(changes, "askComment", askComment), flag(changes, "autoSend", autoSend));
    }

    /** As the API, the journal and the widget show them. */
    public Map<String, Object> view()
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++)
        {
            final Map<String, Object> one = new LinkedHashMap<>();
            one.put("level", i + 1);
            one.put("label", levels.get(i).label());
            if (levels.get(i).english() != null)
            {
                one.put("english", levels.get(i).english());
            }
            list.add(one);
        }
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("levels", list);
        view.put("askSolved", askSolved);
        view.put("askComment", askComment);
        view.put("autoSend", autoSend);
        return view;
    }

    private static List<Level> levels(final JsonNode list)
    {
        if (!list.isArray())
        {
            throw AdminException.invalid("\"levels\" is a list of " + MIN_LEVELS + " to " + MAX_LEVELS + " labels");
        }
        final List<Level> levels = new ArrayList<>();
        for (final JsonNode item : list)
        {
            if (item.isTextual())
            {
                levels.add(new Level(label(item, "label"), null));
            }
            else if (item.isObject() && item.get("label") != null)
            {
                final JsonNode english = item.get("english");
                levels.add(new Level(label(item.get("label"), "label"),
                    english == null || english.isNull() || english.asText().isBlank() ? null
                        : label(english, "english")));
            }
            else
            {
                throw AdminException.invalid("a level is a label, or {\"label\", \"english\"}");
            }
        }
        return levels;
    }

    private static String label(final JsonNode value, final String what)
    {
        if (!value.isTextual() || value.asText().isBlank()
            || value.asText().codePointCount(0, value.asText().length()) > MAX_LABEL)
        {
            throw AdminException.invalid("a level's " + what + " has 1 to " + MAX_LABEL + " characters");
        }
        return value.asText().strip();
    }

    private static boolean flag(final JsonNode changes, final String field, final boolean current)
    {
        final JsonNode value = changes.get(field);
        if (value == null)
        {
            return current;
        }
        if (!value.isBoolean())
        {
            throw AdminException.invalid("\"" + field + "\" must be true or false");
        }
        return value.asBoolean();
    }
}
