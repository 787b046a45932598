package io.switchboard.core.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's VAPID key pair (RFC 8292 §3.2: an ECDSA P-256 key that identifies us to the push services), made at
 * the first start and kept in {@code vapid.json} of the push directory, readable by the server's user only (0600):
 * {@code {"publicKey": uncompressed point, "privateKey": PKCS#8}}, both base64url. A browser's subscription is bound
 * to the public key it was made with, so the pair must outlive restarts: losing it silences every subscription.
 */
public final class VapidKeys
{
    static final String FILE = "vapid.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;
    private final byte[] point;

    VapidKeys(final ECPrivateKey privateKey, final ECPublicKey publicKey)
    {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.point = P256.point(publicKey);
    }

    /** The pair kept in {@code directory}, made and written there (atomically, 0600) when there is none. */
    public static VapidKeys loadOrCreate(final Path directory) throws IOException, GeneralSecurityException
    {
        final Path file = directory.resolve(FILE);
        if (Files.exists(file))
        {
            return read(file);
        }
        Files.createDirectories(directory);
        final KeyPair pair = P256.generate();
        final Map<String, String> kept = new LinkedHashMap<>();
        kept.put("publicKey", P256.base64Url(P256.point((ECPublicKey)pair.getPublic())));
        kept.put("privateKey", P256.base64Url(pair.getPrivate().getEncoded()));
        PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(kept));
        return new VapidKeys((ECPrivateKey)pair.getPrivate(), (ECPublicKey)pair.getPublic());
    }

    private static VapidKeys read(final Path file) throws IOException, GeneralSecurityException
    {
        final JsonNode kept = JSON.readTree(file.toFile());
        try
        {
            final ECPrivateKey privateKey = (ECPrivateKey)KeyFactory.getInstance("EC").generatePrivate(
                new PKCS8EncodedKeySpec(P256.fromBase64Url(kept.path("privateKey").asText())));
            final ECPublicKey publicKey = P256.publicKey(P256.fromBase64Url(kept.path("publicKey").asText()));
            return new VapidKeys(privateKey, publicKey);
        }
        catch (final IllegalArgumentException | ClassCastException ex)
        {
            throw new GeneralSecurityException(file + " does not hold a VAPID key pair: " + ex.getMessage(), ex);
        }
    }

    public ECPrivateKey privateKey()
    {
        return privateKey;
    }

    public ECPublicKey publicKey()
    {
        return publicKey;
    }

    /** The public key as the browser's {@code applicationServerKey} and the {@code k} parameter want it. */
    public String publicKeyBase64Url()
    {
        return P256.base64Url(point);
    }

    /** Files only the server's user reads, replaced whole (a crash leaves the old file or the new one). */
    static final class PrivateFiles
    {
        private PrivateFiles()
        {
        }

        static void write(final Path file, final byte[] bytes) throws IOException
        {
            final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            try
            {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            }
            catch (final UnsupportedOperationException notPosix)
            {
                Files.createFile(temporary);
            }
            catch (final FileAlreadyExistsException raced)
            {
                throw new IOException("another writer of " + file, raced);
            }
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temporary,
                java.nio.file.StandardOpenOption.WRITE))
            {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
