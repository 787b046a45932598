package io.switchboard.sip.message;

/**
 * Size limits applied by the transports before a message reaches the parser (RFC 3261 §18.3 leaves them to the
 * implementation). A datagram or framed stream message that breaks one is dropped and counted as
 * {@code OVERSIZED_MESSAGES}; on TCP the connection is also closed, since its framing can no longer be trusted.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>limit</th><th>default</th></tr>
 *   <tr><td>{@code maxMessageBytes}: headers plus body</td><td>65536 (a UDP datagram cannot be larger)</td></tr>
 *   <tr><td>{@code maxHeaderBytes}: start line plus header block, blank line included</td><td>16384</td></tr>
 *   <tr><td>{@code maxHeaders}: header lines, folded continuations not counted</td><td>128</td></tr>
 * </table>
 *
 * @param maxMessageBytes largest message, headers and body
 * @param maxHeaderBytes  largest start line plus header block
 * @param maxHeaders      most header fields (lines) in one message
 */
public record TransportLimits(int maxMessageBytes, int maxHeaderBytes, int maxHeaders)
{
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 65536;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16384;
    public static final int DEFAULT_MAX_HEADERS = 128;

    /** The defaults listed above. */
    public static final TransportLimits DEFAULTS =
        new TransportLimits(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_HEADERS);

    public TransportLimits
    {
        if (maxMessageBytes < 256 || maxHeaderBytes < 64 || maxHeaders < 8 || maxHeaderBytes > maxMessageBytes)
        {
            throw new IllegalArgumentException("bad transport limits: message=" + maxMessageBytes +
                " header=" + maxHeaderBytes + " headers=" + maxHeaders);
        }
    }
}
