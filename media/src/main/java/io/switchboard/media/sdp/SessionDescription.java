package io.switchboard.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A parsed remote description (RFC 4566), immutable: the parts the B2BUA needs to anchor media. Parsing is lenient
 * where phones are sloppy (see {@link SdpText}) and strict where a mistake would misroute media.
 */
public final class SessionDescription
{
    private final Origin origin;
    private final String connectionAddress;
    private final Direction direction;
    private final List<MediaDescription> media;

    SessionDescription(final Origin origin, final String connectionAddress, final Direction direction,
        final List<MediaDescription> media)
    {
        this.origin = origin;
        this.connectionAddress = connectionAddress;
        this.direction = direction;
        this.media = List.copyOf(media);
    }

    /**
     * @param body a SIP message body of type application/sdp (UTF-8, in practice ASCII).
     * @throws SdpException when the body is empty or not SDP; the message names the offending line.
     */
    public static SessionDescription parse(final byte[] body) throws SdpException
    {
        if (body == null || body.length == 0)
        {
            throw new SdpException("empty SDP body");
        }
        return parse(new String(body, StandardCharsets.UTF_8));
    }

    /** As {@link #parse(byte[])}, for text already decoded. */
    public static SessionDescription parse(final String text) throws SdpException
    {
        return SdpReader.read(SdpText.normalise(text));
    }

    public Origin origin()
    {
        return origin;
    }

    /** The session-level {@code c=} address, or null. Each {@link MediaDescription} has its resolved one. */
    public String connectionAddress()
    {
        return connectionAddress;
    }

    /** The session-level direction, sendrecv when not given. */
    public Direction direction()
    {
        return direction;
    }

    /** The {@code m=} sections in order; an answer must keep this count and order (RFC 3264 §6). */
    public List<MediaDescription> media()
    {
        return media;
    }
}
