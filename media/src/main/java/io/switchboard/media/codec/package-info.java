/**
 * G.711 µ-law and A-law (ITU-T G.711), table driven so that transcoding a packet is one lookup per byte.
 */
package io.switchboard.media.codec;
