package io.switchboard.media.engine;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.switchboard.media.audio.Tones;
import io.switchboard.media.codec.G711;
import io.switchboard.media.sdp.Codec;
import io.switchboard.media.sdp.Direction;
import io.switchboard.media.sdp.Negotiated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A supervisor's mix in the engine over loopback sockets: the customer's phone speaks PCMA at a constant 1000, the
 * agent's PCMU at 2000, the supervisor's (in a session of its own, PCMA) 4000, each a packet every 20 ms; each phone
 * then hears the sums its mode gives it, in its own codec, and after {@link SupervisorMix#stop()} the call's plain
 * relay again. Every wait is for a packet of the expected level, bounded.
 */
@org.junit.jupiter.api.Timeout(60)
class SupervisorMixTest
{
    private static final long WAIT_MILLIS = 10_000;
    private static final int CUSTOMER = 1000;
    private static final int AGENT = 2000;
    private static final int SUPERVISOR = 4000;

    private EventLoopGroup group;
    private EventLoop loop;
    private MediaEngine engine;
    private MediaSession call;
    private MediaSession own;
    private TestPhone customer;
    private TestPhone agent;
    private TestPhone supervisor;
    private ScheduledExecutorService talking;

    @BeforeEach
    void setUp() throws Exception
    {
        group = Epoll.isAvailable() ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        loop = group.next();
        engine = new MediaEngine(new MediaOptions("127.0.0.1", "127.0.0.1", 41100, 41199, Tones.holdMusic()));
        call = onLoop(() -> engine.open(loop, (endpoint, digit) -> { }));
        own = onLoop(() -> engine.open(loop, (endpoint, digit) -> { }));
        customer = new TestPhone();
        agent = new TestPhone();
        supervisor = new TestPhone();
        customer.target(call.first().port());
        agent.target(call.second().port());
        supervisor.target(own.first().port());
        onLoop(() ->
        {
            call.first().apply(negotiated(customer.address(), Codec.PCMA));
            call.second().apply(negotiated(agent.address(), Codec.PCMU));
            own.first().apply(negotiated(supervisor.address(), Codec.PCMA));
            call.bridge();
            return null;
        });
        talking = Executors.newSingleThreadScheduledExecutor();
        final int[] seq = {0};
        talking.scheduleAtFixedRate(() ->
        {
            try
            {
                seq[0]++;
                customer.send(8, false, seq[0], 160L * seq[0], 0x11, constant(CUSTOMER, true));
                agent.send(0, false, seq[0], 160L * seq[0], 0x22, constant(AGENT, false));
                supervisor.send(8, false, seq[0], 160L * seq[0], 0x33, constant(SUPERVISOR, true));
            }
            catch (final java.io.IOException ex)
            {
                // the test is over
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void tearDown() throws Exception
    {
        talking.shutdownNow();
        talking.awaitTermination(5, TimeUnit.SECONDS);
        onLoop(() ->
        {
            call.close();
            own.close();
            return null;
        });
        customer.close();
        agent.close();
        supervisor.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void eachModeGivesEachPartyItsSumInItsCodecAndStopGivesTheRelayBack() throws Exception
    {
        final SupervisorMix mix = onLoop(() -> new SupervisorMix(call, call.second(), own.first(),
            SuperviseMode.LISTEN));
        supervisor.receiveUntil(1, level(CUSTOMER + AGENT, true), WAIT_MILLIS);
        customer.receiveUntil(1, level(AGENT, true), WAIT_MILLIS);
        agent.receiveUntil(1, level(CUSTOMER, false), WAIT_MILLIS);

        onLoop(() ->
        {
            mix.mode(SuperviseMode.WHISPER);
            return null;
        });
        agent.receiveUntil(1, level(CUSTOMER + SUPERVISOR, false), WAIT_MILLIS);
        customer.drain();
        assertFalse(customer.receiveUntil(10, rtp -> true, WAIT_MILLIS).stream()
            .anyMatch(level(AGENT + SUPERVISOR, true)), "the customer does not hear a whisper");

        onLoop(() ->
        {
            mix.mode(SuperviseMode.BARGE);
            return null;
        });
        customer.receiveUntil(1, level(AGENT + SUPERVISOR, true), WAIT_MILLIS);
        agent.receiveUntil(1, level(CUSTOMER + SUPERVISOR, false), WAIT_MILLIS);
        supervisor.receiveUntil(1, level(CUSTOMER + AGENT, true), WAIT_MILLIS);

        onLoop(() ->
        {
            mix.stop();
            mix.stop();
            return null;
        });
        // the relay again: the customer's own packets, converted to PCMU, and the agent's to PCMA; the supervisor's
        // phone gets nothing more
        agent.receiveUntil(5, rtp -> java.util.Arrays.equals(rtp.payload(), convert(constant(CUSTOMER, true))),
            WAIT_MILLIS);
        customer.receiveUntil(5, rtp -> java.util.Arrays.equals(rtp.payload(), convert(constant(AGENT, false))),
            WAIT_MILLIS);
        supervisor.drain();
        assertEquals(null, supervisor.receive(200), "nothing is mixed for a supervisor that left");
        assertEquals(0, (int)onLoop(() -> call.pacer().streams()), "the mix is no longer paced");
    }

    /** A packet whose every sample decodes within quantisation of {@code value}. */
    private static Predicate<TestPhone.Rtp> level(final int value, final boolean alaw)
    {
        return rtp ->
        {
            if (rtp.payload().length != FrameMixer.FRAME)
            {
                return false;
            }
            for (final byte sample : rtp.payload())
            {
                final int linear = alaw ? G711.alawToLinear(sample) : G711.ulawToLinear(sample);
                if (Math.abs(linear - value) > value / 8)
                {
                    return false;
                }
            }
            return true;
        };
    }

    private static byte[] constant(final int value, final boolean alaw)
    {
        final byte[] payload = new byte[FrameMixer.FRAME];
        java.util.Arrays.fill(payload, alaw ? G711.linearToAlaw(value) : G711.linearToUlaw(value));
        return payload;
    }

    /** A payload as the relay converts it to the other law. */
    private static byte[] convert(final byte[] payload)
    {
        final byte[] converted = payload.clone();
        final boolean alaw = payload[0] == G711.linearToAlaw(CUSTOMER);
        for (int i = 0; i < converted.length; i++)
        {
            converted[i] = alaw ? G711.alawToUlaw(payload[i]) : G711.ulawToAlaw(payload[i]);
        }
        return converted;
    }

    private static Negotiated negotiated(final InetSocketAddress remote, final Codec codec)
    {
        return new Negotiated(remote, codec, 101, Direction.SENDRECV, Direction.SENDRECV.answerTo(), 20, 0);
    }

    private <T> T onLoop(final Callable<T> action) throws Exception
    {
        return loop.submit(action).get(5, TimeUnit.SECONDS);
    }
}
