package io.switchboard.media.sdp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalSessionTest
{
    private static Origin origin(final LocalOffer offer) throws SdpException
    {
        return SessionDescription.parse(offer.body()).origin();
    }

    private static LocalOffer offer(final LocalSession session, final Direction direction)
    {
        return SdpWriter.offer(session, "192.0.2.1", 30000, List.of(Codec.PCMU), 101, direction);
    }

    @Test
    void originNamesUs() throws SdpException
    {
        final LocalSession session = new LocalSession("192.0.2.1", 1234);
        assertEquals(new Origin("switchboard", "1234", "1234", "192.0.2.1"),
            origin(offer(session, Direction.SENDRECV)));
    }

    @Test
    void randomSessionIdIsPositive()
    {
        assertTrue(new LocalSession("192.0.2.1").sessionId() > 0);
    }

    @Test
    void unchangedResendRepeatsTheVersion() throws SdpException
    {
        final LocalSession session = new LocalSession("192.0.2.1", 10);
        assertEquals("10", origin(offer(session, Direction.SENDRECV)).version());
        assertEquals("10", origin(offer(session, Direction.SENDRECV)).version());
        assertEquals(10, session.version());
    }

    @Test
    void eachChangeIncrementsByOne() throws SdpException
    {
        final LocalSession session = new LocalSession("192.0.2.1", 10);
        offer(session, Direction.SENDRECV);
        assertEquals("11", origin(offer(session, Direction.SENDONLY)).version());
        assertEquals("12", origin(offer(session, Direction.SENDRECV)).version());
        assertEquals(12, session.version());
    }

    @Test
    void nextVersionForcesANewOne() throws SdpException
    {
        final LocalSession session = new LocalSession("192.0.2.1", 10);
        offer(session, Direction.SENDRECV);
        assertEquals(11, session.nextVersion());
        assertEquals("11", origin(offer(session, Direction.SENDRECV)).version());
        assertEquals("11", origin(offer(session, Direction.SENDRECV)).version());
    }

    @Test
    void answerAfterOfferOnTheSameLegCountsAsAChange() throws SdpException
    {
        final LocalSession session = new LocalSession("192.0.2.1", 10);
        offer(session, Direction.SENDRECV);
        final SessionDescription reOffer = Sdps.parse(Sdps.SIPP);
        final Negotiated negotiated = OfferAnswer.answer(reOffer, List.of(Codec.PCMU));
        final byte[] answer = SdpWriter.answer(session, reOffer, negotiated, "192.0.2.1", 30000);
        assertEquals("11", SessionDescription.parse(answer).origin().version());
    }
}
