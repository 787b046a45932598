package io.switchboard.core.chat;

import io.switchboard.chat.store.AppChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** App users' tokens against a fixed clock: the format, the signature, the channel, the expiry, the user id. */
class AppTokensTest
{
    private static final long NOW = 1_733_590_000_000L;
    private static final String SECRET = "0123456789abcdef0123456789abcdef0123456789a";
    private static final AppChannel APP = new AppChannel("app", "website", SECRET);

    @Test
    void shouldTakeATokenSignedWithTheChannelsSecretUntilItExpires()
    {
        final String token = AppTokens.sign("app", SECRET, "U123", "Ann", NOW / 1000 + 60);
        final AppTokens.User user = AppTokens.verify(APP, token, NOW);
        assertEquals("U123", user.userId());
        assertEquals("Ann", user.name());
        assertEquals("app:app:U123", APP.visitorId(user.userId()));
        assertEquals("U123", AppChannel.userIdOf("app:app:U123"));
        assertNull(AppChannel.userIdOf("visitor-0123456789abcdef"));
        assertEquals("token_expired", refused(token, NOW + 60_000));
    }

    @Test
    void shouldRefuseAnythingNotSignedByTheChannelAlike()
    {
        final String token = AppTokens.sign("app", SECRET, "U123", null, NOW / 1000 + 60);
        final String payload = token.substring(0, token.indexOf('.'));
        assertEquals("invalid_token", refused(AppTokens.sign("app", SECRET + "x", "U123", null, NOW / 1000 + 60),
            NOW), "another secret");
        assertEquals("invalid_token", refused(AppTokens.sign("other", SECRET, "U123", null, NOW / 1000 + 60), NOW),
            "another channel's");
        final String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
            "{\"ch\":\"app\",\"uid\":\"U999\",\"exp\":99999999999}".getBytes(StandardCharsets.UTF_8));
        assertEquals("invalid_token", refused(forged + token.substring(token.indexOf('.')), NOW), "a changed payload");
        assertEquals("invalid_token", refused(AppTokens.sign("app", "forged", "U123", null, NOW / 1000 - 1), NOW),
            "the signature first: an expired forgery says nothing of its expiry");
        for (final String bad : new String[] {null, "", ".", payload, payload + ".", payload + ".!!", token + ".x",
            "x".repeat(AppTokens.MAX_TOKEN) + ".x"})
        {
            assertEquals("invalid_token", refused(bad, NOW), String.valueOf(bad));
        }
        assertEquals("invalid_token", refused(AppTokens.sign("app", SECRET, "", null, NOW / 1000 + 60), NOW));
        assertEquals("invalid_token", refused(AppTokens.sign("app", SECRET, "U1", null,
            NOW / 1000 + AppTokens.MAX_LIFETIME_SECONDS + 60), NOW), "valid for too long");
    }

    private static String refused(final String token, final long now)
    {
        return assertThrows(AppTokens.Refused.class, () -> AppTokens.verify(APP, token, now)).code();
    }
}
