/**
 * SRTP and SRTCP (RFC 3711) for WebRTC legs, with the profile browsers pick over DTLS-SRTP
 * ({@code SRTP_AES128_CM_HMAC_SHA1_80}, RFC 5764 §4.1.2): key derivation, AES counter mode, HMAC-SHA1 tags, the
 * rollover counter and the replay window. Our own code on the JDK's AES and HMAC, checked against RFC 3711
 * Appendix B; no SIP, no sockets.
 */
package io.switchboard.media.srtp;
