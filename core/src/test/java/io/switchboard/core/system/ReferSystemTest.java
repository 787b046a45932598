package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.signalling.SipWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Blind transfer by a phone's REFER (RFC 3515) through the running server, SIPp playing every phone: the REFER is
 * accepted (202), the transferor hears of progress in NOTIFYs of the implicit "refer" subscription (message/sipfrag:
 * 100 Trying, then the target's answer or failure), the other party is connected to the target, and a failed target
 * gives the transferor its call back. Covered: the caller transfers the callee, the callee transfers the caller (as
 * an agent's phone does), a busy target (with a second REFER refused meanwhile, 491), REFERs refused (no Refer-To
 * 400, unknown number 404), and a REFER that declines the subscription (Refer-Sub: false, RFC 4488).
 * <p>
 * Plain extensions, no call center: 1001 calls 1002, and 1003 is the target. The phones of 1002 and 1003 register once,
 * at fixed ports, where each test starts the SIPp that plays them; 1001 calls from a SIPp of its own with a Call-ID
 * the test knows ({@code -cid_str}), so that the API's legs can be told apart: after a transfer the call goes on
 * between the remaining party (the call's "caller" leg, whichever side it started on) and the target ("callee").
 * Each test ends with no call and no dialog left on the server (set-aside and reconnected legs included).
 */
@Timeout(60)
class ReferSystemTest extends ServerSystemTest
{
    private static final String CALLER = "1001";
    private static final String CALLEE = "1002";
    private static final String TARGET = "1003";
    private static final Pattern CALL_ID = Pattern.compile("(?im)^Call-ID:\\s*(\\S+)");

    private static CallApi api;
    /** The phones of 1002 and 1003: the ports their registrations point at. */
    private static final Map<String, Integer> PHONES = new HashMap<>();

    private final List<Sipp> sipps = new ArrayList<>();
    /** The dialogs the server knew before the test (none, unless an earlier test left some behind). */
    private int dialogsBefore;

    @BeforeAll
    static void registerPhones() throws Exception
    {
        api = new CallApi(server.httpPort());
        for (final String extension : List.of(CALLEE, TARGET))
        {
            PHONES.put(extension, registerPhone("refer", extension));
        }
    }

    @BeforeEach
    void countDialogs() throws Exception
    {
        dialogsBefore = dialogs();
    }

    /** Whatever a test did or failed to do: calls left are hung up, every SIPp goes, no call is left. */
    @AfterEach
    void cleanUp() throws Exception
    {
        api.hangUpAll();
        for (final Sipp sipp : sipps)
        {
            // A SIPp that does not finish in time is killed (and waited for), so that its port is free again.
            sipp.await(sipp.running() ? 5 : 0);
        }
        awaitNoActiveCalls();
    }

    // ------------------------------------------------------------------------------------------------ the tests

    @Test
    void shouldConnectTheCalleeToTheTargetWhenTheCallerTransfers() throws Exception
    {
        final Sipp callee = phone("blind", CALLEE, "refer/phone-answer.xml");
        final Sipp target = phone("blind", TARGET, "refer/phone-answer.xml");
        final String callerLeg = "refer-blind-1@127.0.0.1";
        final Sipp caller = caller("blind", "refer/caller-transfers.xml", TARGET);
        final long id = api.callFrom(CALLER).get("id").asLong();

        // The scenario checks the 202 (with a Contact), the NOTIFYs (Event: refer;id=3, active then terminated,
        // sipfrag 100 Trying then 200 OK) and that its BYE after the transfer is answered 200.
        assertEquals(0, caller.await(20), caller::traces);
        assertEquals(callerLeg, callIdOf(caller), caller::traces);
        assertNotifies(caller, "SIP/2.0 200 OK");
        final JsonNode call = api.awaitCall(id, "between the callee and the target", c -> confirmed(c)
            && !callerLeg.equals(legId(c, "caller")) && !callerLeg.equals(legId(c, "callee")));

        hangUp(id);
        assertEquals(0, callee.await(20), "the transferred callee gets the BYE\n" + callee.traces());
        assertEquals(0, target.await(20), "the target gets the BYE\n" + target.traces());
        assertEquals(callIdOf(callee), legId(call, "caller"), () -> "the callee stays, as the call's caller: " + call);
        assertEquals(callIdOf(target), legId(call, "callee"), () -> "the target took the call: " + call);
        final String invite = received(target, "INVITE ");
        assertTrue(header(invite, "From").contains("<sip:" + CALLEE + "@"), "the target sees the callee calling\n"
            + invite);
        assertFalse(header(invite, "From").contains("Alice"), "not under the transferor's name\n" + invite);
        assertTrue(header(invite, "To").contains("<sip:" + TARGET + "@"), invite);
        awaitNothingLeft();
    }

    @Test
    void shouldConnectTheCallerToTheTargetWhenTheCalleeTransfers() throws Exception
    {
        final Sipp callee = phone("by-callee", CALLEE, "refer/callee-transfers.xml", "-set", "target", TARGET);
        final Sipp target = phone("by-callee", TARGET, "refer/phone-answer.xml");
        final String callerLeg = "refer-by-callee-1@127.0.0.1";
        final Sipp caller = caller("by-callee", "refer/caller-stays.xml", null);
        final long id = api.callFrom(CALLER).get("id").asLong();
        // The callee's phone transfers once the call is confirmed (the caller's ACK): told by a key (an INFO).
        api.awaitCall(id, "confirmed", ReferSystemTest::confirmed);
        api.dtmf(id, "callee", "5");

        // The callee's own REFER in its dialog (it is the UAS there): 202, NOTIFYs 100 Trying and 200 OK, BYE 200.
        assertEquals(0, callee.await(20), callee::traces);
        assertNotifies(callee, "SIP/2.0 200 OK");
        final String calleeLeg = callIdOf(callee);
        final JsonNode call = api.awaitCall(id, "between the caller and the target", c -> confirmed(c)
            && !calleeLeg.equals(legId(c, "callee")));
        assertEquals(callerLeg, legId(call, "caller"), call::toString);

        hangUp(id);
        assertEquals(0, caller.await(20), "the transferred caller gets the BYE\n" + caller.traces());
        assertEquals(0, target.await(20), "the target gets the BYE\n" + target.traces());
        assertEquals(callIdOf(target), legId(call, "callee"), () -> "the target took the call: " + call);
        final String invite = received(target, "INVITE ");
        assertTrue(header(invite, "From").startsWith("\"Alice\" <sip:" + CALLER + "@"),
            "the target sees the caller calling, with its name\n" + invite);
        awaitNothingLeft();
    }

    @Test
    void shouldGiveTheTransferorItsCallBackWhenTheTargetIsBusy() throws Exception
    {
        final Sipp callee = phone("busy", CALLEE, "refer/phone-answer.xml");
        final Sipp target = phone("busy", TARGET, "refer/phone-busy.xml");
        final String callerLeg = "refer-busy-1@127.0.0.1";
        final Sipp caller = caller("busy", "refer/caller-transfer-fails.xml", TARGET);
        final long id = api.callFrom(CALLER).get("id").asLong();

        // Reconnected: the transferor's leg is the callee of the call again (the callee stays its caller).
        final JsonNode call = api.awaitCall(id, "back with the transferor", c -> callerLeg.equals(legId(c, "callee")));
        assertTrue(confirmed(call), call::toString);
        assertEquals(0, target.await(20), target::traces);
        assertTrue(caller.running(), "the transferor is still on the line\n" + caller.traces());

        hangUp(id);
        assertEquals(0, caller.await(20), "the transferor (491 to its second REFER, NOTIFY 486, then the BYE)\n"
            + caller.traces());
        assertEquals(0, callee.await(20), "the callee gets the BYE\n" + callee.traces());
        assertEquals(callIdOf(callee), legId(call, "caller"), () -> "the original callee is still there: " + call);
        assertNotifies(caller, "SIP/2.0 486 Busy Here");
        assertTrue(caller.messages().contains("SIP/2.0 491"), caller::traces);
        awaitNothingLeft();
    }

    @Test
    void shouldRefuseAReferWithoutReferToAndOneToAnUnknownNumber() throws Exception
    {
        final Sipp callee = phone("refused", CALLEE, "refer/phone-answer.xml");
        final Sipp caller = caller("refused", "refer/caller-refer-refused.xml", "7777");

        // 400 and 404; the call goes on: the caller's BYE is answered 200 and reaches the callee.
        assertEquals(0, caller.await(20), caller::traces);
        assertEquals(0, callee.await(20), "the callee gets the BYE\n" + callee.traces());
        final String messages = caller.messages();
        assertTrue(messages.contains("SIP/2.0 400"), caller::traces);
        assertTrue(messages.contains("SIP/2.0 404"), caller::traces);
        assertFalse(messages.contains("NOTIFY sip:"), caller::traces);
        awaitNothingLeft();
    }

    @Test
    void shouldTransferWithoutNotifiesWhenThePhoneDeclinesTheSubscription() throws Exception
    {
        final Sipp callee = phone("no-sub", CALLEE, "refer/phone-answer.xml");
        final Sipp target = phone("no-sub", TARGET, "refer/phone-answer.xml");
        final String callerLeg = "refer-no-sub-1@127.0.0.1";
        final Sipp caller = caller("no-sub", "refer/caller-transfers-no-notify.xml", TARGET);
        final long id = api.callFrom(CALLER).get("id").asLong();

        // The transfer completes while the transferor is still on the line, and it gets no NOTIFY (the scenario
        // fails on one); then it hangs up.
        final JsonNode call = api.awaitCall(id, "between the callee and the target", c -> confirmed(c)
            && !callerLeg.equals(legId(c, "caller")) && !callerLeg.equals(legId(c, "callee")));
        assertTrue(caller.running(), "the transferor was still on the line, it would have had its NOTIFY\n"
            + caller.traces());
        assertEquals(0, caller.await(20), caller::traces);
        final String messages = caller.messages();
        assertTrue(header(received(caller, "SIP/2.0 202"), "Refer-Sub").contains("false"), caller::traces);
        assertFalse(messages.contains("NOTIFY sip:"), caller::traces);

        hangUp(id);
        assertEquals(0, callee.await(20), callee::traces);
        assertEquals(0, target.await(20), target::traces);
        assertEquals(callIdOf(callee), legId(call, "caller"), call::toString);
        assertEquals(callIdOf(target), legId(call, "callee"), call::toString);
        awaitNothingLeft();
    }

    // ---------------------------------------------------------------------------------------------- the phones

    /** The SIPp that plays a registered phone (1002, 1003) for one test, at the port its registration names. */
    private Sipp phone(final String test, final String extension, final String scenario, final String... args)
        throws Exception
    {
        final Sipp sipp = Sipp.scenario("refer-" + test + "-phone-" + extension, scenario)
            .port(PHONES.get(extension)).arg("-mp", Integer.toString(Sipp.freeMediaPort())).arg(args).start(0);
        sipps.add(sipp);
        return sipp;
    }

    /** 1001 calling 1002 with its credentials; its Call-ID is refer-TEST-1@127.0.0.1; {@code target} for REFERs. */
    private Sipp caller(final String test, final String scenario, final String target) throws Exception
    {
        final Sipp sipp = Sipp.scenario("refer-" + test + "-caller", scenario)
            .credentials(CALLER, "demo-" + CALLER).service(CALLEE).port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).arg("-cid_str", "refer-" + test + "-%u@%s");
        if (target != null)
        {
            sipp.set("target", target);
        }
        sipps.add(sipp.start(server.sipUdpPort()));
        return sipp;
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private static void hangUp(final long id) throws Exception
    {
        final CallApi.Reply reply = api.post("/api/calls/" + id + "/hangup", "{}");
        assertEquals(200, reply.status(), () -> "hangup " + id + ": " + reply.body());
    }

    private static boolean confirmed(final JsonNode call)
    {
        return "confirmed".equals(call.path("state").asText()) && call.hasNonNull("caller")
            && call.hasNonNull("callee");
    }

    /** The SIP Call-ID of the call's "caller" or "callee" leg, as the API shows it. */
    private static String legId(final JsonNode call, final String leg)
    {
        return call.path(leg).path("callId").asText(null);
    }

    /** The Call-ID of a SIPp's (only) dialog: that of the first message it sent or received. */
    private static String callIdOf(final Sipp sipp) throws Exception
    {
        final Matcher matcher = CALL_ID.matcher(sipp.messages());
        assertTrue(matcher.find(), sipp::traces);
        return matcher.group(1);
    }

    /** The first message a SIPp received or sent that starts with {@code startLine}, up to its trace's end. */
    private static String received(final Sipp sipp, final String startLine) throws Exception
    {
        final String messages = sipp.messages();
        final Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(startLine)).matcher(messages);
        if (!matcher.find())
        {
            return fail("no message starting with " + startLine + "\n" + sipp.traces());
        }
        final int end = messages.indexOf("\n----------", matcher.start());
        return messages.substring(matcher.start(), end < 0 ? messages.length() : end);
    }

    /** The value of a header of one message, or "" without it. */
    private static String header(final String message, final String name)
    {
        final Matcher matcher = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*)$").matcher(message);
        return matcher.find() ? matcher.group(1).trim() : "";
    }

    /** The transferor got exactly two NOTIFYs: sipfrag 100 Trying (active), then {@code outcome} (terminated). */
    private static void assertNotifies(final Sipp sipp, final String outcome) throws Exception
    {
        final String messages = sipp.messages();
        final List<String> notifies = new ArrayList<>();
        final Matcher matcher = Pattern.compile("(?m)^NOTIFY sip:").matcher(messages);
        while (matcher.find())
        {
            final int end = messages.indexOf("\n----------", matcher.start());
            notifies.add(messages.substring(matcher.start(), end < 0 ? messages.length() : end));
        }
        assertEquals(2, notifies.size(), sipp::traces);
        assertTrue(notifies.get(0).contains("\nSIP/2.0 100 Trying"), notifies.get(0));
        assertTrue(header(notifies.get(0), "Subscription-State").startsWith("active"), notifies.get(0));
        assertTrue(notifies.get(1).contains("\n" + outcome), notifies.get(1));
        assertEquals("terminated;reason=noresource", header(notifies.get(1), "Subscription-State"), notifies.get(1));
        for (final String notify : notifies)
        {
            assertTrue(header(notify, "Event").startsWith("refer"), notify);
            assertTrue(header(notify, "Content-Type").startsWith("message/sipfrag"), notify);
        }
    }

    /** No call is left, and no dialog either: every leg of the test's call was forgotten, set-aside ones included. */
    private void awaitNothingLeft() throws Exception
    {
        awaitNoActiveCalls();
        Await.until("the dialogs the server knew before the call, and no more", ReferSystemTest::dialogs,
            dialogs -> dialogs == dialogsBefore);
    }

    /** The dialogs the workers' call controllers still know, each counted on its own loop. */
    private static int dialogs() throws Exception
    {
        int count = 0;
        for (final SipWorker worker : server.workers())
        {
            count += worker.loop().submit(() -> worker.calls().dialogCount()).get(5, TimeUnit.SECONDS);
        }
        return count;
    }
}
