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
    /** The supervisors' and administrators' sockets only: where the wallboard goes. */
    private final List<Channel> supervisors = new ArrayList<>();
    /** Every socket of an agent's own account, an administrator's included: where private events go. */
    private final Map<String, List<Channel>> own = new HashMap<>();
    /**
     * Staff number to its open workbench sockets (an administrator's too when it is an agent): written on the hub's
     * loop only, read by the presence sweep.
     */
    private final Map<String, Integer> workbenches = new java.util.concurrent.ConcurrentHashMap<>();

    public EventHub(final EventLoop loop)
    {
        this.loop = loop;
    }

    /**
     * A socket for one agent's events, or for all of them (an administrator's).
     *
     * @param staffNo the signed-in account's agent, or {@code null}; its workbench counts as open while this is
     * @param all     every agent's events (an administrator), else only {@code staffNo}'s
     */
    public void subscribe(final String staffNo, final boolean all, final Channel channel)
    {
        loop.execute(() ->
        {
            final List<Channel> list = all || staffNo == null ? everything
                : agents.computeIfAbsent(staffNo, k -> new ArrayList<>(1));
            list.add(channel);
            if (all)
            {
                supervisors.add(channel);
            }
            if (staffNo != null)
            {
                workbenches.merge(staffNo, 1, Integer::sum);
                own.computeIfAbsent(staffNo, k -> new ArrayList<>(1)).add(channel);
            }
            channel.closeFuture().addListener(closed -> loop.execute(() ->
            {
                list.remove(channel);
                supervisors.remove(channel);
                if (staffNo != null)
                {
                    workbenches.computeIfPresent(staffNo, (k, n) -> n > 1 ? n - 1 : null);
                    forget(staffNo, channel);
                }
            }));
        });
    }

    /** Whether {@code staffNo}'s workbench is open (an events socket); any thread. */
    public boolean workbenchOpen(final String staffNo)
    {
        return workbenches.containsKey(staffNo);
    }

    /** An event about one agent (its staff number), or about none in particular ({@code null}: admins only). */
    public void publish(final String staffNo, final Map<String, Object> event)
    {
        loop.execute(() -> deliver(staffNo, event));
    }

    /**
     * An event for one agent's eyes only (an internal chat's message): its own account's sockets, not the other
     * administrators' that see every agent's calls and states.
     */
    public void publishPrivately(final String staffNo, final Map<String, Object> event)
    {
        loop.execute(() -> write(own.getOrDefault(staffNo, List.of()), List.of(), event));
    }

    /** Whether a supervisor's or administrator's socket is open (on the hub's loop): the wallboard is built then. */
    public boolean supervisorsListening()
    {
        return !supervisors.isEmpty();
    }

    /** An event for supervisors and administrators only (the wallboard), whichever thread. */
    public void publishToSupervisors(final Map<String, Object> event)
    {
        loop.execute(() -> write(List.of(), supervisors, event));
    }

    private void deliver(final String staffNo, final Map<String, Object> event)
    {
        write(staffNo == null ? List.of() : agents.getOrDefault(staffNo, List.of()), everything, event);
    }

    private static void write(final List<Channel> mine, final List<Channel> all, final Map<String, Object> event)
    {
        if (mine.isEmpty() && all.isEmpty())
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
        for (final Channel channel : all)
        {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    private void forget(final String staffNo, final Channel channel)
    {
        final List<Channel> list = own.get(staffNo);
        if (list != null)
        {
            list.remove(channel);
            if (list.isEmpty())
            {
                own.remove(staffNo);
            }
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
