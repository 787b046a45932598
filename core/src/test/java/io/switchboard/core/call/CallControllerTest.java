package io.switchboard.core.call;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The choice of the response a caller gets when every fork failed (RFC 3261 §16.7 step 6). */
class CallControllerTest
{
    @Test
    void shouldPreferAGlobalFailureOverEverything()
    {
        assertTrue(CallController.betterFailure(603, 486));
        assertFalse(CallController.betterFailure(486, 603));
    }

    @Test
    void shouldPreferTheLowerClass()
    {
        assertTrue(CallController.betterFailure(486, 503));
        assertFalse(CallController.betterFailure(503, 404));
    }

    @Test
    void shouldPreferADefiniteAnswerOverATimeout()
    {
        assertTrue(CallController.betterFailure(486, 408));
        assertFalse(CallController.betterFailure(408, 486));
        assertTrue(CallController.betterFailure(408, 0));
    }
}
