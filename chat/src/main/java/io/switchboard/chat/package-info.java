/**
 * Online service: chat sessions between website visitors and agents, their messages, and the session flows that
 * greet visitors and hand them to a skill group. Knows nothing of SIP or RTP; {@code core} drives it through ports,
 * as it drives the IVR.
 */
package io.switchboard.chat;
