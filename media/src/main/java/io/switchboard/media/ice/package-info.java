/**
 * ICE-lite for WebRTC legs (RFC 8445 §2.5): the STUN messages of connectivity checks (RFC 5389, short-term
 * credentials, MESSAGE-INTEGRITY and FINGERPRINT) and the agent that answers them, learns the browser's address from
 * them and keeps consent (RFC 7675). Knows nothing of SIP or SDP beyond the ufrag and pwd it is given.
 */
package io.switchboard.media.ice;
