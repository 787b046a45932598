/**
 * SDP offer/answer for the B2BUA's media anchoring: parsing of the remote description (RFC 4566, with the
 * leniency real phones need), negotiation (RFC 3264) of G.711 (RFC 3551 static types) and telephone-event
 * (RFC 4733), and writing of our own offers and answers, which always name our address and RTP port.
 */
package io.switchboard.media.sdp;
