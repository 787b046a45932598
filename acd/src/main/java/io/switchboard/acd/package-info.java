/** Automatic call distribution: agents, skill groups, queues. Knows no SIP or RTP. Built in the ACD issue. */
package io.switchboard.acd;
