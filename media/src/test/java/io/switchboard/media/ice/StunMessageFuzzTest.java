package io.switchboard.media.ice;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for STUN parsing (issue 19, RFC 5389 §6, §15): any datagram is a message or null, never an exception,
 * wherever it sits in its array (the first input byte is its offset, the bytes before it are not its own); a message
 * answers its accessors and its MESSAGE-INTEGRITY and FINGERPRINT checks within its bytes. Corpus: RFC 5769's
 * vectors and broken ones in {@code StunMessageFuzzTestInputs/<method>/}; fuzzing: README, "Fuzzing".
 */
class StunMessageFuzzTest
{
    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void parsesOrRefusesWithinItsBytes(final byte[] input) throws GeneralSecurityException
    {
        if (input.length == 0)
        {
            return;
        }
        final int offset = input[0] & 0x0F;
        final byte[] array = new byte[offset + input.length - 1 + 7];
        Arrays.fill(array, (byte)0x55);
        System.arraycopy(input, 1, array, offset, input.length - 1);
        final byte[] before = array.clone();
        final StunMessage message = StunMessage.parse(array, offset, input.length - 1);
        if (message != null)
        {
            assertEquals(12, message.transactionId().length);
            assertTrue(message.type() >= 0 && message.type() <= 0x3FFF);
            message.username();
            message.priority();
            message.useCandidate();
            message.controlling();
            message.hasFingerprint();
            message.fingerprintMatches();
            final Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec("VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            assertTrue(!message.integrityMatches(mac) || message.hasIntegrity());
        }
        assertTrue(Arrays.equals(before, array), "parsing changed the datagram");
    }
}
