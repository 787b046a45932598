package io.switchboard.media.sdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for the SDP reader (issue 19): a remote party's body is read into our model or refused with
 * {@link SdpException} (answered 400 or 488), never another exception; a body that reads is answered by
 * {@link OfferAnswer} (plain and WebRTC) or refused the same way, and its answer is written.
 * Corpus: {@code SdpFuzzTestInputs/<method>/} (real phones' and browsers' offers, broken ones); fuzzing: README,
 * "Fuzzing".
 */
class SdpFuzzTest
{
    private static final List<Codec> SUPPORTED = List.of(Codec.PCMU, Codec.PCMA, Codec.telephoneEvent(101));

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void readsOrRefusesWithSdpException(final byte[] input)
    {
        final SessionDescription offer;
        try
        {
            offer = SessionDescription.parse(input);
        }
        catch (final SdpException refused)
        {
            assertNotNull(refused.getMessage());
            return;
        }
        assertNotNull(offer.origin());
        for (final MediaDescription media : offer.media())
        {
            assertTrue(media.port() >= 0, "port " + media.port());
            media.codecs();
            media.direction();
            media.toString();
        }
        answer(offer, false);
        answer(offer, true);
    }

    private static void answer(final SessionDescription offer, final boolean webRtc)
    {
        try
        {
            assertNotNull(OfferAnswer.answer(offer, SUPPORTED, webRtc));
        }
        catch (final SdpException refused)
        {
            assertNotNull(refused.getMessage());
        }
    }
}
