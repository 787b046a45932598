package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An attended transfer by phones, through the running server (RFC 5589 §7 with RFC 3891): the agent (1001) talks to a
 * customer (1002), calls a colleague (1003) to consult, then REFERs the customer's call with a Refer-To that embeds
 * Replaces naming the consultation dialog. The colleague's phone gets an INVITE with Replaces, answers, and talks to
 * the customer; the consultation call is hung up; the agent gets NOTIFY 200 and hangs up.
 */
@Timeout(60)
class AttendedTransferSystemTest extends ServerSystemTest
{
    private final List<Sipp> sipps = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception
    {
        final CallApi api = new CallApi(server.httpPort());
        api.hangUpAll();
        for (final Sipp sipp : sipps)
        {
            if (sipp.await(10) != 0)
            {
                sipp.kill();
            }
        }
        awaitNoActiveCalls();
    }

    @Test
    void theColleagueOfTheConsultationCallTakesTheCustomer() throws Exception
    {
        final CallApi api = new CallApi(server.httpPort());
        final Sipp colleague = answering("1003", 2);
        final Sipp customer = answering("1002", 1);

        final Sipp consultation = started(Sipp.scenario("attended-consultation", "attended/consultation.xml")
            .credentials("1001", "demo-1001").service("1003"));
        final JsonNode consult = api.awaitCallTo("1003", "answered", c -> "confirmed".equals(c.get("state").asText()));
        // The consultation dialog as the agent's phone sees it: its Call-ID, our tag (its To), its own (its From).
        final JsonNode agentLeg = consult.get("caller");
        final String replaces = agentLeg.get("callId").asText() + ";to-tag=" + agentLeg.get("localTag").asText()
            + ";from-tag=" + agentLeg.get("remoteTag").asText();

        final Sipp transferor = started(Sipp.scenario("attended-transferor", "attended/transferor.xml")
            .credentials("1001", "demo-1001").service("1002").set("target", "1003")
            .set("replaces", URLEncoder.encode(replaces, StandardCharsets.UTF_8)));
        assertEquals(0, transferor.await(20), "202, NOTIFY 100, NOTIFY 200, BYE\n" + transferor.traces());
        assertEquals(0, consultation.await(20), "the consultation call is hung up\n" + consultation.traces());

        final JsonNode joined = api.awaitCallTo("1002", "joined to the colleague",
            c -> "1003".equals(c.at("/callee/party").asText()) && c.at("/callee/codec").isTextual());
        assertEquals("[\"attended:1003\"]", joined.get("transfers").toString(), joined::toString);
        assertEquals("1002", joined.at("/caller/party").asText(), "the customer stays: " + joined);
        final String invites = colleague.messages();
        assertTrue(invites.contains("Replaces: " + consult.at("/callee/callId").asText()),
            "the colleague's phone is asked to replace its consultation dialog\n" + invites);

        assertEquals(200, api.post("/api/calls/" + joined.get("id").asLong() + "/hangup", "{}").status());
        assertEquals(0, colleague.await(20), colleague::traces);
        assertEquals(0, customer.await(20), customer::traces);
    }

    /** A phone registered as {@code extension} that answers {@code calls} calls and waits for their BYE. */
    private Sipp answering(final String extension, final int calls) throws Exception
    {
        final int port = registerPhone("attended", extension);
        return started(Sipp.scenario("attended-phone-" + extension, "acd/agent-answer.xml").calls(calls).port(port)
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())), 0);
    }

    private Sipp started(final Sipp sipp) throws Exception
    {
        return started(sipp.port(Sipp.freeUdpPort()).arg("-mp", Integer.toString(Sipp.freeMediaPort())),
            server.sipUdpPort());
    }

    private Sipp started(final Sipp sipp, final int remotePort) throws Exception
    {
        sipps.add(sipp);
        return sipp.start(remotePort);
    }
}
