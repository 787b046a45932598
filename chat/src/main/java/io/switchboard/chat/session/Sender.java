package io.switchboard.chat.session;

/** Who wrote a message of a session. */
public enum Sender
{
    /** The website's visitor. */
    VISITOR,
    /** The agent serving the session. */
    AGENT,
    /** The session flow (its prompts, queue and end messages). */
    FLOW,
    /** The server itself: notices such as "agent A2 joined" or "the visitor left". */
    SYSTEM
}
