package io.switchboard.sip.transaction;

/**
 * The timers a transaction runs, named as in RFC 3261 §17 and RFC 6026 §8.4, plus the two timers RFC 3261 describes
 * without a letter: the 100 Trying delay of §17.2.1 and the 2xx retransmission of §13.3.1.4.
 */
enum TransactionTimer
{
    /** INVITE request retransmit (client, Calling, unreliable only). */
    A,
    /** INVITE transaction timeout (client, Calling). */
    B,
    /** Wait time for response retransmits (INVITE client, Completed). */
    D,
    /** Non-INVITE request retransmit (client, Trying/Proceeding, unreliable only). */
    E,
    /** Non-INVITE transaction timeout (client). */
    F,
    /** INVITE response retransmit (server, Completed, unreliable only). */
    G,
    /** Wait time for ACK receipt (INVITE server, Completed). */
    H,
    /** Wait time for ACK retransmits (INVITE server, Confirmed). */
    I,
    /** Wait time for non-INVITE request retransmits (server, Completed). */
    J,
    /** Wait time for non-INVITE response retransmits (client, Completed). */
    K,
    /** Wait time for accepted INVITE request retransmits (server, Accepted, RFC 6026). */
    L,
    /** Wait time for retransmitted 2xx responses (client, Accepted, RFC 6026). */
    M,
    /** Send 100 Trying if the TU has not answered within 200 ms (RFC 3261 §17.2.1). */
    TRYING,
    /** Retransmit the 2xx until ACK, T1 doubling to T2 (RFC 3261 §13.3.1.4), done by the layer for the TU. */
    RETRANSMIT_2XX;

    static final int COUNT = values().length;
}
