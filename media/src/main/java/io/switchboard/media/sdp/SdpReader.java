package io.switchboard.media.sdp;

import javax.sdp.Attribute;
import javax.sdp.Connection;
import javax.sdp.Media;
import javax.sdp.SdpFactory;
import javax.sdp.SdpParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns checked SDP text ({@link SdpText}) into our model with the JAIN-SIP RI parser. */
final class SdpReader
{
    private SdpReader()
    {
    }

    static SessionDescription read(final SdpText checked) throws SdpException
    {
        try
        {
            final javax.sdp.SessionDescription parsed =
                SdpFactory.getInstance().createSessionDescription(checked.text());
            final String sessionAddress = address(parsed.getConnection());
            final Direction sessionDirection = direction(parsed.getAttributes(false));
            final Direction direction = sessionDirection != null ? sessionDirection : Direction.SENDRECV;
            final WebRtcTransport sessionWebRtc = webRtc(parsed.getAttributes(false), null);
            final List<MediaDescription> media = new ArrayList<>();
            final List<?> descriptions = parsed.getMediaDescriptions(false);
            if (descriptions != null)
            {
                for (final Object description : descriptions)
                {
                    media.add(media((javax.sdp.MediaDescription) description, sessionAddress, direction,
                        sessionWebRtc));
                }
            }
            return new SessionDescription(checked.origin(), sessionAddress, direction, media);
        }
        catch (final javax.sdp.SdpException | RuntimeException ex)
        {
            // The RI throws unchecked exceptions for some malformed input; a remote party's body is never our bug.
            throw new SdpException("unparseable SDP: " + ex.getMessage(), ex);
        }
    }

    private static MediaDescription media(final javax.sdp.MediaDescription description, final String sessionAddress,
        final Direction sessionDirection, final WebRtcTransport session) throws SdpParseException
    {
        final Media media = description.getMedia();
        final List<String> formats = new ArrayList<>();
        final List<?> rawFormats = media.getMediaFormats(false);
        if (rawFormats != null)
        {
            for (final Object format : rawFormats)
            {
                formats.add(format.toString().trim());
            }
        }
        final Map<Integer, Codec> rtpmaps = new HashMap<>();
        final Map<Integer, String> fmtps = new HashMap<>();
        int ptime = MediaDescription.NO_PTIME;
        final List<?> attributes = description.getAttributes(false);
        if (attributes != null)
        {
            for (final Object item : attributes)
            {
                final Attribute attribute = (Attribute) item;
                final String name = attribute.getName();
                final String value = attribute.getValue();
                if ("rtpmap".equalsIgnoreCase(name))
                {
                    rtpmap(value, rtpmaps);
                }
                else if ("fmtp".equalsIgnoreCase(name))
                {
                    fmtp(value, fmtps);
                }
                else if ("ptime".equalsIgnoreCase(name))
                {
                    ptime = ptime(value, ptime);
                }
            }
        }
        final Direction mediaDirection = direction(attributes);
        final String mediaAddress = address(description.getConnection());
        return new MediaDescription(media.getMediaType(), media.getMediaPort(), media.getProtocol(), formats,
            rtpmaps, fmtps, mediaDirection != null ? mediaDirection : sessionDirection,
            mediaAddress != null ? mediaAddress : sessionAddress, ptime, webRtc(attributes, session));
    }

    /**
     * The ICE, DTLS, mid and rtcp-mux attributes of a section, each falling back to the session's; at the session
     * level ({@code session} null) {@code bundled} says whether an {@code a=group:BUNDLE} was there.
     */
    private static WebRtcTransport webRtc(final List<?> attributes, final WebRtcTransport session)
        throws SdpParseException
    {
        final java.util.Map<String, String> found = new HashMap<>();
        boolean rtcpMux = false;
        boolean bundled = session != null && session.bundled();
        if (attributes != null)
        {
            for (final Object item : attributes)
            {
                final Attribute attribute = (Attribute) item;
                final String name = attribute.getName().toLowerCase(java.util.Locale.ROOT);
                final String value = attribute.getValue() == null ? null : attribute.getValue().trim();
                rtcpMux |= "rtcp-mux".equals(name);
                bundled |= "group".equals(name) && value != null && value.toUpperCase(java.util.Locale.ROOT)
                    .startsWith("BUNDLE");
                if (value != null && java.util.Set.of("ice-ufrag", "ice-pwd", "fingerprint", "setup", "mid")
                    .contains(name))
                {
                    found.putIfAbsent(name, value);
                }
            }
        }
        return new WebRtcTransport(or(found.get("ice-ufrag"), session == null ? null : session.iceUfrag()),
            or(found.get("ice-pwd"), session == null ? null : session.icePwd()),
            or(found.get("fingerprint"), session == null ? null : session.fingerprint()),
            or(found.get("setup"), session == null ? null : session.setup()), found.get("mid"), rtcpMux, bundled);
    }

    private static String or(final String value, final String fallback)
    {
        return value != null ? value : fallback;
    }

    private static String address(final Connection connection) throws SdpParseException
    {
        return connection == null ? null : connection.getAddress().trim();
    }

    /** The last direction attribute in the list, or null. */
    private static Direction direction(final List<?> attributes) throws SdpParseException
    {
        Direction found = null;
        if (attributes != null)
        {
            for (final Object item : attributes)
            {
                final Direction direction = Direction.parse(((Attribute) item).getName());
                if (direction != null)
                {
                    found = direction;
                }
            }
        }
        return found;
    }

    /**
     * {@code <pt> <name>/<rate>[/<channels>]}. A malformed rtpmap is skipped, not fatal: it usually belongs to a
     * codec we would not choose, and its payload type then counts as unknown.
     */
    private static void rtpmap(final String value, final Map<Integer, Codec> rtpmaps)
    {
        if (value == null)
        {
            return;
        }
        final String[] ptAndEncoding = value.trim().split(" ", 2);
        final int pt = MediaDescription.payloadType(ptAndEncoding[0]);
        if (pt < 0 || ptAndEncoding.length < 2)
        {
            return;
        }
        final String[] parts = ptAndEncoding[1].trim().split("/");
        if (parts.length < 2 || parts[0].isEmpty() || !isSmallNumber(parts[1]))
        {
            return;
        }
        final int rate = Integer.parseInt(parts[1]);
        if (rate > 0)
        {
            rtpmaps.put(pt, new Codec(pt, parts[0], rate));
        }
    }

    private static void fmtp(final String value, final Map<Integer, String> fmtps)
    {
        if (value == null)
        {
            return;
        }
        final String[] ptAndParameters = value.trim().split(" ", 2);
        final int pt = MediaDescription.payloadType(ptAndParameters[0]);
        if (pt >= 0)
        {
            fmtps.put(pt, ptAndParameters.length > 1 ? ptAndParameters[1].trim() : "");
        }
    }

    /** Whole milliseconds; some phones write {@code 20.0}. Anything else keeps the previous value. */
    private static int ptime(final String value, final int previous)
    {
        if (value == null)
        {
            return previous;
        }
        String digits = value.trim();
        final int dot = digits.indexOf('.');
        if (dot > 0)
        {
            digits = digits.substring(0, dot);
        }
        return isSmallNumber(digits) && Integer.parseInt(digits) > 0 ? Integer.parseInt(digits) : previous;
    }

    private static boolean isSmallNumber(final String text)
    {
        return !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
