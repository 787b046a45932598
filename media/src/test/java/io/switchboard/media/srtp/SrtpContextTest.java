package io.switchboard.media.srtp;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * SRTP and SRTCP with AES_CM_128_HMAC_SHA1_80: RFC 3711 Appendix B's key derivation and keystream vectors, the tag
 * as RFC 3711 §4.2 defines it (checked with the JDK's HMAC, independently of the code), round trips between a
 * sender and a receiver keyed alike, and what a receiver refuses: a bad tag, a replay, a packet too old.
 */
class SrtpContextTest
{
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MASTER_KEY = HEX.parseHex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = HEX.parseHex("0EC675AD498AFEEBB6960B3AABE6");

    @Test
    void appendixB3KeyDerivation()
    {
        assertEquals("c61e7a93744f39ee10734afe3ff7a087", HEX.formatHex(SrtpKeyDerivation.derive(MASTER_KEY,
            MASTER_SALT, SrtpKeyDerivation.RTP_ENCRYPTION, 16)));
        assertEquals("30cbbc08863d8c85d49db34a9ae1", HEX.formatHex(SrtpKeyDerivation.derive(MASTER_KEY,
            MASTER_SALT, SrtpKeyDerivation.RTP_SALT, 14)));
        assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa48f0a0acf3c34e2359e6cdbce"
                + "e049646c43d9327ad175578ef72270986371c10c9a369ac2f94a8c5fbcdddc25"
                + "6d6e919a48b610ef17c2041e474035766b68642c59bbfc2f34db60dbdfb2",
            HEX.formatHex(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.RTP_AUTHENTICATION,
                94)), "§B.3's 94 octets; the HMAC-SHA1 key is their first 20");
    }

    @Test
    void appendixB2Keystream()
    {
        final byte[] zeros = new byte[48];
        new AesCounterMode().crypt(new SecretKeySpec(HEX.parseHex("2B7E151628AED2A6ABF7158809CF4F3C"), "AES"),
            HEX.parseHex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"), 0, 0, zeros, 0, 48);
        assertEquals("e03ead0935c95e80e166b16dd92b4eb4d23513162b02d0f72a43a2fe4a5f97ab"
            + "41e95b3bb0a2e8dd477901e4fca894c0", HEX.formatHex(zeros));
    }

    @Test
    void theTagIsHmacSha1OfThePacketAndTheRocTruncatedTo80Bits() throws Exception
    {
        final byte[] packet = rtp(0x1234, 0xCAFEBABE, 160);
        final byte[] clear = Arrays.copyOf(packet, packet.length);
        final int length = SrtpContext.of(MASTER_KEY, MASTER_SALT).protectRtp(packet, 0, 172);
        assertEquals(182, length);
        assertArrayEquals(Arrays.copyOf(clear, 12), Arrays.copyOf(packet, 12), "the header is not encrypted");
        assertFalse(Arrays.equals(Arrays.copyOfRange(clear, 12, 172), Arrays.copyOfRange(packet, 12, 172)));

        final Mac hmac = Mac.getInstance("HmacSHA1");
        hmac.init(new SecretKeySpec(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT,
            SrtpKeyDerivation.RTP_AUTHENTICATION, 20), "HmacSHA1"));
        hmac.update(packet, 0, 172);
        hmac.update(new byte[4]);
        assertArrayEquals(Arrays.copyOf(hmac.doFinal(), 10), Arrays.copyOfRange(packet, 172, 182));
    }

    @Test
    void aReceiverKeyedAlikeGetsThePacketBackOnceAndRefusesForgeries()
    {
        final SrtpContext sender = SrtpContext.of(MASTER_KEY, MASTER_SALT);
        final SrtpContext receiver = SrtpContext.of(MASTER_KEY, MASTER_SALT);
        final byte[] packet = rtp(7, 0x11223344, 160);
        final byte[] clear = Arrays.copyOf(packet, 172);
        final int sent = sender.protectRtp(packet, 0, 172);
        final byte[] replay = Arrays.copyOf(packet, sent);
        final byte[] forged = Arrays.copyOf(packet, packet.length);
        forged[40] ^= 1;

        assertEquals(SrtpContext.AUTHENTICATION_FAILED, receiver.unprotectRtp(forged, 0, sent));
        assertEquals(172, receiver.unprotectRtp(packet, 0, sent));
        assertArrayEquals(clear, Arrays.copyOf(packet, 172));
        assertEquals(SrtpContext.REPLAYED, receiver.unprotectRtp(replay, 0, sent));
        assertEquals(SrtpContext.MALFORMED, receiver.unprotectRtp(new byte[15], 0, 15));
    }

    @Test
    void theRolloverCounterFollowsTheSequenceNumberAcrossItsWrap()
    {
        final SrtpContext sender = SrtpContext.of(MASTER_KEY, MASTER_SALT);
        final SrtpContext receiver = SrtpContext.of(MASTER_KEY, MASTER_SALT);
        for (final int seq : new int[] {65533, 65534, 65535, 0, 1, 2})
        {
            final byte[] packet = rtp(seq, 42, 20);
            final byte[] clear = Arrays.copyOf(packet, 32);
            final int sent = sender.protectRtp(packet, 0, 32);
            assertEquals(32, receiver.unprotectRtp(packet, 0, sent), "sequence number " + seq);
            assertArrayEquals(clear, Arrays.copyOf(packet, 32));
        }
        // A late packet from before the wrap is still in the window and decrypts with the old ROC.
        final SrtpContext lateSender = SrtpContext.of(MASTER_KEY, MASTER_SALT);
        final SrtpContext lateReceiver = SrtpContext.of(MASTER_KEY, MASTER_SALT);
        final byte[] first = rtp(65534, 9, 20);
        final int firstLength = lateSender.protectRtp(first, 0, 32);
        final byte[] before = rtp(65535, 9, 20);
        final int beforeLength = lateSender.protectRtp(before, 0, 32);
        final byte[] after = rtp(0, 9, 20);
        final int afterLength = lateSender.protectRtp(after, 0, 32);
        assertEquals(32, lateReceiver.unprotectRtp(first, 0, firstLength));
        assertEquals(32, lateReceiver.unprotectRtp(after, 0, afterLength), "ROC 1 guessed from the wrap");
        assertEquals(32, lateReceiver.unprotectRtp(before, 0, beforeLength), "ROC 0 for the late one");
    }

    @Test
    void srtcpCarriesItsIndexAndIsCheckedLikeSrtp()
    {
        final SrtpContext sender = SrtpContext.of(MASTER_KEY, MASTER_SALT);
        final SrtpContext receiver = SrtpContext.of(MASTER_KEY, MASTER_SALT);
        final byte[] report = new byte[28 + SrtpPolicy.RTCP_OVERHEAD];
        report[0] = (byte)0x80;
        report[1] = (byte)200;
        report[3] = 6;
        report[7] = 5;
        Arrays.fill(report, 8, 28, (byte)0x5A);
        final byte[] clear = Arrays.copyOf(report, 28);
        final int sent = sender.protectRtcp(report, 0, 28);
        assertEquals(42, sent);
        assertEquals(0x80000000, (report[28] & 0xFF) << 24 | (report[29] & 0xFF) << 16 | report[30] << 8
            | report[31], "E set, index 0 for the first packet (RFC 3711 §3.4)");
        final byte[] replay = Arrays.copyOf(report, sent);
        assertEquals(28, receiver.unprotectRtcp(report, 0, sent));
        assertArrayEquals(clear, Arrays.copyOf(report, 28));
        assertEquals(SrtpContext.REPLAYED, receiver.unprotectRtcp(replay, 0, sent));
    }

    /** A version-2 RTP packet with room for the tag after it. */
    private static byte[] rtp(final int seq, final int ssrc, final int payload)
    {
        final byte[] packet = new byte[12 + payload + SrtpPolicy.RTP_OVERHEAD];
        packet[0] = (byte)0x80;
        packet[2] = (byte)(seq >>> 8);
        packet[3] = (byte)seq;
        packet[8] = (byte)(ssrc >>> 24);
        packet[9] = (byte)(ssrc >>> 16);
        packet[10] = (byte)(ssrc >>> 8);
        packet[11] = (byte)ssrc;
        for (int i = 0; i < payload; i++)
        {
            packet[12 + i] = (byte)(i * 7);
        }
        return packet;
    }
}
