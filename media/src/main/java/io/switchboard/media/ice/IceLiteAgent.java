package io.switchboard.media.ice;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * The ICE-lite side of one WebRTC leg (RFC 8445 §2.5, §7.3): it gathers one host candidate (the leg's RTP port),
 * never sends checks of its own, and answers the browser's Binding requests: a request whose USERNAME starts with our
 * ufrag and whose MESSAGE-INTEGRITY our password verifies is answered with our integrity and the address it came from;
 * that address becomes the leg's peer (peer-reflexive by nature: whatever the SDP said, a NAT in between may map it
 * anywhere), the nominated one (USE-CANDIDATE) winning. A request without USERNAME or MESSAGE-INTEGRITY gets 400, one
 * with a wrong USERNAME or integrity 401 (RFC 5389 §10.1.2). Each verified check renews consent for 30 s
 * (RFC 7675 §5.1); when it lapses nothing more may be sent to the browser. Owned by the leg's event loop.
 */
public final class IceLiteAgent
{
    /** RFC 7675 §5.1: consent expires 30 seconds after the last verified check. */
    public static final long CONSENT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a STUN message came to. */
    public enum Outcome
    {
        /** A verified check: answered with a success response. */
        ANSWERED,
        /** A check that failed its credentials or was malformed: answered with an error, nothing learned. */
        REFUSED,
        /** Not a request (an indication, a response): nothing to send. */
        IGNORED
    }

    private final String ufrag;
    private final String password;
    private final Mac mac;
    private final StunWriter writer = new StunWriter();
    private InetSocketAddress peer;
    private boolean nominated;
    private long consentUntilNs = Long.MIN_VALUE;
    private byte[] response;
    private long refused;

    private IceLiteAgent(final String ufrag, final String password)
    {
        this.ufrag = ufrag;
        this.password = password;
        try
        {
            mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HMAC-SHA1 is part of every JDK", ex);
        }
    }

    /** An agent with new random credentials: a 8-character ufrag and a 24-character password (RFC 8445 §5.3). */
    public static IceLiteAgent withNewCredentials()
    {
        return new IceLiteAgent(random(8), random(24));
    }

    /** An agent with given credentials (tests, and a leg whose SDP is re-offered with the same ones). */
    public static IceLiteAgent withCredentials(final String ufrag, final String password)
    {
        return new IceLiteAgent(ufrag, password);
    }

    private static String random(final int length)
    {
        final StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            text.append(ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length())));
        }
        return text.toString();
    }

    /** {@code a=ice-ufrag} of our SDP. */
    public String ufrag()
    {
        return ufrag;
    }

    /** {@code a=ice-pwd} of our SDP. */
    public String password()
    {
        return password;
    }

    /**
     * Takes one STUN datagram from {@code source}; {@link #response()} is then what to send back to it (null for
     * {@link Outcome#IGNORED}).
     */
    public Outcome onStun(final byte[] bytes, final int offset, final int length, final InetSocketAddress source,
        final long nowNs)
    {
        response = null;
        final StunMessage message = StunMessage.parse(bytes, offset, length);
        if (message == null || !message.isBindingRequest())
        {
            return Outcome.IGNORED;
        }
        final String username = message.username();
        if (username == null || !message.hasIntegrity())
        {
            return refuse(message, 400, "Bad Request");
        }
        if (!username.startsWith(ufrag + ":") || !message.fingerprintMatches() || !message.integrityMatches(mac))
        {
            return refuse(message, 401, "Unauthorized");
        }
        consentUntilNs = nowNs + CONSENT_NS;
        if (peer == null || message.useCandidate() && (!nominated || !peer.equals(source)))
        {
            peer = source;
            nominated |= message.useCandidate();
        }
        response = writer.start(StunMessage.BINDING_SUCCESS, message.transactionId()).xorMappedAddress(source)
            .messageIntegrity(mac).fingerprint().finish();
        return Outcome.ANSWERED;
    }

    private Outcome refuse(final StunMessage message, final int code, final String reason)
    {
        refused++;
        response = writer.start(StunMessage.BINDING_ERROR, message.transactionId()).errorCode(code, reason)
            .fingerprint().finish();
        return Outcome.REFUSED;
    }

    /** The message to send back for the last datagram, or null. */
    public byte[] response()
    {
        return response;
    }

    /** Where the browser is, as its verified checks say (null before the first); media goes only there. */
    public InetSocketAddress peer()
    {
        return peer;
    }

    /** Whether the browser nominated the pair (USE-CANDIDATE): ICE is complete for it (RFC 8445 §8.1.1). */
    public boolean nominated()
    {
        return nominated;
    }

    /** Whether we may send to the browser now: a verified check within the last 30 s (RFC 7675). */
    public boolean hasConsent(final long nowNs)
    {
        return peer != null && nowNs - consentUntilNs < 0;
    }

    /** Whether the browser once had consent and has lost it: no verified check within the last 30 s. */
    public boolean consentExpired(final long nowNs)
    {
        return peer != null && nowNs - consentUntilNs >= 0;
    }

    /** Checks refused so far (wrong credentials, malformed). */
    public long refused()
    {
        return refused;
    }
}
