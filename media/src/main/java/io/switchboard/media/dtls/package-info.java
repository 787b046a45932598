/**
 * DTLS-SRTP for WebRTC legs (RFC 5763, RFC 5764): the server's certificate and its SDP fingerprint, the DTLS 1.2
 * server on BouncyCastle's DTLS that checks the browser's certificate against its fingerprint and exports the SRTP
 * keys, and the bounded pool its blocking handshakes run on. Knows nothing of SIP; the SDP attributes are strings.
 */
package io.switchboard.media.dtls;
