package io.switchboard.chat.session;

/**
 * A file a message of the session refers to: the stored file's id (what the download URLs name), whether it is shown
 * as an image (a thumbnail) or a file (a link), the name its sender gave it (sanitised), its size in bytes and its
 * media type as the server sniffed it from the bytes.
 */
public record ChatFile(String id, String kind, String name, long size, String type)
{
    public static final String IMAGE = "image";
    public static final String FILE = "file";
}
