/**
 * DTMF: RFC 4733 telephone-events in and out of RTP, and the SIP INFO bodies that carry digits out of band.
 * Knows no SIP classes; the receiver and sender are allocation free because they run per packet.
 */
package io.switchboard.media.dtmf;
