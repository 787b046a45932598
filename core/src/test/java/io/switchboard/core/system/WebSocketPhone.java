package io.switchboard.core.system;

import io.switchboard.sip.auth.DigestClient;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WebRTC-style SIP phone over a WebSocket, as SIP.js and JsSIP behave on the wire (RFC 7118): subprotocol
 * {@code sip}, a random {@code .invalid} host in Via and Contact (no rport), {@code transport=ws} in the Contact
 * whether it is connected over ws or wss, digest on 401. It answers what it is sent with whole messages of its own;
 * its media is a plain RTP address (DTLS-SRTP is not there yet).
 */
final class WebSocketPhone implements AutoCloseable
{
    private static final Pattern CHALLENGE = Pattern.compile("(?im)^WWW-Authenticate:\\s*Digest (.*)$");

    private final BlockingQueue<String> received;
    private final WebSocket socket;
    private final String host = UUID.randomUUID().toString().substring(0, 12) + ".invalid";
    private final String user;
    private final String transport;

    private WebSocketPhone(final WebSocket socket, final BlockingQueue<String> received, final String user,
        final String transport)
    {
        this.socket = socket;
        this.received = received;
        this.user = user;
        this.transport = transport;
    }

    /** Connects to {@code ws://} or {@code wss://} (trusting {@code tls} there) as a page of {@code origin}. */
    static WebSocketPhone connect(final URI uri, final String origin, final SSLContext tls, final String user)
        throws Exception
    {
        final HttpClient.Builder client = HttpClient.newBuilder();
        if (tls != null)
        {
            client.sslContext(tls);
        }
        final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        final WebSocket socket = client.build().newWebSocketBuilder().subprotocols("sip").header("Origin", origin)
            .buildAsync(uri, new Inbox(inbox)).get(10, TimeUnit.SECONDS);
        return new WebSocketPhone(socket, inbox, user, "wss".equals(uri.getScheme()) ? "WSS" : "WS");
    }

    /** REGISTER, 401, REGISTER with credentials; returns its answer (200: the binding is the WebSocket connection). */
    String register(final String domain, final String password) throws Exception
    {
        final String callId = UUID.randomUUID().toString();
        send(registerRequest(domain, callId, 1, null));
        final String challenge = take("401 to REGISTER");
        assertTrue(challenge.startsWith("SIP/2.0 401"), challenge);
        final Matcher m = CHALLENGE.matcher(challenge);
        assertTrue(m.find(), challenge);
        final String params = m.group(1);
        final String realm = param(params, "realm");
        final String nonce = param(params, "nonce");
        final String algorithm = param(params, "algorithm") == null ? "MD5" : param(params, "algorithm");
        final String uri = "sip:" + domain;
        final String response = DigestClient.response(algorithm.toUpperCase().startsWith("SHA-256") ? "SHA-256"
            : "MD5", user, realm, password, "REGISTER", uri, nonce, "00000001", "0a4f113b");
        send(registerRequest(domain, callId, 2, "Authorization: Digest username=\"" + user + "\", realm=\"" + realm
            + "\", nonce=\"" + nonce + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm="
            + algorithm + ", qop=auth, nc=00000001, cnonce=\"0a4f113b\"\r\n"));
        return take("the answer to the REGISTER with credentials");
    }

    private String registerRequest(final String domain, final String callId, final int cseq, final String auth)
    {
        return "REGISTER sip:" + domain + " SIP/2.0\r\n"
            + "Via: SIP/2.0/" + transport + " " + host + ";branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:" + user + "@" + domain + ">\r\n"
            + "From: <sip:" + user + "@" + domain + ">;tag=ws" + cseq + "\r\n"
            + "Call-ID: " + callId + "\r\n"
            + "CSeq: " + cseq + " REGISTER\r\n"
            + "Contact: <sip:" + user + "x@" + host + ";transport=ws>;expires=600\r\n"
            + (auth == null ? "" : auth)
            + "User-Agent: WebSocketPhone (as SIP.js)\r\n"
            + "Content-Length: 0\r\n\r\n";
    }

    /** The next message the server sent, within 10 s. */
    String take(final String what) throws InterruptedException
    {
        final String message = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(message, "no " + what + " over the WebSocket");
        return message;
    }

    /** Answers a request with a status, our To tag, and optionally an SDP body. */
    void answer(final String request, final int status, final String reason, final String sdp)
    {
        final StringBuilder response = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (final String line : headers(request))
        {
            final String name = line.substring(0, line.indexOf(':')).trim().toLowerCase();
            if (name.equals("via") || name.equals("from") || name.equals("call-id") || name.equals("cseq"))
            {
                response.append(line).append("\r\n");
            }
            else if (name.equals("to"))
            {
                response.append(line.contains(";tag=") ? line : line + ";tag=wsphone").append("\r\n");
            }
        }
        response.append("Contact: <sip:").append(user).append("x@").append(host).append(";transport=ws>\r\n");
        if (sdp != null)
        {
            response.append("Content-Type: application/sdp\r\nContent-Length: ").append(sdp.length())
                .append("\r\n\r\n").append(sdp);
        }
        else
        {
            response.append("Content-Length: 0\r\n\r\n");
        }
        send(response.toString());
    }

    void send(final String message)
    {
        socket.sendText(message, true).join();
    }

    private static List<String> headers(final String message)
    {
        final List<String> lines = new ArrayList<>();
        final String head = message.substring(0, message.indexOf("\r\n\r\n"));
        final String[] all = head.split("\r\n");
        for (int i = 1; i < all.length; i++)
        {
            lines.add(all[i]);
        }
        return lines;
    }

    private static String param(final String params, final String name)
    {
        final Matcher m = Pattern.compile("(?i)\\b" + name + "=\"?([^\",]+)\"?").matcher(params);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public void close()
    {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    /** Whole text messages, in order. */
    private static final class Inbox implements WebSocket.Listener
    {
        private final BlockingQueue<String> messages;
        private final StringBuilder partial = new StringBuilder();

        Inbox(final BlockingQueue<String> messages)
        {
            this.messages = messages;
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
