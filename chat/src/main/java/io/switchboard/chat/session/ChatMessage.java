package io.switchboard.chat.session;

/**
 * One message of a session: its id (1, 2, 3 ... within the session: the order both sides show, and what a client
 * that reconnects says it saw last), the server's time of receipt, who wrote it (and which agent, by staff number),
 * and its text; a message sending an image or a file names it ({@code file}, its text is the file's name). A recalled
 * message keeps its id, time and sender, and has the notice {@link #RECALLED} for text and no file.
 */
public record ChatMessage(long id, long atMillis, Sender sender, String staffNo, String text, ChatFile file,
    boolean recalled)
{
    /** What a recalled message shows on both sides. */
    public static final String RECALLED = "消息已撤回 / message recalled";

    /** A text message. */
    public ChatMessage(final long id, final long atMillis, final Sender sender, final String staffNo,
        final String text)
    {
        this(id, atMillis, sender, staffNo, text, null, false);
    }

    /** The same message, recalled: the notice in place of its text and file. */
    public ChatMessage recall()
    {
        return new ChatMessage(id, atMillis, sender, staffNo, RECALLED, null, true);
    }
}
