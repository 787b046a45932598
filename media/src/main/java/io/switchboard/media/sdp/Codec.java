package io.switchboard.media.sdp;

/**
 * An RTP payload format as SDP names it: payload type, encoding name and clock rate ({@code a=rtpmap}, RFC 4566
 * §6). Two codecs are the same format when name (ignoring case, RFC 4855 §3) and clock rate match, whatever their
 * payload type numbers: a dynamic type is bound per session, and an answer must reuse the offerer's numbers.
 *
 * @param payloadType 0..127.
 * @param name        the encoding name, as written.
 * @param clockRate   in Hz.
 */
public record Codec(int payloadType, String name, int clockRate)
{
    /** G.711 mu-law, RFC 3551 static payload type 0. */
    public static final Codec PCMU = new Codec(0, "PCMU", 8000);
    /** G.711 A-law, RFC 3551 static payload type 8. */
    public static final Codec PCMA = new Codec(8, "PCMA", 8000);
    /** The encoding name of RFC 4733 DTMF events. */
    public static final String TELEPHONE_EVENT = "telephone-event";
    /** The dynamic payload type we offer for telephone-event, as most phones do. */
    public static final int DEFAULT_TELEPHONE_EVENT_PT = 101;

    public Codec
    {
        if (payloadType < 0 || payloadType > 127)
        {
            throw new IllegalArgumentException("payload type out of 0..127: " + payloadType);
        }
        if (name == null || name.isBlank())
        {
            throw new IllegalArgumentException("codec name missing");
        }
        if (clockRate <= 0)
        {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
    }

    /** telephone-event/8000 (RFC 4733) on the given dynamic payload type. */
    public static Codec telephoneEvent(final int payloadType)
    {
        return new Codec(payloadType, TELEPHONE_EVENT, 8000);
    }

    /**
     * The static audio payload types of RFC 3551 table 4, which a phone may use without an {@code a=rtpmap}.
     *
     * @return the codec, or null when the number is dynamic, reserved or video.
     */
    public static Codec staticType(final int payloadType)
    {
        return switch (payloadType)
        {
            case 0 -> PCMU;
            case 3 -> new Codec(3, "GSM", 8000);
            case 4 -> new Codec(4, "G723", 8000);
            case 5 -> new Codec(5, "DVI4", 8000);
            case 6 -> new Codec(6, "DVI4", 16000);
            case 7 -> new Codec(7, "LPC", 8000);
            case 8 -> PCMA;
            case 9 -> new Codec(9, "G722", 8000);
            case 10, 11 -> new Codec(payloadType, "L16", 44100);
            case 12 -> new Codec(12, "QCELP", 8000);
            case 13 -> new Codec(13, "CN", 8000);
            case 14 -> new Codec(14, "MPA", 90000);
            case 15 -> new Codec(15, "G728", 8000);
            case 16 -> new Codec(16, "DVI4", 11025);
            case 17 -> new Codec(17, "DVI4", 22050);
            case 18 -> new Codec(18, "G729", 8000);
            default -> null;
        };
    }

    public boolean isTelephoneEvent()
    {
        return TELEPHONE_EVENT.equalsIgnoreCase(name);
    }

    /** Same encoding and clock rate, payload type ignored. */
    public boolean sameFormat(final Codec other)
    {
        return other != null && clockRate == other.clockRate && name.equalsIgnoreCase(other.name);
    }

    public Codec withPayloadType(final int newPayloadType)
    {
        return new Codec(newPayloadType, name, clockRate);
    }

    /** The value of {@code a=rtpmap} after the payload type: {@code PCMU/8000}. */
    public String rtpmap()
    {
        return name + "/" + clockRate;
    }
}
