package io.switchboard.core.flows;

import io.switchboard.media.audio.AudioClip;

/** The tenant's audio, by id, converted to the internal 8 kHz format; only approved audio is returned. */
public interface AudioLibrary
{
    /** The approved clip with this id, or null. */
    AudioClip clip(String id);

    boolean exists(String id);

    boolean approved(String id);
}
