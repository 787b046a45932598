package io.switchboard.core.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a scanner sees (issue 12): for every method, with the user in From, To or the Request-URI, the server's answer
 * to an unauthenticated request is the same for the tenant's extensions and for users that do not exist (status,
 * headers and their order, body), apart from tags, branch, Call-ID and nonce; and it takes as long. Wrong
 * credentials are answered alike for both, and guessing is throttled alike. Over real UDP, each part of the test
 * from its own loopback source address so that one part's throttling does not touch another.
 */
@Timeout(120)
class ExtensionEnumerationSystemTest extends ServerSystemTest
{
    private static final List<String> EXTENSIONS = List.of("1001", "1013", "1020");
    private static final List<String> STRANGERS = List.of("1021", "4999", "alice");
    private static final List<String> METHODS =
        List.of("REGISTER", "INVITE", "OPTIONS", "SUBSCRIBE", "MESSAGE", "REFER", "PUBLISH", "FROBNICATE");
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
    private static final Pattern REALM = Pattern.compile("realm=\"([^\"]+)\"");

    enum Where
    {
        FROM, TO, REQUEST_URI
    }

    static Stream<Arguments> methodsAndPlaces()
    {
        final List<Arguments> all = new ArrayList<>();
        for (final String method : METHODS)
        {
            for (final Where where : Where.values())
            {
                all.add(Arguments.of(method, where));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, user in {1}")
    @MethodSource("methodsAndPlaces")
    void shouldAnswerAnUnknownUserExactlyAsAnExtension(final String method, final Where where) throws Exception
    {
        try (SipProbe probe = new SipProbe("127.0.0.4", server.sipUdpPort()))
        {
            final String reference = normalised(probe, method, where, EXTENSIONS.get(0), null);
            for (final String user : concat(EXTENSIONS, STRANGERS))
            {
                assertEquals(reference, normalised(probe, method, where, user, null),
                    method + " with " + user + " in " + where + " is told apart from " + EXTENSIONS.get(0));
            }
        }
    }

    @ParameterizedTest(name = "{0} with wrong credentials")
    @MethodSource("challengedMethods")
    void shouldAnswerWrongCredentialsOfAnUnknownUserAsThoseOfAnExtension(final String method) throws Exception
    {
        try (SipProbe probe = new SipProbe("127.0.0.7", server.sipUdpPort()))
        {
            final Challenge nonce = nonce(probe, method);
            final String reference = normalised(probe, method, Where.FROM, EXTENSIONS.get(0), nonce);
            assertTrue(reference.startsWith(method.equals("REGISTER") ? "SIP/2.0 401" : "SIP/2.0 407"), reference);
            for (final String user : List.of(EXTENSIONS.get(1), STRANGERS.get(0), STRANGERS.get(2)))
            {
                assertEquals(reference, normalised(probe, method, Where.FROM, user, nonce), method + " " + user);
            }
        }
    }

    static Stream<String> challengedMethods()
    {
        return Stream.of("REGISTER", "INVITE");
    }

    /**
     * The time to answer does not tell either: medians of interleaved rounds within 2 ms of each other. A leak (a
     * password hash or a store lookup for one side only) is systematic and shows in every measurement; a machine
     * busy with other work shifts single ones, so a measurement is repeated, up to three times, before it fails.
     */
    @ParameterizedTest(name = "{0} takes as long")
    @MethodSource("challengedMethods")
    void shouldTakeAsLongToAnswerAnUnknownUser(final String method) throws Exception
    {
        final int attempts = 3;
        String worse = null;
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            worse = timingDifference(method, attempt);
            if (worse == null)
            {
                return;
            }
        }
        throw new AssertionError(worse + " in each of " + attempts + " measurements");
    }

    /** One measurement: null when both comparisons are within 2 ms, else what differed. */
    private static String timingDifference(final String method, final int attempt) throws Exception
    {
        final int rounds = 25;
        final long[] known = new long[rounds];
        final long[] unknown = new long[rounds];
        final long[] knownWrong = new long[rounds];
        final long[] unknownWrong = new long[rounds];
        Challenge nonce = null;
        for (int round = -5; round < rounds; round++) // five rounds to warm up
        {
            // a source address of its own per round: two wrong answers each, far from the throttle's limit
            try (SipProbe probe = new SipProbe("127.0." + (attempt + 1) + "." + (round + 10), server.sipUdpPort()))
            {
                nonce = nonce == null ? nonce(probe, method) : nonce;
                final long a = exchange(probe, method, Where.FROM, EXTENSIONS.get(1), null).finalNanos();
                final long b = exchange(probe, method, Where.FROM, STRANGERS.get(1), null).finalNanos();
                final long c = exchange(probe, method, Where.FROM, EXTENSIONS.get(1), nonce).finalNanos();
                final long d = exchange(probe, method, Where.FROM, STRANGERS.get(1), nonce).finalNanos();
                if (round >= 0)
                {
                    known[round] = a;
                    unknown[round] = b;
                    knownWrong[round] = c;
                    unknownWrong[round] = d;
                }
            }
        }
        final String plain = differenceOver2ms(known, unknown, method + " without credentials");
        return plain != null ? plain : differenceOver2ms(knownWrong, unknownWrong, method + " with wrong credentials");
    }

    /** Guessing stays throttled: ten wrong answers are challenged again, then the source is refused, whoever. */
    @Test
    void shouldThrottleGuessingForUnknownUsersAsForExtensions() throws Exception
    {
        assertEquals(guesses("127.0.0.5", EXTENSIONS.get(2)), guesses("127.0.0.6", STRANGERS.get(1)));
        final List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++)
        {
            expected.add(i < 10 ? 407 : 403);
        }
        assertEquals(expected, guesses("127.0.0.8", STRANGERS.get(2)));
    }

    private static List<Integer> guesses(final String source, final String user) throws Exception
    {
        final List<Integer> statuses = new ArrayList<>();
        try (SipProbe probe = new SipProbe(source, server.sipUdpPort()))
        {
            final Challenge nonce = nonce(probe, "INVITE");
            for (int i = 0; i < 12; i++)
            {
                statuses.add(exchange(probe, "INVITE", Where.FROM, user, nonce).status());
            }
        }
        return statuses;
    }

    private static String differenceOver2ms(final long[] a, final long[] b, final String what)
    {
        final long difference = Math.abs(median(a) - median(b));
        return difference < 2_000_000L ? null : what + ": medians differ by " + difference / 1000 + " µs";
    }

    private static long median(final long[] values)
    {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** A nonce and realm of ours, from a challenge. */
    record Challenge(String nonce, String realm)
    {
    }

    private static Challenge nonce(final SipProbe probe, final String method) throws Exception
    {
        final String challenge = exchange(probe, method, Where.FROM, EXTENSIONS.get(0), null).last();
        final Matcher nonce = NONCE.matcher(challenge);
        final Matcher realm = REALM.matcher(challenge);
        assertTrue(nonce.find() && realm.find(), challenge);
        return new Challenge(nonce.group(1), realm.group(1));
    }

    private static String normalised(final SipProbe probe, final String method, final Where where, final String user,
        final Challenge nonce) throws Exception
    {
        final SipProbe.Exchange exchange = exchange(probe, method, where, user, nonce);
        final StringBuilder all = new StringBuilder();
        for (final String response : exchange.responses())
        {
            all.append(response.replace("sip:" + user + "@", "sip:USER@")
                .replaceAll("tag=[^;>\\s,]+", "tag=*")
                .replaceAll("branch=[^;\\s,]+", "branch=*")
                .replaceAll("nonce=\"[^\"]*\"", "nonce=\"*\"")
                .replaceAll("(?mi)^(Call-ID|i)\\s*:.*$", "Call-ID: *"));
        }
        return all.toString();
    }

    private static SipProbe.Exchange exchange(final SipProbe probe, final String method, final Where where,
        final String user, final Challenge nonce) throws Exception
    {
        return probe.send(request(probe, method, where, user, nonce));
    }

    /** The request with {@code user} in one place and extension 1002 in the others; wrong credentials if a nonce. */
    private static String request(final SipProbe probe, final String method, final Where where, final String user,
        final Challenge nonce) throws Exception
    {
        final String domain = "demo.switchboard";
        final String host = "127.0.0.1:" + server.sipUdpPort();
        final String ruri = where == Where.REQUEST_URI ? "sip:" + user + "@" + host
            : method.equals("REGISTER") ? "sip:" + host : "sip:1002@" + host;
        final String from = where == Where.FROM ? user : "1002";
        final String to = method.equals("REGISTER") ? from : where == Where.TO ? user : "1002";
        final String me = probe.localHost() + ":" + probe.localPort();
        final String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
        final StringBuilder r = new StringBuilder()
            .append(method).append(' ').append(ruri).append(" SIP/2.0\r\n")
            .append("Via: SIP/2.0/UDP ").append(me).append(";branch=z9hG4bK").append(id).append(";rport\r\n")
            .append("Max-Forwards: 70\r\n")
            .append("From: <sip:").append(from).append('@').append(domain).append(">;tag=").append(id).append("\r\n")
            .append("To: <sip:").append(to).append('@').append(domain).append(">\r\n")
            .append("Call-ID: ").append(id).append("@scan\r\n")
            .append("CSeq: 1 ").append(method).append("\r\n")
            .append("Contact: <sip:").append(from).append('@').append(me).append(">\r\n")
            .append("User-Agent: friendly-scanner\r\n");
        switch (method)
        {
            case "REGISTER" -> r.append("Expires: 60\r\n");
            case "SUBSCRIBE" -> r.append("Event: presence\r\nExpires: 600\r\n");
            case "PUBLISH" -> r.append("Event: presence\r\n");
            case "REFER" -> r.append("Refer-To: <sip:1003@").append(domain).append(">\r\n");
            default -> { }
        }
        if (nonce != null)
        {
            r.append(method.equals("REGISTER") ? "Authorization" : "Proxy-Authorization").append(": ")
                .append(wrongDigest(method, from, nonce.realm(), ruri, nonce.nonce())).append("\r\n");
        }
        final String body = method.equals("MESSAGE") ? "are you there?" : "";
        if (!body.isEmpty())
        {
            r.append("Content-Type: text/plain\r\n");
        }
        r.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n")
            .append(body);
        return r.toString();
    }

    /** A well-formed digest (RFC 2617, MD5, qop=auth) computed with a password that is not the user's. */
    private static String wrongDigest(final String method, final String user, final String realm, final String uri,
        final String nonce) throws Exception
    {
        final String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
        final String ha1 = md5(user + ":" + realm + ":not-the-password");
        final String ha2 = md5(method + ":" + uri);
        final String response = md5(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\",realm=\"" + realm + "\",nonce=\"" + nonce + "\",uri=\"" + uri
            + "\",response=\"" + response + "\",algorithm=MD5,qop=auth,nc=00000001,cnonce=\"" + cnonce + "\"";
    }

    private static String md5(final String text) throws Exception
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> concat(final List<String> a, final List<String> b)
    {
        final List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
