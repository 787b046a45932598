package io.switchboard.core.push;

import io.netty.channel.EventLoop;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.core.api.ApiRouter;
import io.switchboard.core.config.PushSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Web Push notifications of new chats, assembled (spec §13): the VAPID keys and the subscriptions kept in {@code
 * <dataDir>/push}, the sender, the endpoints. The subscriptions belong to the API's loop: the endpoints and {@link
 * #chatOffered} run there, and a push service's "gone" is brought back there.
 */
public final class WebPush implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(WebPush.class);

    private final PushSettings settings;
    private final VapidKeys keys;
    private final PushSubscriptions subscriptions;
    private final WebPushSender sender;

    private WebPush(final PushSettings settings, final VapidKeys keys, final PushSubscriptions subscriptions,
        final WebPushSender sender)
    {
        this.settings = settings;
        this.keys = keys;
        this.subscriptions = subscriptions;
        this.sender = sender;
    }

    /** Reads or makes the keys, reads the subscriptions; with push off, nothing (the endpoints answer 404). */
    public static WebPush start(final PushSettings settings, final Path dataDir, final EventLoop loop)
        throws IOException, GeneralSecurityException
    {
        if (!settings.enabled)
        {
            return new WebPush(settings, null, null, null);
        }
        final Path directory = dataDir.resolve("push");
        final VapidKeys keys = VapidKeys.loadOrCreate(directory);
        final PushSubscriptions subscriptions = PushSubscriptions.load(directory, settings.allowLoopbackHttp);
        final WebPushSender sender = new WebPushSender(keys, settings.subject, settings.ttlSeconds,
            settings.allowLoopbackHttp, endpoint -> loop.execute(() -> subscriptions.gone(endpoint)));
        LOG.info("push: VAPID key {}, {} subscriptions", keys.publicKeyBase64Url(), subscriptions.size());
        return new WebPush(settings, keys, subscriptions, sender);
    }

    public void register(final ApiRouter router)
    {
        new PushEndpoints(this).register(router);
    }

    /** A chat was offered to the agent: a message to each of its subscriptions (on the API's loop). */
    public void chatOffered(final ChatSession session, final String staffNo)
    {
        if (!enabled())
        {
            return;
        }
        byte[] payload = null;
        for (final PushSubscription subscription : subscriptions.of(staffNo))
        {
            if (payload == null)
            {
                payload = ChatOfferPush.payload(session);
            }
            sender.send(subscription, payload);
        }
    }

    boolean enabled()
    {
        return settings.enabled;
    }

    boolean allowLoopbackHttp()
    {
        return settings.allowLoopbackHttp;
    }

    VapidKeys keys()
    {
        return keys;
    }

    PushSubscriptions subscriptions()
    {
        return subscriptions;
    }

    WebPushSender sender()
    {
        return sender;
    }

    @Override
    public void close()
    {
        if (sender != null)
        {
            sender.close();
            subscriptions.close();
        }
    }
}
