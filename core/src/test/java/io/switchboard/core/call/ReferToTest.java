package io.switchboard.core.call;

import io.switchboard.sip.test.SipMessages;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a REFER asks, as phones write it: blind, attended (escaped Replaces), tel: targets, Refer-Sub, bad ones. */
class ReferToTest
{
    @Test
    void aBlindReferNamesTheUserOfItsReferTo()
    {
        final ReferTo referTo = ReferTo.of(refer("Refer-To: <sip:1003@demo.switchboard>\n"));
        assertEquals("1003", referTo.user());
        assertNull(referTo.replaces());
        assertFalse(referTo.noSubscription());
    }

    @Test
    void anAttendedReferCarriesTheUnescapedReplacesOfItsUri()
    {
        final ReferTo referTo = ReferTo.of(refer("Refer-To: <sip:1003@demo.switchboard?Replaces="
            + "a1%40host%3Bto-tag%3Dours%3Bfrom-tag%3Dtheirs>\n"));
        assertEquals("1003", referTo.user());
        assertEquals("a1@host;to-tag=ours;from-tag=theirs", referTo.replaces());
        assertArrayEquals(new String[] {"a1@host", "ours", "theirs"}, ReplacedDialog.parse(referTo.replaces()));
    }

    @Test
    void aTelUriIsAnOutsideNumberAndReferSubFalseDeclinesTheNotifies()
    {
        final ReferTo referTo = ReferTo.of(refer("Refer-To: <tel:+4930555>\nRefer-Sub: false\n"));
        assertEquals("+4930555", referTo.user());
        assertTrue(referTo.noSubscription());
    }

    @Test
    void noReferToOrNoUserIsRefused()
    {
        assertNull(ReferTo.of(refer("")));
        assertNull(ReferTo.of(refer("Refer-To: <sip:demo.switchboard>\n")));
        assertNull(ReplacedDialog.parse("a1@host;to-tag=ours"), "both tags are needed");
        assertNull(ReplacedDialog.parse(";to-tag=a;from-tag=b"), "and a Call-ID");
    }

    private static gov.nist.javax.sip.message.SIPRequest refer(final String headers)
    {
        return SipMessages.request("REFER sip:b2bua@127.0.0.1 SIP/2.0\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKrefer1\n"
            + "Max-Forwards: 70\nTo: <sip:1002@x>;tag=b\nFrom: <sip:1001@x>;tag=a\nCall-ID: c1\nCSeq: 3 REFER\n"
            + "Contact: <sip:1001@127.0.0.1:5061>\n" + headers + "Content-Length: 0\n\n");
    }
}
