package io.switchboard.core.call;

import io.switchboard.core.admin.SurveySettings;
import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.flow.Node;
import io.switchboard.ivr.flow.Prompt;

import java.util.List;

/**
 * The flow a caller goes through after the agent hung up, when the group has the post-call survey on: the tenant's
 * survey spoken (espeak-ng) as "for <level>, press <n>", one key, a thank-you. In English when every level has an
 * English label, else in Chinese with the labels as the administrator typed them.
 */
final class PostCallSurvey
{
    /** How long the caller has to press a key once the levels were said. */
    static final int TIMEOUT_SECONDS = 8;

    private PostCallSurvey()
    {
    }

    static Flow flow(final SurveySettings survey)
    {
        final boolean english = survey.levels().stream().allMatch(level -> level.english() != null);
        final StringBuilder text = new StringBuilder(english ? "Please rate our service." : "请对本次服务进行评价。");
        for (int i = 0; i < survey.levels().size(); i++)
        {
            final SurveySettings.Level level = survey.levels().get(i);
            text.append(english ? " For " + level.english() + ", press " + (i + 1) + "."
                : level.label() + "请按" + (i + 1) + "。");
        }
        final String voice = english ? "en" : "zh";
        return new Flow("post-call-survey", List.of(
            new Node.Start("start", null, "rate"),
            new Node.Survey("rate", null, new Prompt(null, text.toString(), voice), survey.levels().size(),
                TIMEOUT_SECONDS, "thanks"),
            new Node.End("thanks", null, new Prompt(null, english ? "Thank you. Goodbye." : "感谢您的评价，再见。",
                voice))));
    }
}
