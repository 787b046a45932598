package io.switchboard.sip.message;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BadRequestResponderTest
{
    private final BadRequestResponder responder = new BadRequestResponder();

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final String REQUEST = "INVITE sip:bob@example.com SIP/2.0\r\n" +
        "v: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK2\r\n" +
        "f: <sip:alice@example.com>;tag=a\r\n" +
        "To:\r\n <sip:bob@example.com>\r\n" +
        "i: abc@192.0.2.1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Content-Length: 0\r\n\r\n";

    @Test
    void shouldCopyHeadersFromCompactAndFoldedForms()
    {
        final String answer = responder.respond(bytes(REQUEST), "Malformed CSeq");
        final String[] lines = answer.split("\r\n");
        assertEquals("SIP/2.0 400 Bad Request (Malformed CSeq)", lines[0]);
        assertEquals("Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1", lines[1]);
        assertEquals("Via: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK2", lines[2]);
        assertEquals("From: <sip:alice@example.com>;tag=a", lines[3]);
        assertTrue(lines[4].startsWith("To: <sip:bob@example.com>;tag="), lines[4]);
        assertEquals("Call-ID: abc@192.0.2.1", lines[5]);
        assertEquals("CSeq: 1 INVITE", lines[6]);
        assertEquals("Content-Length: 0", lines[7]);
        assertTrue(answer.endsWith("\r\n\r\n"));
    }

    @Test
    void shouldKeepExistingToTag()
    {
        final String answer = responder.respond(bytes(REQUEST.replace("<sip:bob@example.com>",
            "<sip:bob@example.com> ; tag=xyz")), null);
        assertTrue(answer.startsWith("SIP/2.0 400 Bad Request\r\n"), answer);
        assertTrue(answer.contains("To: <sip:bob@example.com> ; tag=xyz\r\n"), answer);
    }

    @Test
    void shouldAnswerNullWithoutViaOrCseq()
    {
        assertNull(responder.respond(bytes(REQUEST.replace("CSeq: 1 INVITE\r\n", "")), "x"));
        assertNull(responder.respond(bytes(REQUEST.replaceAll("(v|Via): [^\r]*\r\n", "")), "x"));
    }

    /** Found by SipParserFuzzTest (issue 19): a bare CR in a copied value would put a header of its own in our 400. */
    @Test
    void shouldNeverCopyAValueWithABareCr()
    {
        final String toWithCr = responder.respond(bytes(REQUEST.replace("<sip:bob@example.com>",
            "<sip:bob@example.com>\rEvil: 1")), "x");
        assertFalse(toWithCr.contains("\r\nTo:") || toWithCr.contains("Evil"), toWithCr);
        assertTrue(toWithCr.contains("CSeq: 1 INVITE\r\n"), toWithCr);
        assertNull(responder.respond(bytes(REQUEST.replace("CSeq: 1 INVITE", "CSeq: 1 INVITE\rEvil: 1")), "x"));
        assertNull(responder.respond(bytes(REQUEST.replace("branch=z9hG4bK2", "branch=z9hG4bK" + '\0' + "2")), "x"));
    }

    /** RFC 4475 §3.3.1: "ideally ... 400"; the client matches it by Via branch and CSeq, which it has. */
    @Test
    void shouldAnswerWithoutTheCallIdFromAndToItLacks()
    {
        final String answer = responder.respond(bytes(REQUEST.replace("i: abc@192.0.2.1\r\n", "")
            .replace("f: <sip:alice@example.com>;tag=a\r\n", "")), "Missing Call-ID, From");
        assertTrue(answer.startsWith("SIP/2.0 400 Bad Request (Missing Call-ID, From)\r\n"), answer);
        assertFalse(answer.contains("\r\nCall-ID:"), answer);
        assertFalse(answer.contains("\r\nFrom:"), answer);
        assertTrue(answer.contains("CSeq: 1 INVITE\r\n") && answer.contains("To: "), answer);
    }

    @Test
    void shouldNeverAnswerResponseOrAck()
    {
        assertNull(responder.respond(bytes(REQUEST.replace("INVITE sip:bob@example.com SIP/2.0", "SIP/2.0 200 OK")),
            "x"));
        assertNull(responder.respond(bytes(REQUEST.replace("INVITE sip:", "ACK sip:")), "x"));
    }

    @Test
    void shouldStripControlCharactersFromReason()
    {
        final String answer = responder.respond(bytes(REQUEST), "bad\r\nInjected: header");
        assertTrue(answer.startsWith("SIP/2.0 400 Bad Request (bad  Injected: header)\r\nVia:"), answer);
    }

    @Test
    void shouldHandleBareLfAndLeadingCrlf()
    {
        final String answer = responder.respond(bytes("\r\n" + REQUEST.replace("\r\n", "\n")), "x");
        assertTrue(answer.contains("Call-ID: abc@192.0.2.1\r\n"), answer);
    }

    @Test
    void shouldAnswerNullForGarbage()
    {
        assertNull(responder.respond(new byte[] {0, 1, 2, 3, '\n', '\n'}, "x"));
        assertNull(responder.respond(new byte[0], "x"));
    }
}
