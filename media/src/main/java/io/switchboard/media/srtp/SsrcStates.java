package io.switchboard.media.srtp;

/**
 * The per-SSRC state of one SRTP direction (RFC 3711 §3.2.3): the rollover counter, the highest sequence number, the
 * replay windows and the next SRTCP index. A WebRTC audio leg has one SSRC each way (two while a stream changes);
 * a small linear table keeps them, the oldest replaced when full.
 */
final class SsrcStates
{
    private static final int CAPACITY = 4;

    private final State[] states = new State[CAPACITY];
    private int next;

    State get(final int ssrc)
    {
        for (final State state : states)
        {
            if (state != null && state.ssrc == ssrc)
            {
                return state;
            }
        }
        final State state = new State(ssrc);
        states[next] = state;
        next = (next + 1) % CAPACITY;
        return state;
    }

    /** One SSRC's counters. */
    static final class State
    {
        final int ssrc;
        final ReplayWindow rtpWindow = new ReplayWindow();
        final ReplayWindow rtcpWindow = new ReplayWindow();
        private int roc;
        private int highestSeq = -1;
        private int rtcpIndex;

        State(final int ssrc)
        {
            this.ssrc = ssrc;
        }

        /** The ROC of a packet we send with {@code seq}: incremented when the sequence number wraps. */
        int sending(final int seq)
        {
            if (highestSeq >= 0 && seq < highestSeq && highestSeq - seq > 0x8000)
            {
                roc++;
            }
            if (highestSeq < 0 || seq > highestSeq || highestSeq - seq > 0x8000)
            {
                highestSeq = seq;
            }
            return roc;
        }

        /** RFC 3711 Appendix A: the ROC a received {@code seq} most likely belongs to. */
        int estimateRoc(final int seq)
        {
            if (highestSeq < 0)
            {
                return roc;
            }
            if (highestSeq < 0x8000)
            {
                // Before the first wrap there is no earlier ROC: such a packet is only very late.
                return seq - highestSeq > 0x8000 && roc > 0 ? roc - 1 : roc;
            }
            return highestSeq - 0x8000 > seq ? roc + 1 : roc;
        }

        /** After a packet authenticated: the ROC and highest sequence number move forward (§3.3.1). */
        void received(final int packetRoc, final int seq)
        {
            if (highestSeq < 0 || packetRoc > roc || packetRoc == roc && seq > highestSeq)
            {
                roc = packetRoc;
                highestSeq = seq;
            }
        }

        /** The SRTCP index of the next packet we send: 0 first (§3.4), 31 bits. */
        int nextRtcpIndex()
        {
            final int index = rtcpIndex;
            rtcpIndex = rtcpIndex + 1 & 0x7FFFFFFF;
            return index;
        }
    }
}
