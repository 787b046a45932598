package io.switchboard.core.push;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which endpoints and keys a browser may give, and how the subscriptions are held and kept. */
class PushSubscriptionsTest
{
    private static final String P256DH =
        "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";

    @TempDir
    Path dir;

    @Test
    void shouldTakeOnlyHttpsEndpointsAndLoopbackHttpWhenAllowed()
    {
        assertEquals("fcm.googleapis.com", sub("https://fcm.googleapis.com/fcm/send/abc", false).endpoint().getHost());
        for (final String refused : List.of("http://push.example.com/x", "http://10.0.0.5/x", "ftp://x/y",
            "file:///etc/passwd", "https://user:pw@push.example.com/x", "/relative", "https:///nohost", ""))
        {
            assertThrows(IllegalArgumentException.class, () -> sub(refused, true), refused);
        }
        assertThrows(IllegalArgumentException.class, () -> sub("http://127.0.0.1:9000/p", false));
        assertEquals(9000, sub("http://127.0.0.1:9000/p", true).endpoint().getPort());
        assertEquals("[::1]", sub("http://[::1]:9000/p", true).endpoint().getHost());
        assertThrows(IllegalArgumentException.class, () -> sub("https://x/" + "a".repeat(2100), false));
    }

    @Test
    void shouldRefuseKeysThatAreNotAPointAndASixteenByteSecret()
    {
        final String endpoint = "https://push.example.com/x";
        assertThrows(IllegalArgumentException.class, () -> PushSubscription.of("A1", endpoint, "not base64!", AUTH,
            false, 0));
        assertThrows(IllegalArgumentException.class, () -> PushSubscription.of("A1", endpoint,
            P256DH.substring(0, 40), AUTH, false, 0));
        assertThrows(IllegalArgumentException.class, () -> PushSubscription.of("A1", endpoint, P256DH, "AAAA", false,
            0));
        assertThrows(IllegalArgumentException.class, () -> PushSubscription.of("A1", endpoint, null, AUTH, false, 0));
    }

    @Test
    void shouldKeepFiveAnAgentOneAgentAnEndpointAndSurviveAReload() throws Exception
    {
        final Path push = dir.resolve("push");
        try (PushSubscriptions subscriptions = PushSubscriptions.load(push, false))
        {
            for (int i = 1; i <= 6; i++)
            {
                subscriptions.add(sub("https://push.example.com/" + i, false)).get();
            }
            assertEquals(5, subscriptions.of("A1").size(), "the oldest went");
            assertEquals("/2", subscriptions.of("A1").get(0).endpoint().getPath());
            subscriptions.add(PushSubscription.of("A2", "https://push.example.com/3", P256DH, AUTH, false, 9)).get();
            assertEquals(4, subscriptions.of("A1").size(), "the endpoint moved to A2");
            assertNull(subscriptions.remove("A1", URI.create("https://push.example.com/3")), "not A1's");
            subscriptions.remove("A2", URI.create("https://push.example.com/3")).get();
            subscriptions.gone(URI.create("https://push.example.com/4"));
            subscriptions.add(sub("https://push.example.com/7", false)).get();
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
            push.resolve(PushSubscriptions.FILE))));
        final PushSubscriptions reloaded = PushSubscriptions.load(push, false);
        assertEquals(List.of("/2", "/5", "/6", "/7"), reloaded.of("A1").stream().map(s -> s.endpoint().getPath())
            .toList());
        assertEquals(16, reloaded.of("A1").get(0).auth().length);
    }

    private static PushSubscription sub(final String endpoint, final boolean loopbackHttp)
    {
        return PushSubscription.of("A1", endpoint, P256DH, AUTH, loopbackHttp, 1);
    }
}
