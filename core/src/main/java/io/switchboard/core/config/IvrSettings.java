package io.switchboard.core.config;

import java.util.ArrayList;
import java.util.List;

/** IVR flows (JSON files, published at start), the audio they use, and the numbers bound to them. */
public final class IvrSettings
{
    /** Directory of flow files ({@code *.json}, the format in the README); each is validated and published. */
    public String flowsDir = "conf/flows";
    /** Directory of approved audio ({@code <id>.wav}) that flows name by id. */
    public String audioDir = "conf/audio";
    /** Where text to speech is rendered once and kept. */
    public String speechCacheDir = "data/tts";
    public List<NumberBinding> numbers = new ArrayList<>();

    /** A phone number bound to a flow. */
    public static final class NumberBinding
    {
        public String number;
        /** {@code inbound}, {@code outbound} or {@code both}. */
        public String direction = "inbound";
        public String flow;
    }

    void conclude()
    {
        for (final NumberBinding n : numbers)
        {
            SwitchboardConfig.require(n.number != null && n.number.matches("\\+?[0-9]{2,20}") && n.flow != null,
                "tenant.ivr.numbers: a number (2 to 20 digits) and its flow");
            SwitchboardConfig.require("inbound".equals(n.direction) || "outbound".equals(n.direction)
                || "both".equals(n.direction), "tenant.ivr.numbers." + n.number + ".direction");
        }
    }
}
