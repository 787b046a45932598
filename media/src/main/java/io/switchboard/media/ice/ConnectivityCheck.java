package io.switchboard.media.ice;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The browser's side of ICE with an ICE-lite server: the connectivity check a controlling full agent sends (RFC 8445
 * §7.1.1, §7.2.2), for the client ends our tests and benchmarks play (as {@code DtlsSrtpClient} plays the browser's
 * DTLS). A Binding request with USERNAME {@code serverUfrag:clientUfrag}, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE,
 * MESSAGE-INTEGRITY keyed with the server's password, and FINGERPRINT.
 */
public final class ConnectivityCheck
{
    /** The priority of a host candidate of component 1 (RFC 8445 §5.1.2.1 with type preference 126). */
    private static final int HOST_PRIORITY = 2130706431;

    private ConnectivityCheck()
    {
    }

    /** A new check, with a random transaction id and tie-breaker. */
    public static byte[] request(final String serverUfrag, final String clientUfrag, final String serverPassword)
    {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final byte[] transactionId = new byte[12];
        random.nextBytes(transactionId);
        final byte[] tieBreaker = new byte[8];
        random.nextBytes(tieBreaker);
        final Mac mac;
        try
        {
            mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(serverPassword.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HMAC-SHA1 is part of every Java runtime", ex);
        }
        return new StunWriter().start(StunMessage.BINDING_REQUEST, transactionId)
            .attribute(StunMessage.USERNAME, (serverUfrag + ":" + clientUfrag).getBytes(StandardCharsets.UTF_8))
            .attribute(StunMessage.PRIORITY, new byte[] {(byte)(HOST_PRIORITY >>> 24), (byte)(HOST_PRIORITY >>> 16),
                (byte)(HOST_PRIORITY >>> 8), (byte)HOST_PRIORITY})
            .attribute(StunMessage.ICE_CONTROLLING, tieBreaker)
            .attribute(StunMessage.USE_CANDIDATE, new byte[0])
            .messageIntegrity(mac)
            .fingerprint()
            .finish();
    }
}
