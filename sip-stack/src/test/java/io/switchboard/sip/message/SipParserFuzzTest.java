package io.switchboard.sip.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import gov.nist.javax.sip.message.SIPMessage;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets for the SIP parser (issue 19): whatever the bytes, {@link JainSipParser} answers a message that has
 * RFC 3261 §8.1.1's mandatory headers or {@link Malformed} with a one-line reason, never an exception; the 400 that
 * {@link BadRequestResponder} builds from a malformed message is one well-formed status line and a header block.
 *
 * <p>In the normal build jazzer-junit replays the seed corpus in {@code SipParserFuzzTestInputs/<method>/} (RFC 4475
 * torture messages and hand-written cases) and each committed crash; with {@code JAZZER_FUZZ=1} it fuzzes (README,
 * "Fuzzing").
 */
class SipParserFuzzTest
{
    private static final SipParser PARSER = new JainSipParser();
    private static final BadRequestResponder RESPONDER = new BadRequestResponder();

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void parseAnswersMessageOrMalformed(final byte[] input)
    {
        final ParseResult result = PARSER.parse(input, 0, input.length);
        assertNotNull(result);
        if (result instanceof ParseResult.Parsed parsed)
        {
            final SIPMessage message = parsed.message();
            assertNotNull(message.getTopmostVia());
            assertNotNull(message.getCSeq());
            assertNotNull(message.getCallId());
            assertNotNull(message.getFrom());
            assertNotNull(message.getTo());
            final byte[] body = message.getRawContent();
            assertTrue(body == null || body.length <= input.length);
            return;
        }
        final Malformed malformed = (Malformed)result;
        assertNotNull(malformed.reason());
        assertFalse(malformed.reason().indexOf('\r') >= 0 || malformed.reason().indexOf('\n') >= 0,
            malformed.reason());
        assertTrue(malformed.status() == 400 || malformed.status() == Malformed.VERSION_NOT_SUPPORTED);
        malformed.isRequest();
        checkAnswer(malformed, RESPONDER.respondBytes(malformed));
    }

    /** A 400 (or 505) is a status line, header lines and the blank line: nothing of the request breaks its frame. */
    private static void checkAnswer(final Malformed malformed, final byte[] answer)
    {
        if (answer == null)
        {
            return;
        }
        final String text = new String(answer, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("SIP/2.0 " + malformed.status() + " "), text);
        assertTrue(text.endsWith("\r\n\r\n"), text);
        final String head = text.substring(0, text.length() - 4);
        assertFalse(head.contains("\r\n\r\n"), text);
        for (final String line : head.split("\r\n", -1))
        {
            assertFalse(line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0, text);
        }
    }
}
