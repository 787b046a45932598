package io.switchboard.media.engine;

import io.switchboard.media.audio.AudioClip;

/**
 * How the media engine is set up.
 *
 * @param bindAddress       where the RTP sockets listen (0.0.0.0 for every IPv4 address)
 * @param advertisedAddress the address written in our SDP (what phones send RTP to)
 * @param firstPort         first port of the RTP range (RTP on even ports, RTCP on the odd one above)
 * @param lastPort          last port of the range
 * @param holdMusic         what a held party hears, looped
 */
public record MediaOptions(String bindAddress, String advertisedAddress, int firstPort, int lastPort,
    AudioClip holdMusic)
{
}
