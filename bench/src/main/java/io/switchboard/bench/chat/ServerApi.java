package io.switchboard.bench.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The server under load as the benchmark sees it from outside: its HTTP API (sign in, set an agent's state) and
 * its process (live heap after a full GC by {@code jcmd GC.class_histogram}, as bench/scripts/heap.sh measures it,
 * and CPU time from {@code /proc}). Used only while setting up and between phases, never on the measured path.
 */
final class ServerApi
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String base;
    private final long pid;

    ServerApi(final String host, final int port, final long pid)
    {
        this.base = "http://" + host + ":" + port;
        this.pid = pid;
    }

    /** Signs in; returns the session's token. */
    String login(final String email, final String password) throws IOException, InterruptedException
    {
        final JsonNode answer = post("/api/login", null, Map.of("email", email, "password", password));
        return answer.get("token").asText();
    }

    /** POSTs a JSON body; the answer's JSON, or an exception naming the status and body when not 2xx. */
    JsonNode post(final String path, final String token, final Object body) throws IOException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        final HttpResponse<String> response = http.send(request.build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2)
        {
            throw new IOException("POST " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** GETs a JSON answer; an exception naming the status and body when not 2xx. */
    JsonNode get(final String path, final String token) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT).header("Authorization", "Bearer " + token).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2)
        {
            throw new IOException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** POSTs an empty JSON object without waiting: the answer's status (for requests raced against each other). */
    CompletableFuture<Integer> postAsync(final String path, final String token)
    {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding())
            .thenApply(HttpResponse::statusCode);
    }

    /** The server's live heap in bytes: {@code jcmd <pid> GC.class_histogram} runs a full GC first. */
    long liveHeap() throws IOException, InterruptedException
    {
        final Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram")
            .redirectErrorStream(true).start();
        final String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        for (final String line : out.split("\n"))
        {
            if (line.startsWith("Total"))
            {
                return Long.parseLong(line.trim().split("\\s+")[2]);
            }
        }
        throw new IOException("no Total in jcmd's class histogram: " + out.lines().limit(5).toList());
    }

    /** The server's CPU time so far (user + system), in clock ticks (1/100 s on Linux). */
    long cpuTicks() throws IOException
    {
        final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
