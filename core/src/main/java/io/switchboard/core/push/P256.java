package io.switchboard.core.push;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;

/**
 * The NIST P-256 curve (secp256r1) as Web Push writes its keys: a public key as the 65-byte uncompressed point
 * ({@code 0x04 || X || Y}, SEC 1 §2.3.3, what a browser's {@code p256dh} and {@code applicationServerKey} are), and
 * base64url without padding (RFC 4648 §5) for every byte string. JDK crypto only.
 */
public final class P256
{
    /** The uncompressed point's length: the tag and two 32-byte coordinates. */
    public static final int POINT_BYTES = 65;
    private static final int COORDINATE = 32;
    private static final ECParameterSpec CURVE = curve();

    private P256()
    {
    }

    /** A fresh key pair. */
    public static KeyPair generate() throws GeneralSecurityException
    {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** The public key as its uncompressed point. */
    public static byte[] point(final ECPublicKey key)
    {
        final byte[] point = new byte[POINT_BYTES];
        point[0] = 0x04;
        unsigned(key.getW().getAffineX(), point, 1);
        unsigned(key.getW().getAffineY(), point, 1 + COORDINATE);
        return point;
    }

    /** The public key of an uncompressed point; throws when it is not one, or not on the curve. */
    public static ECPublicKey publicKey(final byte[] point) throws GeneralSecurityException
    {
        if (point.length != POINT_BYTES || point[0] != 0x04)
        {
            throw new GeneralSecurityException("not an uncompressed P-256 point");
        }
        final BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(point, 1, 1 + COORDINATE));
        final BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(point, 1 + COORDINATE, POINT_BYTES));
        final BigInteger p = ((java.security.spec.ECFieldFp)CURVE.getCurve().getField()).getP();
        // y^2 = x^3 + ax + b (mod p): KeyFactory does not check, and ECDH with a point off the curve leaks the key
        final BigInteger left = y.modPow(BigInteger.TWO, p);
        final BigInteger right = x.modPow(BigInteger.valueOf(3), p).add(CURVE.getCurve().getA().multiply(x))
            .add(CURVE.getCurve().getB()).mod(p);
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0 || !left.equals(right))
        {
            throw new GeneralSecurityException("the point is not on P-256");
        }
        return (ECPublicKey)KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), CURVE));
    }

    /** The private key of its 32-byte scalar (test vectors give keys so). */
    public static ECPrivateKey privateKey(final byte[] scalar) throws GeneralSecurityException
    {
        return (ECPrivateKey)KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(
            new BigInteger(1, scalar), CURVE));
    }

    public static String base64Url(final byte[] bytes)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Base64url with or without padding; throws {@link IllegalArgumentException} for other characters. */
    public static byte[] fromBase64Url(final String text)
    {
        return Base64.getUrlDecoder().decode(text);
    }

    private static void unsigned(final BigInteger value, final byte[] into, final int offset)
    {
        final byte[] bytes = value.toByteArray();
        final int length = Math.min(bytes.length, COORDINATE);
        System.arraycopy(bytes, bytes.length - length, into, offset + COORDINATE - length, length);
    }

    private static ECParameterSpec curve()
    {
        try
        {
            final AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK has no P-256", ex);
        }
    }
}
