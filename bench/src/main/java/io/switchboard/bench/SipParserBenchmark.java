package io.switchboard.bench;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.switchboard.sip.message.JainSipParser;
import io.switchboard.sip.message.ParseResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;

/**
 * Cost of turning one SIP message into a JAIN-SIP {@link SIPMessage} and back:
 * <ul>
 *   <li>{@code jainSipParser}: our {@link JainSipParser}, whose {@code StringMsgParser} is kept per thread in a
 *       Netty {@code FastThreadLocal}, plus its RFC 3261 checks and body copy;</li>
 *   <li>{@code cachedStringMsgParser}: the RI alone, called as {@code JainSipParser} calls it (body not read, no
 *       checks), with one parser held in the benchmark state;</li>
 *   <li>{@code newStringMsgParser}: the RI alone with a {@code new StringMsgParser()} per call;</li>
 *   <li>{@code encode}: {@code SIPMessage.encodeAsBytes("UDP")} of the parsed message.</li>
 * </ul>
 * JMH's threads are not Netty {@code FastThreadLocalThread}s, so {@code jainSipParser} goes through
 * FastThreadLocal's slow path (a JDK ThreadLocal lookup) here; on an event loop it is an array read.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SipParserBenchmark
{
    private static final String SDP = "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.10\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";

    /** A typical INVITE from a desk phone through one proxy, with an SDP offer (RFC 3261 §24.2, RFC 3264). */
    static final String INVITE = "INVITE sip:2001@pbx.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-524287-1---b7a1c2d3e4f5a6b7;rport\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-d8754z-1f2e3d4c5b6a7980;received=192.0.2.10\r\n" +
        "Max-Forwards: 69\r\n" +
        "Record-Route: <sip:192.0.2.1;lr>\r\n" +
        "Contact: <sip:1001@192.0.2.10:5060;transport=udp>\r\n" +
        "To: <sip:2001@pbx.example.com>\r\n" +
        "From: \"Alice Agent\" <sip:1001@pbx.example.com>;tag=8c536978\r\n" +
        "Call-ID: YTMxNTRmYTFkNmUyZTZjMDQyNjNhMGU4ZmRmMjVjYWQ\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO\r\n" +
        "Supported: replaces, timer\r\n" +
        "User-Agent: Switchboard-Bench/1.0\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: " + SDP.length() + "\r\n" +
        "\r\n" +
        SDP;

    /** The 200 OK answering it, without a body to keep it the common small response. */
    static final String OK = "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-524287-1---b7a1c2d3e4f5a6b7;rport=5060\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-d8754z-1f2e3d4c5b6a7980;received=192.0.2.10\r\n" +
        "Record-Route: <sip:192.0.2.1;lr>\r\n" +
        "Contact: <sip:2001@192.0.2.20:5060>\r\n" +
        "To: <sip:2001@pbx.example.com>;tag=as4dc3f40f\r\n" +
        "From: \"Alice Agent\" <sip:1001@pbx.example.com>;tag=8c536978\r\n" +
        "Call-ID: YTMxNTRmYTFkNmUyZTZjMDQyNjNhMGU4ZmRmMjVjYWQ\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE\r\n" +
        "Supported: replaces, timer\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    @Param({"INVITE", "OK"})
    public String message;

    private byte[] bytes;
    private SIPMessage parsed;
    private final JainSipParser parser = new JainSipParser();
    private final StringMsgParser cached = new StringMsgParser();

    @Setup
    public void setUp()
    {
        bytes = ("INVITE".equals(message) ? INVITE : OK).getBytes(StandardCharsets.ISO_8859_1);
        final ParseResult result = parser.parse(bytes, 0, bytes.length);
        if (!(result instanceof ParseResult.Parsed ok))
        {
            throw new IllegalStateException("benchmark message does not parse: " + result);
        }
        parsed = ok.message();
    }

    @Benchmark
    public ParseResult jainSipParser()
    {
        return parser.parse(bytes, 0, bytes.length);
    }

    @Benchmark
    public SIPMessage cachedStringMsgParser() throws ParseException
    {
        return cached.parseSIPMessage(bytes, false, false, null);
    }

    @Benchmark
    public SIPMessage newStringMsgParser() throws ParseException
    {
        return new StringMsgParser().parseSIPMessage(bytes, false, false, null);
    }

    @Benchmark
    public byte[] encode()
    {
        return parsed.encodeAsBytes("UDP");
    }
}
