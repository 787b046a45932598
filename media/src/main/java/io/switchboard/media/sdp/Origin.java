package io.switchboard.media.sdp;

/**
 * The {@code o=} line (RFC 4566 §5.2). Session id and version are kept as the digits written: RFC 4566 allows
 * numbers beyond a long, and a re-offer is recognised as unchanged by an equal version (RFC 3264 §8).
 */
public record Origin(String username, String sessionId, String version, String address)
{
}
