package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-call SIP trace through the running server: a SIPp caller queued and answered by a SIPp agent, hung up by
 * the caller; then the call's record gives its trace as text (both legs' INVITE, 200, ACK, BYE and its 200, in
 * order) and as a pcap, read back here header by header (global header, per packet header, IPv4, UDP) with each
 * payload equal to the text's message; an agent not on the call and an unknown record get 404.
 */
@Timeout(90)
@ServerSystemTest.Tenant(RecordsSystemTest.ACD)
class SipTraceSystemTest extends ServerSystemTest
{
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A message's header line in the text, as sngrep writes it. */
    private static final Pattern HEADER = Pattern.compile(
        "(?m)^(\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}) (\\S+):(\\d+) -> (\\S+):(\\d+) (UDP|TCP|TLS|WS|WSS)"
        + " (sent|received)\r\n");

    @Test
    void shouldKeepBothLegsOfACallAndGiveThemAsTextAndPcap() throws Exception
    {
        final CallApi api = new CallApi(server.httpPort());
        final int phonePort = registerPhone("trace", "1001");
        final Sipp phone = Sipp.scenario("trace-phone-1001", "acd/agent-answer.xml").port(phonePort)
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
        assertEquals(200, api.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        final Sipp caller = Sipp.scenario("trace-caller", "acd/caller.xml").credentials("1011", "demo-1011")
            .service("4000").port(Sipp.freeUdpPort()).arg("-mp", Integer.toString(Sipp.freeMediaPort()))
            .start(server.sipUdpPort());
        final JsonNode agent = api.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        final long id = agent.get("call").asLong();
        api.dtmf(id, "caller", "0");
        assertEquals(0, caller.await(20), caller::traces);
        assertEquals(0, phone.await(20), phone::traces);
        Await.until("the call's record", () -> api.get("/api/records").body(),
            p -> p.get("total").asInt() >= 1 && p.get("records").get(0).get("id").asLong() == id);

        final String admin = CallApi.login(server.httpPort(), DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD);
        // The last messages (the BYE's 200) are recorded as they are sent: wait for the whole of both legs.
        final List<Message> messages = Await.until("both legs' BYE answered in the trace",
            () -> parse(get(admin, "/api/records/" + id + "/trace")),
            m -> m.stream().filter(x -> x.firstLine().startsWith("SIP/2.0 200") && x.cseq().endsWith("BYE"))
                .count() >= 2);
        final Map<String, List<Message>> legs = new LinkedHashMap<>();
        messages.forEach(m -> legs.computeIfAbsent(m.callId(), k -> new ArrayList<>()).add(m));
        assertEquals(2, legs.size(), () -> "the caller's and the agent's leg: " + legs.keySet());
        for (final List<Message> leg : legs.values())
        {
            assertInOrder(leg, "INVITE ", "SIP/2.0 200", "ACK ", "BYE ");
            assertTrue(leg.stream().anyMatch(m -> m.firstLine().startsWith("SIP/2.0 200") && m.cseq().endsWith("BYE")),
                () -> "the BYE answered: " + leg);
        }
        // The agent's leg went out from us; the caller's first INVITE came in.
        assertEquals("received", messages.get(0).direction(), messages.get(0)::toString);
        for (int i = 1; i < messages.size(); i++)
        {
            assertTrue(messages.get(i).time().compareTo(messages.get(i - 1).time()) >= 0, "in time order");
        }

        final byte[] pcap = getBytes(admin, "/api/records/" + id + "/trace.pcap");
        assertPcap(pcap, messages);

        // An agent sees the traces of its own calls only; unknown records and chats' are 404 alike.
        final String one = CallApi.login(server.httpPort(), "1001@demo.switchboard", "Demo#1001");
        assertEquals(200, status(one, "/api/records/" + id + "/trace"));
        final String two = CallApi.login(server.httpPort(), "1002@demo.switchboard", "Demo#1002");
        assertEquals(404, status(two, "/api/records/" + id + "/trace"));
        assertEquals(404, status(two, "/api/records/" + id + "/trace.pcap"));
        assertEquals(404, status(admin, "/api/records/987654321/trace"));
        assertEquals(404, status(admin, "/api/records/chat-1/trace.pcap"));
        assertEquals(401, status(null, "/api/records/" + id + "/trace"));
    }

    /** The messages' first lines show these starts in this order (other messages between them). */
    private static void assertInOrder(final List<Message> leg, final String... starts)
    {
        int next = 0;
        for (final Message m : leg)
        {
            if (next < starts.length && m.firstLine().startsWith(starts[next])
                && (!starts[next].startsWith("SIP/2.0") || m.cseq().endsWith("INVITE")))
            {
                next++;
            }
        }
        assertEquals(starts.length, next, () -> "in order " + List.of(starts) + ": " + leg);
    }

    /** The pcap: its global header, then per message a record, an IPv4 header, a UDP header, the message. */
    private static void assertPcap(final byte[] pcap, final List<Message> messages)
    {
        final ByteBuffer in = ByteBuffer.wrap(pcap).order(ByteOrder.BIG_ENDIAN);
        assertEquals(0xa1b2c3d4, in.getInt(), "magic");
        assertEquals(2, in.getShort());
        assertEquals(4, in.getShort());
        in.getInt();
        in.getInt();
        assertEquals(65_535, in.getInt(), "snap length");
        assertEquals(101, in.getInt(), "LINKTYPE_RAW");
        for (final Message message : messages)
        {
            in.getInt();
            in.getInt();
            final int included = in.getInt();
            assertEquals(included, in.getInt(), "whole packets");
            final int start = in.position();
            assertEquals(0x45, in.get() & 0xff, "IPv4, 20-byte header");
            in.get();
            assertEquals(included, in.getShort() & 0xffff, "IP total length");
            in.position(start + 9);
            assertEquals(17, in.get(), "UDP");
            in.position(start + 20);
            assertEquals(message.sourcePort(), in.getShort() & 0xffff, "source port");
            assertEquals(message.destinationPort(), in.getShort() & 0xffff, "destination port");
            final int udpLength = in.getShort() & 0xffff;
            assertEquals(included - 20, udpLength, "UDP length");
            in.getShort();
            final byte[] payload = new byte[udpLength - 8];
            in.get(payload);
            assertArrayEquals(message.bytes(), payload, () -> "the payload of " + message.firstLine());
        }
        assertEquals(pcap.length, in.position(), "nothing after the last packet");
    }

    /** One message of the text: its header line's fields and its bytes. */
    record Message(String time, String direction, int sourcePort, int destinationPort, byte[] bytes)
    {
        String text()
        {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        String firstLine()
        {
            return text().substring(0, text().indexOf("\r\n"));
        }

        String header(final String name)
        {
            final Matcher m = Pattern.compile("(?mi)^" + name + "\\s*:\\s*(.*?)\\s*$").matcher(text());
            return m.find() ? m.group(1) : "";
        }

        String callId()
        {
            return header("(?:Call-ID|i)");
        }

        String cseq()
        {
            return header("CSeq");
        }

        @Override
        public String toString()
        {
            return direction + " " + firstLine();
        }
    }

    /** The text's messages: each from after its header line to the CRLF the text adds before the next one. */
    private static List<Message> parse(final String text)
    {
        final List<MatchResult> heads = HEADER.matcher(text).results().toList();
        final List<Message> messages = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++)
        {
            final MatchResult head = heads.get(i);
            final int end = i + 1 < heads.size() ? heads.get(i + 1).start() : text.length();
            final String body = text.substring(head.end(), end - 2);
            messages.add(new Message(head.group(1), head.group(7), Integer.parseInt(head.group(3)),
                Integer.parseInt(head.group(5)), body.getBytes(StandardCharsets.UTF_8)));
        }
        return messages;
    }

    private static String get(final String token, final String path) throws Exception
    {
        final HttpResponse<String> reply = HTTP.send(request(token, path), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply::body);
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), reply::toString);
        return reply.body();
    }

    private static byte[] getBytes(final String token, final String path) throws Exception
    {
        final HttpResponse<byte[]> reply = HTTP.send(request(token, path), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, reply.statusCode(), () -> new String(reply.body(), StandardCharsets.UTF_8));
        assertEquals("application/vnd.tcpdump.pcap", reply.headers().firstValue("Content-Type").orElse(""));
        return reply.body();
    }

    private static int status(final String token, final String path) throws Exception
    {
        return HTTP.send(request(token, path), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpRequest request(final String token, final String path)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
            + path)).GET();
        return token == null ? builder.build() : builder.header("Authorization", "Bearer " + token).build();
    }
}
