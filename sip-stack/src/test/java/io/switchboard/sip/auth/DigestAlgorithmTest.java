package io.switchboard.sip.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DigestAlgorithmTest
{
    @Test
    void shouldReadAlgorithmTokensWithMd5AsDefault()
    {
        assertEquals(DigestAlgorithm.MD5, DigestAlgorithm.fromToken(null));
        assertEquals(DigestAlgorithm.MD5, DigestAlgorithm.fromToken("md5"));
        assertEquals(DigestAlgorithm.SHA_256, DigestAlgorithm.fromToken("SHA-256"));
        assertNull(DigestAlgorithm.fromToken("MD5-sess"));
        assertNull(DigestAlgorithm.fromToken("SHA-512-256"));
    }

    @Test
    void shouldComputeRfc2617Example()
    {
        final DigestAlgorithm md5 = DigestAlgorithm.MD5;
        final String ha1 = md5.hashHex("Mufasa:testrealm@host.com:Circle Of Life");
        final String ha2 = md5.hashHex("GET:/dir/index.html");

        final String response = md5.hashHex(ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:" + ha2);

        assertEquals("6629fae49393a05397450978507c4ef1", response);
    }

    @Test
    void shouldComputeRfc7616Sha256Example()
    {
        final DigestAlgorithm sha256 = DigestAlgorithm.SHA_256;
        final String ha1 = sha256.hashHex("Mufasa:http-auth@example.org:Circle of Life");
        final String ha2 = sha256.hashHex("GET:/dir/index.html");

        final String response = sha256.hashHex(ha1 + ":7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v:00000001:" +
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ:auth:" + ha2);

        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", response);
    }
}
