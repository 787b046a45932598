package io.switchboard.media.engine;

/** What a media session reports to its owner, on the owner's event loop. */
public interface MediaListener
{
    /** A DTMF key pressed on the phone of {@code endpoint} (RFC 4733 event, counted once per press). */
    void onDtmf(Endpoint endpoint, char digit);

    /** A prompt started with {@link Endpoint#play} finished playing. */
    default void onPlayed(Endpoint endpoint)
    {
    }
}
