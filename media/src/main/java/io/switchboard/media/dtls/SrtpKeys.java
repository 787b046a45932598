package io.switchboard.media.dtls;

import java.util.Arrays;

/**
 * The SRTP master keys a DTLS-SRTP handshake exports (RFC 5764 §4.2): 60 octets as client key, server key, client
 * salt, server salt; ours are the server's when we were the DTLS server.
 */
public record SrtpKeys(byte[] localKey, byte[] localSalt, byte[] remoteKey, byte[] remoteSalt)
{
    static final int KEY = 16;
    static final int SALT = 14;
    static final int EXPORTED = 2 * (KEY + SALT);

    /** Splits the exported block; {@code server} when our side was the DTLS server. */
    static SrtpKeys split(final byte[] exported, final boolean server)
    {
        final byte[] clientKey = Arrays.copyOfRange(exported, 0, KEY);
        final byte[] serverKey = Arrays.copyOfRange(exported, KEY, 2 * KEY);
        final byte[] clientSalt = Arrays.copyOfRange(exported, 2 * KEY, 2 * KEY + SALT);
        final byte[] serverSalt = Arrays.copyOfRange(exported, 2 * KEY + SALT, EXPORTED);
        return server ? new SrtpKeys(serverKey, serverSalt, clientKey, clientSalt)
            : new SrtpKeys(clientKey, clientSalt, serverKey, serverSalt);
    }
}
