package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chat.store.AppChannel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed user ids of an app channel (spec §1): the company's own server vouches for its user with a token, the
 * app hands the token to the chat instead of an anonymous visitor id. A token is {@code base64url(payload) "."
 * base64url(HMAC-SHA256(secret, base64url(payload)))}: the payload is the JSON {@code {"ch","uid","name","exp"}}
 * (channel, user id, optional nickname, expiry in epoch seconds), base64url without padding, and the MAC is over
 * the payload's base64url text, keyed by the channel's secret as UTF-8 bytes (what {@code openssl dgst -sha256
 * -hmac "$SECRET"} does). Checked in this order, so that nothing is read from a payload that is not signed: its
 * shape, the signature (compared in constant time), the channel, the expiry, the user id. Every refusal is a
 * {@link Refused} with a code and a message that never depend on whether the user exists (no user is looked up).
 */
public final class AppTokens
{
    /** The longest token taken, in characters. */
    public static final int MAX_TOKEN = 2048;
    /** The longest user id. */
    public static final int MAX_USER_ID = 128;
    /** The longest nickname. */
    public static final int MAX_NAME = 64;
    /** A token may be valid at most this far ahead: a leaked token must not work for ever. */
    public static final long MAX_LIFETIME_SECONDS = 30L * 24 * 3600;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE64URL = "[A-Za-z0-9_-]+";
    private static final String HMAC = "HmacSHA256";

    /** The user a valid token names: its user id and nickname (or null). */
    public record User(String userId, String name)
    {
    }

    /** A token refused: {@code invalid_token} (format, signature, channel, user id) or {@code token_expired}. */
    public static final class Refused extends RuntimeException
    {
        private static final long serialVersionUID = 1L;
        private final String code;

        Refused(final String code, final String message)
        {
            super(message, null, false, false);
            this.code = code;
        }

        public String code()
        {
            return code;
        }
    }

    private AppTokens()
    {
    }

    /** A new channel secret: 32 random bytes, base64url (43 characters). */
    public static String newSecret()
    {
        final byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The user of a token valid for {@code channel} at {@code nowMillis}; {@link Refused} otherwise. */
    public static User verify(final AppChannel channel, final String token, final long nowMillis)
    {
        final int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || token.length() > MAX_TOKEN || token.indexOf('.', dot + 1) >= 0
            || !token.substring(0, dot).matches(BASE64URL) || !token.substring(dot + 1).matches(BASE64URL))
        {
            throw invalid();
        }
        final String payload = token.substring(0, dot);
        final byte[] signature;
        try
        {
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        }
        catch (final IllegalArgumentException ex)
        {
            throw invalid();
        }
        if (!MessageDigest.isEqual(mac(channel.secret(), payload), signature))
        {
            throw invalid();
        }
        final JsonNode claims;
        try
        {
            claims = JSON.readTree(Base64.getUrlDecoder().decode(payload));
        }
        catch (final Exception ex)
        {
            throw invalid();
        }
        if (claims == null || !claims.isObject() || !channel.name().equals(claims.path("ch").asText(null))
            || !claims.path("exp").canConvertToLong())
        {
            throw invalid();
        }
        final long expiry = claims.get("exp").asLong();
        if (expiry * 1000 <= nowMillis)
        {
            throw new Refused("token_expired", "the token has expired: ask your server for a new one");
        }
        if (expiry - nowMillis / 1000 > MAX_LIFETIME_SECONDS)
        {
            throw new Refused("invalid_token", "a token is valid for at most " + MAX_LIFETIME_SECONDS / 86400
                + " days");
        }
        final String userId = claims.path("uid").asText("");
        if (!claims.path("uid").isTextual() || userId.isEmpty() || userId.length() > MAX_USER_ID
            || userId.chars().anyMatch(Character::isISOControl))
        {
            throw invalid();
        }
        final String name = claims.path("name").isTextual() ? claims.get("name").asText() : null;
        return new User(userId, name == null || name.isBlank() ? null
            : name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name);
    }

    /** A token for user {@code userId} of the channel, valid until {@code expirySeconds} (what the company signs). */
    public static String sign(final String channel, final String secret, final String userId, final String name,
        final long expirySeconds)
    {
        final Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("ch", channel);
        claims.put("uid", userId);
        if (name != null)
        {
            claims.put("name", name);
        }
        claims.put("exp", expirySeconds);
        try
        {
            final String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                JSON.writeValueAsBytes(claims));
            return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(secret, payload));
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
        {
            throw new IllegalArgumentException(ex);
        }
    }

    private static byte[] mac(final String secret, final String payload)
    {
        try
        {
            final Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
        }
    }

    private static Refused invalid()
    {
        return new Refused("invalid_token", "the token is not valid for this channel");
    }
}
