package io.switchboard.core.config;

import java.util.ArrayList;
import java.util.List;

/** Online service: session flows (JSON files, published at start) and the websites bound to them. */
public final class ChatSettings
{
    /** Directory of session-flow files ({@code *.json}, the format in the README); each is validated and published. */
    public String flowsDir = "conf/chat-flows";
    /** The websites whose pages may open the chat widget, each with the flow its visitors run. */
    public List<Channel> channels = new ArrayList<>();
    /** The most messages one session holds. */
    public int messageLimit = 2000;
    /** The largest file (not image: those are at most 5 MB) a visitor or an agent sends, in MB (1-100). */
    public int fileLimitMb = 10;

    /** A website bound to a session flow. */
    public static final class Channel
    {
        public String name;
        /** The site's host name, as its pages' Origin names it (www.example.com). */
        public String domain;
        public String flow;
    }

    void conclude()
    {
        SwitchboardConfig.require(messageLimit >= 10 && messageLimit <= 100_000,
            "tenant.chat.messageLimit: 10..100000");
        SwitchboardConfig.require(fileLimitMb >= 1 && fileLimitMb <= 100, "tenant.chat.fileLimitMb: 1..100");
        for (final Channel channel : channels)
        {
            SwitchboardConfig.require(channel.name != null && channel.domain != null,
                "tenant.chat.channels: a name and a domain");
        }
    }
}
