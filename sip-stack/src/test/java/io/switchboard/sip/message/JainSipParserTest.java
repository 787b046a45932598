package io.switchboard.sip.message;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JainSipParser}'s own checks on top of the RI: RFC 3261 §8.1.1 mandatory headers, §8.1.1.5 CSeq method,
 * §18.3 Content-Length against the body, and bad input answered as {@link Malformed}, never thrown.
 */
class JainSipParserTest
{
    private static final String SDP = "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 192.0.2.1\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.1\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0\r\n";

    private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:bob@example.com>\r\n" +
        "From: <sip:alice@example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@192.0.2.1\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@192.0.2.1>\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: " + SDP.length() + "\r\n" +
        "\r\n" +
        SDP;

    private static final String SPECIALS = "\r\n :;<>\"\\@,=%0";

    private final JainSipParser parser = new JainSipParser();

    @Test
    void shouldParseRequestWithBody()
    {
        final SIPMessage message = parsed(INVITE);
        final SIPRequest request = assertInstanceOf(SIPRequest.class, message);
        assertEquals("INVITE", request.getMethod());
        assertEquals(314159L, request.getCSeq().getSeqNumber());
        assertArrayEquals(bytes(SDP), request.getRawContent());
    }

    @Test
    void shouldParseResponse()
    {
        final String ok = "SIP/2.0 200 OK\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n" +
            "To: <sip:bob@example.com>;tag=a6c85cf\r\n" +
            "From: <sip:alice@example.com>;tag=1928301774\r\n" +
            "Call-ID: a84b4c76e66710@192.0.2.1\r\n" +
            "CSeq: 314159 INVITE\r\n" +
            "Content-Length: 0\r\n\r\n";
        final SIPResponse response = assertInstanceOf(SIPResponse.class, parsed(ok));
        assertEquals(200, response.getStatusCode());
        assertEquals("INVITE", response.getCSeq().getMethod());
    }

    @Test
    void shouldParseFromOffsetAndLengthWithinLargerBuffer()
    {
        final byte[] message = bytes(INVITE);
        final byte[] buffer = new byte[message.length + 20];
        System.arraycopy(message, 0, buffer, 7, message.length);
        final ParseResult result = parser.parse(buffer, 7, message.length);
        assertInstanceOf(ParseResult.Parsed.class, result, result::toString);
    }

    @Test
    void shouldLeaveTheCseqMethodToTheStatelessChecks()
    {
        // StatelessResponder answers it: 501 for an unknown method first (RFC 4475 §3.1.2.18), else 400
        assertInstanceOf(SIPRequest.class, parsed(INVITE.replace("CSeq: 314159 INVITE", "CSeq: 314159 OPTIONS")));
    }

    @Test
    void shouldRefuseASecondValueOfASingleValueHeader()
    {
        assertMalformed("More than one To", INVITE.replace("Max-Forwards: 70\r\n",
            "Max-Forwards: 70\r\nt: <sip:carol@example.com>\r\n"));
        assertMalformed("More than one Call-ID", INVITE.replace("Max-Forwards: 70\r\n",
            "Max-Forwards: 70\r\ni: other@192.0.2.9\r\n"));
    }

    @Test
    void shouldRefuseAnUnquotedDisplayNameWithOtherThanTokens()
    {
        assertMalformed("Malformed From display name", INVITE.replace("From: <sip:alice@example.com>",
            "From: Bell, Alexander <sip:alice@example.com>"));
        assertInstanceOf(SIPRequest.class, parsed(INVITE.replace("From: <sip:alice@example.com>",
            "From: token1~` token2'+_ token3*%!.- <sip:alice@example.com>")), "tokens are fine (RFC 4475 §3.1.1.2)");
        assertInstanceOf(SIPRequest.class, parsed(INVITE.replace("From: <sip:alice@example.com>",
            "From: \"Bell, Alexander\" <sip:alice@example.com>")));
    }

    @Test
    void shouldAnswer505ToAnotherSipVersion()
    {
        final byte[] bytes = bytes(INVITE.replace("bob@example.com SIP/2.0", "bob@example.com SIP/7.0"));
        final ParseResult result = parser.parse(bytes, 0, bytes.length);
        assertEquals(Malformed.VERSION_NOT_SUPPORTED, assertInstanceOf(Malformed.class, result).status());
    }

    @Test
    void shouldDropAnUnreadableDateInsteadOfRefusingTheMessage()
    {
        // RFC 4475 §3.1.2.12: nothing here reads Date
        assertInstanceOf(SIPRequest.class, parsed(INVITE.replace("Max-Forwards: 70\r\n",
            "Max-Forwards: 70\r\nDate: Fri, 01 Jan 2010 16:00:00 EST\r\n")));
    }

    @Test
    void shouldNotCompareCseqMethodOfResponse()
    {
        // a response's CSeq names the request it answers; there is no method in a status line to compare with
        final String ok = "SIP/2.0 486 Busy Here\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n" +
            "To: <sip:bob@example.com>;tag=b\r\n" +
            "From: <sip:alice@example.com>;tag=a\r\n" +
            "Call-ID: c@192.0.2.1\r\n" +
            "CSeq: 2 BYE\r\n" +
            "Content-Length: 0\r\n\r\n";
        assertInstanceOf(SIPResponse.class, parsed(ok));
    }

    @Test
    void shouldRejectContentLengthLargerThanBody()
    {
        assertMalformed("Content-Length larger than body",
            INVITE.replace("Content-Length: " + SDP.length(), "Content-Length: " + (SDP.length() + 1)));
    }

    @Test
    void shouldRejectContentLengthWithNoBodyAtAll()
    {
        final String noBody = INVITE.substring(0, INVITE.indexOf("\r\n\r\n") + 4);
        assertMalformed("Content-Length larger than body", noBody);
    }

    @Test
    void shouldTakeTheRestOfTheDatagramAsBodyWithoutContentLength()
    {
        final SIPMessage message = parsed(INVITE.replace("Content-Length: " + SDP.length() + "\r\n", ""));
        assertArrayEquals(bytes(SDP), message.getRawContent(), "RFC 3261 §18.3: the body ends with the datagram");
        assertEquals(SDP.length(), message.getContentLength().getContentLength());
    }

    @Test
    void shouldTakeTheRestOfTheDatagramAsBodyWithoutCompactContentLengthEither()
    {
        final SIPMessage message = parsed(INVITE.replace("Content-Length: " + SDP.length(), "l: " + SDP.length()));
        assertArrayEquals(bytes(SDP), message.getRawContent());
    }

    @Test
    void shouldTrimBytesBeyondContentLength()
    {
        final SIPMessage message = parsed(INVITE + "garbage after the body\r\n");
        assertArrayEquals(bytes(SDP), message.getRawContent());
        assertEquals(SDP.length(), message.getContentLength().getContentLength());
    }

    @Test
    void shouldTrimBodyToZeroWhenContentLengthIsZero()
    {
        final String options = "OPTIONS sip:bob@example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n" +
            "To: <sip:bob@example.com>\r\n" +
            "From: <sip:alice@example.com>;tag=a\r\n" +
            "Call-ID: c@192.0.2.1\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Content-Length: 0\r\n\r\n" +
            "stray bytes";
        final SIPMessage message = parsed(options);
        final byte[] body = message.getRawContent();
        assertTrue(body == null || body.length == 0, () -> "body of " + body.length + " bytes");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "Via, Missing Via",
        "CSeq, Missing CSeq",
        "Call-ID, Missing Call-ID",
        "From, Missing From",
        "To, Missing To",
    })
    void shouldNameMissingMandatoryHeader(final String name, final String reason)
    {
        final int start = INVITE.indexOf("\r\n" + name + ": ") + 2;
        final int end = INVITE.indexOf("\r\n", start) + 2;
        assertMalformed(reason, INVITE.substring(0, start) + INVITE.substring(end));
    }

    @Test
    void shouldTolerateMissingMaxForwards()
    {
        assertInstanceOf(SIPRequest.class, parsed(INVITE.replace("Max-Forwards: 70\r\n", "")));
    }

    @Test
    void shouldAcceptCompactHeaderForms()
    {
        final String compact = "INVITE sip:bob@example.com SIP/2.0\r\n" +
            "v: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n" +
            "t: <sip:bob@example.com>\r\n" +
            "f: <sip:alice@example.com>;tag=1928301774\r\n" +
            "i: a84b4c76e66710@192.0.2.1\r\n" +
            "CSeq: 314159 INVITE\r\n" +
            "m: <sip:alice@192.0.2.1>\r\n" +
            "k: timer\r\n" +
            "s: compact\r\n" +
            "c: application/sdp\r\n" +
            "l: " + SDP.length() + "\r\n" +
            "\r\n" +
            SDP;
        final SIPRequest request = assertInstanceOf(SIPRequest.class, parsed(compact));
        assertEquals("z9hG4bK776asdhds", request.getTopmostVia().getBranch());
        assertEquals("1928301774", request.getFrom().getTag());
        assertEquals("a84b4c76e66710@192.0.2.1", request.getCallId().getCallId());
        assertNotNull(request.getTo());
        assertEquals("application", request.getContentTypeHeader().getContentType());
        assertEquals(SDP.length(), request.getContentLength().getContentLength());
        assertArrayEquals(bytes(SDP), request.getRawContent());
    }

    @Test
    void shouldNameHeaderTheRiCannotParse()
    {
        assertMalformed("Malformed CSeq", INVITE.replace("CSeq: 314159 INVITE", "CSeq: lots INVITE"));
        assertMalformed("Malformed Max-Forwards", INVITE.replace("Max-Forwards: 70", "Max-Forwards: seventy"));
    }

    @Test
    void shouldRejectBadRequestLine()
    {
        assertMalformed("Malformed Request-Line", INVITE.replace("SIP/2.0\r\nVia", "HTTP/1.1\r\nVia"));
    }

    @Test
    void shouldRejectBadStatusLine()
    {
        final String ok = "SIP/2.0 OK 200\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n" +
            "To: <sip:bob@example.com>;tag=b\r\n" +
            "From: <sip:alice@example.com>;tag=a\r\n" +
            "Call-ID: c@192.0.2.1\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Content-Length: 0\r\n\r\n";
        assertMalformed("Malformed Status-Line", ok);
    }

    @Test
    void shouldTakeBodyAfterBareLfHeadersAndLeadingCrlf()
    {
        final String headers = INVITE.substring(0, INVITE.indexOf("\r\n\r\n") + 4).replace("\r\n", "\n");
        final SIPMessage message = parsed("\r\n" + headers + SDP + "trailing");
        assertArrayEquals(bytes(SDP), message.getRawContent());
    }

    @Test
    void shouldAnswerMalformedForEmptyInput()
    {
        assertInstanceOf(Malformed.class, parser.parse(new byte[0], 0, 0));
        assertInstanceOf(Malformed.class, parser.parse(bytes("\r\n\r\n"), 0, 4));
    }

    @Test
    void shouldNeverThrowOnRandomOrMutatedInput()
    {
        final byte[] valid = bytes(INVITE);
        final SplittableRandom random = new SplittableRandom(4475);
        int parsed = 0;
        for (int i = 0; i < 2000; i++)
        {
            final byte[] input = i % 4 == 0 ? randomBytes(random) : mutated(valid, random);
            final ParseResult result;
            try
            {
                result = parser.parse(input, 0, input.length);
            }
            catch (final Throwable t)
            {
                throw new AssertionError("input " + i + " threw: " +
                    new String(input, StandardCharsets.ISO_8859_1), t);
            }
            assertNotNull(result, "input " + i);
            if (result instanceof ParseResult.Parsed)
            {
                parsed++;
            }
            else
            {
                final Malformed malformed = (Malformed)result;
                assertTrue(malformed.reason().indexOf('\r') < 0 && malformed.reason().indexOf('\n') < 0,
                    malformed.reason());
            }
        }
        // the mutations are small, so some inputs must still parse: guards against a parser rejecting everything
        assertTrue(parsed > 0, "no input parsed");
    }

    private static byte[] randomBytes(final SplittableRandom random)
    {
        final byte[] bytes = new byte[random.nextInt(0, 400)];
        for (int i = 0; i < bytes.length; i++)
        {
            // mostly printable with some CR/LF, colons and controls, to get past the start line sometimes
            final int r = random.nextInt(0, 20);
            bytes[i] = (byte)(r == 0 ? '\r' : r == 1 ? '\n' : r == 2 ? ':' : r == 3 ?
                random.nextInt(0, 256) : random.nextInt(0x20, 0x7f));
        }
        return bytes;
    }

    private static byte[] mutated(final byte[] valid, final SplittableRandom random)
    {
        final byte[] bytes = random.nextInt(0, 5) == 0 ?
            Arrays.copyOf(valid, random.nextInt(0, valid.length)) : valid.clone();
        final int mutations = random.nextInt(1, 6);
        for (int m = 0; m < mutations && bytes.length > 0; m++)
        {
            final int at = random.nextInt(0, bytes.length);
            switch (random.nextInt(0, 4))
            {
                case 0 -> bytes[at] = (byte)random.nextInt(0, 256);
                case 1 -> bytes[at] = (byte)SPECIALS.charAt(random.nextInt(0, SPECIALS.length()));
                case 2 -> bytes[at] = (byte)(bytes[at] ^ (1 << random.nextInt(0, 8)));
                default -> bytes[at] = '9';
            }
        }
        return bytes;
    }

    private SIPMessage parsed(final String text)
    {
        final byte[] bytes = bytes(text);
        final ParseResult result = parser.parse(bytes, 0, bytes.length);
        return assertInstanceOf(ParseResult.Parsed.class, result, result::toString).message();
    }

    private void assertMalformed(final String reason, final String text)
    {
        final byte[] bytes = bytes(text);
        final ParseResult result = parser.parse(bytes, 0, bytes.length);
        final Malformed malformed = assertInstanceOf(Malformed.class, result, result::toString);
        assertEquals(reason, malformed.reason());
        assertArrayEquals(bytes, malformed.bytes());
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
