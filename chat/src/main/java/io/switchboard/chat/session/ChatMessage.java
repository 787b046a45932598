package io.switchboard.chat.session;

/**
 * One message of a session: its id (1, 2, 3 ... within the session: the order both sides show, and what a client
 * that reconnects says it saw last), the server's time of receipt, who wrote it (and which agent, by staff number),
 * and its text.
 */
public record ChatMessage(long id, long atMillis, Sender sender, String staffNo, String text)
{
}
