package io.switchboard.core.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes events to the signed-in agents' WebSockets: each agent sees its own (an offered call, its state, its
 * calls' progress), an administrator sees everyone's. Publishers on any thread (SIP workers, the ACD drain) hand an
 * event to the hub's own loop, which owns the subscriptions and encodes each event once.
 */
public final class EventHub
{
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoop loop;
    private final Map<String, List<Channel>> agents = new HashMap<>();
    private final List<Channel> everything = new ArrayList<>();

    public EventHub(final EventLoop loop)
    {
        this.loop = loop;
    }

    /** A socket for one agent's events ({@code staffNo}), or for all of them ({@code null}: an administrator). */
    public void subscribe(final String staffNo, final Channel channel)
    {
        loop.execute(() ->
        {
            final List<Channel> list = staffNo == null ? everything
                : agents.computeIfAbsent(staffNo, k -> new ArrayList<>(1));
            list.add(channel);
            channel.closeFuture().addListener(closed -> loop.execute(() -> list.remove(channel)));
        });
    }

    /** An event about one agent (its staff number), or about none in particular ({@code null}: admins only). */
    public void publish(final String staffNo, final Map<String, Object> event)
    {
        loop.execute(() -> deliver(staffNo, event));
    }

    private void deliver(final String staffNo, final Map<String, Object> event)
    {
        final List<Channel> mine = staffNo == null ? List.of() : agents.getOrDefault(staffNo, List.of());
        if (mine.isEmpty() && everything.isEmpty())
        {
            return;
        }
        final String text;
        try
        {
            text = JSON.writeValueAsString(event);
        }
        catch (final Exception ex)
        {
            LOG.warn("event not encoded: {}", ex.getMessage());
            return;
        }
        for (final Channel channel : mine)
        {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }
        for (final Channel channel : everything)
        {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    /** One event to one socket (the greeting after the handshake). */
    void publishTo(final Channel channel, final Map<String, Object> event)
    {
        try
        {
            channel.writeAndFlush(new TextWebSocketFrame(JSON.writeValueAsString(event)));
        }
        catch (final Exception ex)
        {
            LOG.warn("event not encoded: {}", ex.getMessage());
        }
    }

    /** How many sockets are open (for the health view and tests). Runs on the hub's loop. */
    public int subscribers()
    {
        int count = everything.size();
        for (final List<Channel> list : agents.values())
        {
            count += list.size();
        }
        return count;
    }

    public EventLoop loop()
    {
        return loop;
    }
}
