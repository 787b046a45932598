package io.switchboard.core.config;

/** Anchored RTP media. */
public final class MediaSettings
{
    /** Anchor the media of every call (the server's own SDP and RTP ports on each leg); false passes SDP through. */
    public boolean anchor = true;
    /** Address the RTP sockets bind to. */
    public String bindAddress = "0.0.0.0";
    /** Address written in our SDP; null means the address SIP uses towards each phone. */
    public String advertisedAddress;
    /** RTP port range: an even port for RTP and the odd one above for RTCP, two pairs per call. */
    public int firstPort = 20000;
    public int lastPort = 39999;
    /** Music a held party hears (WAV, 8 or 16 kHz mono, PCM or G.711); null uses the built-in melody. */
    public String holdMusic;
    /**
     * A call is ended when a party's phone has sent neither RTP nor RTCP for this long while nobody is on hold
     * (its phone is gone without a BYE); 0 never ends a call for silence.
     */
    public int timeoutSeconds = 60;

    void conclude()
    {
        SwitchboardConfig.require(firstPort >= 1024 && lastPort <= 65535 && lastPort - firstPort >= 3,
            "media.firstPort..lastPort must be a range of at least 4 ports within 1024..65535");
        SwitchboardConfig.require(bindAddress != null && !bindAddress.isBlank(), "media.bindAddress must be set");
        SwitchboardConfig.require(timeoutSeconds >= 0, "media.timeoutSeconds must be 0 (off) or more");
    }
}
