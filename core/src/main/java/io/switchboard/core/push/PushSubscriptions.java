package io.switchboard.core.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The agents' push subscriptions, owned by the API's loop: at most {@value #PER_AGENT} an agent (a phone, a desk, a
 * laptop: a new one beyond that replaces the agent's oldest), {@value #TOTAL} in all, one agent per endpoint (an
 * endpoint subscribed again, by the same browser for the same or another agent, replaces the old one). Kept in
 * {@code subscriptions.json} of the push directory (0600: the {@code auth} secrets are in it), replaced whole at each
 * change on a thread of its own; a change's future completes once the file holds it.
 */
public final class PushSubscriptions implements AutoCloseable
{
    public static final int PER_AGENT = 5;
    public static final int TOTAL = 10_000;
    static final String FILE = "subscriptions.json";

    private static final Logger LOG = LoggerFactory.getLogger(PushSubscriptions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    /** By endpoint, the oldest first. */
    private final Map<String, PushSubscription> byEndpoint = new LinkedHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task ->
    {
        final Thread thread = new Thread(task, "push-subscriptions");
        thread.setDaemon(true);
        return thread;
    });

    private PushSubscriptions(final Path directory)
    {
        this.file = directory.resolve(FILE);
    }

    /** The subscriptions kept in {@code directory} (none at the first start); one that no longer passes is dropped. */
    public static PushSubscriptions load(final Path directory, final boolean allowLoopbackHttp) throws IOException
    {
        final PushSubscriptions subscriptions = new PushSubscriptions(directory);
        if (Files.exists(subscriptions.file))
        {
            for (final JsonNode kept : JSON.readTree(subscriptions.file.toFile()))
            {
                try
                {
                    final PushSubscription subscription = PushSubscription.of(kept.path("agent").asText(),
                        kept.path("endpoint").asText(null), kept.path("p256dh").asText(null),
                        kept.path("auth").asText(null), allowLoopbackHttp, kept.path("createdAt").asLong());
                    subscriptions.byEndpoint.put(subscription.endpoint().toString(), subscription);
                }
                catch (final IllegalArgumentException ex)
                {
                    LOG.warn("push: a kept subscription is dropped: {}", ex.getMessage());
                }
            }
        }
        return subscriptions;
    }

    /** The agent's subscriptions, the oldest first. */
    public List<PushSubscription> of(final String staffNo)
    {
        final List<PushSubscription> list = new ArrayList<>(PER_AGENT);
        for (final PushSubscription subscription : byEndpoint.values())
        {
            if (subscription.staffNo().equals(staffNo))
            {
                list.add(subscription);
            }
        }
        return list;
    }

    public int size()
    {
        return byEndpoint.size();
    }

    /**
     * Adds or replaces (by endpoint) a subscription; the agent's oldest goes when it has {@value #PER_AGENT} others.
     * Throws {@link IllegalStateException} when {@value #TOTAL} are held already.
     */
    public CompletableFuture<Void> add(final PushSubscription subscription)
    {
        final String key = subscription.endpoint().toString();
        if (!byEndpoint.containsKey(key) && byEndpoint.size() >= TOTAL)
        {
            throw new IllegalStateException("the server holds " + TOTAL + " push subscriptions already");
        }
        byEndpoint.remove(key);
        final List<PushSubscription> agents = of(subscription.staffNo());
        for (int i = 0; i <= agents.size() - PER_AGENT; i++)
        {
            byEndpoint.remove(agents.get(i).endpoint().toString());
        }
        byEndpoint.put(key, subscription);
        return save();
    }

    /** Removes the agent's subscription of that endpoint; null when it has none. */
    public CompletableFuture<Void> remove(final String staffNo, final URI endpoint)
    {
        final PushSubscription held = byEndpoint.get(endpoint.toString());
        if (held == null || !held.staffNo().equals(staffNo))
        {
            return null;
        }
        byEndpoint.remove(endpoint.toString());
        return save();
    }

    /** The push service answered that the endpoint is gone (404, 410): whoever held it, it is removed. */
    public void gone(final URI endpoint)
    {
        if (byEndpoint.remove(endpoint.toString()) != null)
        {
            save();
        }
    }

    /** Writes the whole list on the writer's thread: the file is replaced atomically, in the order of the changes. */
    private CompletableFuture<Void> save()
    {
        final List<Map<String, Object>> rows = new ArrayList<>(byEndpoint.size());
        for (final PushSubscription subscription : byEndpoint.values())
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("agent", subscription.staffNo());
            row.put("endpoint", subscription.endpoint().toString());
            row.put("p256dh", P256.base64Url(subscription.p256dh()));
            row.put("auth", P256.base64Url(subscription.auth()));
            row.put("createdAt", subscription.createdAt());
            rows.add(row);
        }
        return CompletableFuture.runAsync(() ->
        {
            try
            {
                Files.createDirectories(file.getParent());
                VapidKeys.PrivateFiles.write(file, JSON.writeValueAsBytes(rows));
            }
            catch (final IOException ex)
            {
                LOG.warn("push: {} not written: {}", file, ex.toString());
                throw new java.io.UncheckedIOException(ex);
            }
        }, writer);
    }

    /** Waits (a little) for the last writes. */
    @Override
    public void close()
    {
        writer.shutdown();
        try
        {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
