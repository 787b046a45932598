/**
 * RTP and RTCP wire formats (RFC 3550) as static accessors over Netty buffers, and the per-stream rewriter that
 * keeps what leaves a leg one continuous stream. Nothing here allocates per packet: these run on the media hot path.
 */
package io.switchboard.media.rtp;
