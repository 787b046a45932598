package io.switchboard.sip.auth;

import io.switchboard.sip.message.SipFactories;
import org.junit.jupiter.api.Test;

import javax.sip.address.URI;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestUriTest
{
    @Test
    void shouldMatchSameUriAndTrivialDifferences() throws Exception
    {
        final URI request = SipFactories.ADDRESSES.createURI("sip:200@sb.example;transport=tcp");

        assertTrue(DigestUri.matches("sip:200@sb.example;transport=tcp", request));
        assertTrue(DigestUri.matches("sip:200@SB.EXAMPLE", request));
        assertTrue(DigestUri.matches("sip:200@sb.example:5060", request));
    }

    @Test
    void shouldMatchTheServerUriWithoutUserAsSippSendsIt() throws Exception
    {
        final URI request = SipFactories.ADDRESSES.createURI("sip:1002@127.0.0.1:5060");

        assertTrue(DigestUri.matches("sip:127.0.0.1:5060", request));
        assertFalse(DigestUri.matches("sip:127.0.0.2:5060", request));
        assertFalse(DigestUri.matches("sip:127.0.0.1:5070", request));
    }

    @Test
    void shouldNotMatchAnotherUserHostPortOrScheme() throws Exception
    {
        final URI request = SipFactories.ADDRESSES.createURI("sip:200@sb.example");

        assertFalse(DigestUri.matches("sip:201@sb.example", request));
        assertFalse(DigestUri.matches("sip:200@evil.example", request));
        assertFalse(DigestUri.matches("sip:200@sb.example:5080", request));
        assertFalse(DigestUri.matches("sips:200@sb.example", request));
        assertFalse(DigestUri.matches("not a uri", request));
    }
}
