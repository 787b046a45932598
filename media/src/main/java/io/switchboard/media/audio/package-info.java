/**
 * Audio to play into calls: clips pre-encoded in both G.711 laws, WAV loading with resampling to 8 kHz,
 * synthetic tones and hold music, and the cursor that hands a clip out one 20 ms frame at a time.
 */
package io.switchboard.media.audio;
