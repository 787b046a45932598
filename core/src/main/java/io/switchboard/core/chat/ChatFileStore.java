package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chat.session.ChatFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The chats' images and files on disk, under {@code <dataDir>/chat-files}: the bytes by content hash
 * ({@code ab/cd/<sha256>}, so the same content is stored once however often it is sent) and, per upload, a small
 * JSON entry {@code meta/<id>.json} naming the hash, the session and visitor it was sent in, its name, kind, size and
 * sniffed type. An upload's id is random (not the hash): who may read it is decided by its session, and the same
 * bytes sent in two sessions are two uploads. Hashing, writing and reading run on {@code io}, never on the API's loop;
 * their futures complete there and callers take the result back to their own thread.
 */
final class ChatFileStore
{
    /** What an upload was: the file as messages name it, and the session and visitor it belongs to. */
    record Stored(ChatFile file, String hash, long session, String visitor)
    {
    }

    /** A stored upload with its bytes. */
    record Loaded(Stored stored, byte[] bytes)
    {
    }

    static final String ID = "[A-Za-z0-9_-]{16,64}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Executor io;

    ChatFileStore(final Path root, final Executor io)
    {
        this.root = root;
        this.io = io;
    }

    /** Stores the bytes (checked already: kind, type and size) of an upload to the session; its new entry. */
    CompletableFuture<Stored> store(final byte[] bytes, final String kind, final String name, final String type,
        final long session, final String visitor)
    {
        final String id = newId();
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                final String hash = sha256(bytes);
                final Path blob = blob(hash);
                if (!Files.exists(blob))
                {
                    Files.createDirectories(blob.getParent());
                    final Path partial = Files.createTempFile(blob.getParent(), hash, ".part");
                    Files.write(partial, bytes);
                    Files.move(partial, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                final Stored stored = new Stored(new ChatFile(id, kind, name, bytes.length, type), hash, session,
                    visitor);
                final Path meta = meta(id);
                Files.createDirectories(meta.getParent());
                Files.write(meta, JSON.writeValueAsBytes(stored));
                return stored;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }, io);
    }

    /** The upload with its bytes, or null for an id never given (or malformed, which never touches the disk). */
    CompletableFuture<Loaded> load(final String id)
    {
        if (id == null || !id.matches(ID))
        {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                final Path meta = meta(id);
                if (!Files.exists(meta))
                {
                    return null;
                }
                final Stored stored = JSON.readValue(Files.readAllBytes(meta), Stored.class);
                return new Loaded(stored, Files.readAllBytes(blob(stored.hash())));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }, io);
    }

    /** Where the bytes of that hash are: {@code ab/cd/abcd...}. */
    Path blob(final String hash)
    {
        return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }

    private Path meta(final String id)
    {
        return root.resolve("meta").resolve(id + ".json");
    }

    private static String sha256(final byte[] bytes)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** As random as a visitor's id, and of the same form. */
    private static String newId()
    {
        return VisitorSocket.newVisitorId();
    }
}
