/** RTP and audio: anchored media for calls. Knows no SIP. Built in the media-plane issue. */
package io.switchboard.media;
