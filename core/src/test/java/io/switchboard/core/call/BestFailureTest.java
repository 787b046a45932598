package io.switchboard.core.call;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The choice of the response a caller gets when every fork failed (RFC 3261 §16.7 step 6). */
class BestFailureTest
{
    @Test
    void shouldPreferAGlobalFailureOverEverything()
    {
        assertTrue(BestFailure.better(603, 486));
        assertFalse(BestFailure.better(486, 603));
    }

    @Test
    void shouldPreferTheLowerClass()
    {
        assertTrue(BestFailure.better(486, 503));
        assertFalse(BestFailure.better(503, 404));
    }

    @Test
    void shouldPreferADefiniteAnswerOverATimeout()
    {
        assertTrue(BestFailure.better(486, 408));
        assertFalse(BestFailure.better(408, 486));
        assertTrue(BestFailure.better(408, 0));
    }
}
