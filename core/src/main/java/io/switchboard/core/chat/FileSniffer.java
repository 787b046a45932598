package io.switchboard.core.chat;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A file's media type from its first bytes (magic numbers), never from the name or the Content-Type a client gave:
 * the five image types a chat shows (png, jpeg, gif, bmp; jpg is jpeg) and a few safe document types; anything else is
 * {@value #OCTET_STREAM}, which a browser only downloads. Nothing that a browser would run (html, svg, script) is ever
 * named.
 */
final class FileSniffer
{
    static final String OCTET_STREAM = "application/octet-stream";
    /** The types a message of kind image may have. */
    static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/bmp");

    private static final byte[] PNG = {(byte)0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte)0xff, (byte)0xd8, (byte)0xff};
    private static final byte[] GIF87 = "GIF87a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GIF89 = "GIF89a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BMP = {'B', 'M'};
    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] GZIP = {0x1f, (byte)0x8b};
    /** A BMP's header is 14 bytes and its info header at least 12 more. */
    private static final int BMP_HEADERS = 26;

    private FileSniffer()
    {
    }

    /** The media type the bytes are. */
    static String type(final byte[] bytes)
    {
        if (starts(bytes, PNG))
        {
            return "image/png";
        }
        if (starts(bytes, JPEG))
        {
            return "image/jpeg";
        }
        if (starts(bytes, GIF87) || starts(bytes, GIF89))
        {
            return "image/gif";
        }
        if (starts(bytes, BMP) && bytes.length >= BMP_HEADERS && bmpSize(bytes) == bytes.length)
        {
            return "image/bmp";
        }
        if (starts(bytes, PDF))
        {
            return "application/pdf";
        }
        if (starts(bytes, ZIP))
        {
            return "application/zip";
        }
        return starts(bytes, GZIP) ? "application/gzip" : OCTET_STREAM;
    }

    /** The file size a BMP states in its header (little-endian, bytes 2-5): "BM" alone is too weak a sign. */
    private static long bmpSize(final byte[] bytes)
    {
        return (bytes[2] & 0xffL) | (bytes[3] & 0xffL) << 8 | (bytes[4] & 0xffL) << 16 | (bytes[5] & 0xffL) << 24;
    }

    private static boolean starts(final byte[] bytes, final byte[] magic)
    {
        if (bytes.length < magic.length)
        {
            return false;
        }
        for (int i = 0; i < magic.length; i++)
        {
            if (bytes[i] != magic[i])
            {
                return false;
            }
        }
        return true;
    }
}
