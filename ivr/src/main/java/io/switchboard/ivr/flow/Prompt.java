package io.switchboard.ivr.flow;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a node says: an audio of the library ({@code audio}, its id) or text to speech ({@code text}, in
 * {@code voice} {@code en} or {@code zh}); the text may use the flow's variables, {@code ${WaitNo}} and
 * {@code ${StaffNo}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prompt(String audio, String text, String voice)
{
    public static Prompt audio(final String id)
    {
        return new Prompt(id, null, null);
    }

    public static Prompt speech(final String text)
    {
        return new Prompt(null, text, null);
    }

    /** What the recording notice says in English. */
    public static final String RECORDING_NOTICE_EN = "This call may be recorded.";
    /** What the recording notice says in Mandarin. */
    public static final String RECORDING_NOTICE_ZH = "本次通话可能会被录音。";

    /** The built-in notice that the call may be recorded, spoken in {@code voice} ({@code zh}, else English). */
    public static Prompt recordingNotice(final String voice)
    {
        return "zh".equals(voice) ? new Prompt(null, RECORDING_NOTICE_ZH, "zh") : new Prompt(null, RECORDING_NOTICE_EN,
            "en");
    }

    public boolean isSpeech()
    {
        return text != null;
    }

    /** The voice to speak with: {@code en} unless one is given. */
    public String voiceOrDefault()
    {
        return voice == null ? "en" : voice;
    }

    /** The text with {@code ${name}} replaced from {@code variables}; unknown names are left as they are. */
    public String render(final java.util.Map<String, String> variables)
    {
        if (text == null)
        {
            return null;
        }
        String out = text;
        for (final java.util.Map.Entry<String, String> e : variables.entrySet())
        {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }
}
