package io.switchboard.bench.media;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * One simulated phone: a UDP socket connected to its endpoint of the engine, sending one 172-byte PCMU packet per
 * 20 ms and reading what the engine relays from the other phone of the call. Everything here runs on the socket's
 * generator event loop, which is its {@link Lane}'s. With shared sockets the phone sends from its lane's socket to
 * {@code target}, and the lane hands it what the engine relays to it.
 *
 * <p>The 160-byte payload, which the engine relays untouched between two PCMU legs, starts with: the send time
 * ({@link System#nanoTime()}, 8 bytes), the sending phone's id (4), its own sequence number (4), and 1 when the
 * packet was sent inside the measured window. The rest is PCMU silence.
 *
 * <p>{@link BrowserPhone} plays a browser on a WebRTC leg instead: it overrides how a packet goes out
 * ({@link #transmit}) and how a datagram comes in ({@link #onDatagram}), and measures the same way.
 */
class Phone extends ChannelInboundHandlerAdapter
{
    static final int HEADER = 12;
    static final int PAYLOAD = 160;
    private static final int MEASURED_OFFSET = 16;
    private static final int MIN_LENGTH = HEADER + MEASURED_OFFSET + 1;
    private static final int WINDOW = 64;
    private static final byte[] TEMPLATE = template();

    final int id;
    final long phaseNanos;
    private final int peerId;
    private Lane lane;
    private Channel channel;
    private InetSocketAddress target;

    private int sequence;
    long sentMeasured;
    long sentTotal;
    long skippedMeasured;

    private boolean first = true;
    private int highest;
    private long seen;
    private boolean havePrevious;
    private long previousSent;
    private long previousReceived;
    long receivedMeasured;
    long receivedTotal;
    long duplicates;
    long reordered;
    long foreign;

    Phone(final int id, final int peerId, final long phaseNanos)
    {
        this.id = id;
        this.peerId = peerId;
        this.phaseNanos = phaseNanos;
    }

    void attach(final Lane owner, final Channel socket)
    {
        lane = owner;
        channel = socket;
    }

    /** Shared-socket mode: sends from {@code socket}, which the lane flushes after each round, to {@code to}. */
    void attach(final Lane owner, final Channel socket, final InetSocketAddress to)
    {
        attach(owner, socket);
        target = to;
    }

    Channel channel()
    {
        return channel;
    }

    /** Sends the next packet now; {@code measured} marks it as belonging to the window. */
    void send(final boolean measured)
    {
        final int seq = sequence++;
        sentTotal++;
        if (measured)
        {
            sentMeasured++;
        }
        transmit(seq, measured);
    }

    /** Builds packet number {@code seq} and sends it; the send time is written last. */
    void transmit(final int seq, final boolean measured)
    {
        final ByteBuf packet = channel.alloc().directBuffer(HEADER + PAYLOAD);
        packet.writeByte(0x80);
        packet.writeByte(0);
        packet.writeShort(seq);
        packet.writeInt(seq * PAYLOAD);
        packet.writeInt(id);
        packet.writeBytes(TEMPLATE);
        packet.setInt(HEADER + 8, id);
        packet.setInt(HEADER + 12, seq);
        packet.setByte(HEADER + MEASURED_OFFSET, measured ? 1 : 0);
        packet.setLong(HEADER, System.nanoTime());
        write(packet);
    }

    /** Sends a datagram to this phone's endpoint: on its own connected socket, or from the lane's shared one. */
    void write(final ByteBuf packet)
    {
        if (target == null)
        {
            channel.writeAndFlush(packet, channel.voidPromise());
        }
        else
        {
            channel.write(new DatagramPacket(packet, target), channel.voidPromise());
        }
    }

    /** Lets a packet time pass without sending (the generator is too late for it). */
    void skip(final boolean measured)
    {
        sequence++;
        if (measured)
        {
            skippedMeasured++;
        }
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        final long now = System.nanoTime();
        try
        {
            if (msg instanceof DatagramPacket packet)
            {
                onDatagram(packet.content(), now);
            }
            else if (msg instanceof ByteBuf buf)
            {
                onDatagram(buf, now);
            }
        }
        finally
        {
            ReferenceCountUtil.release(msg);
        }
    }

    /** A datagram on this phone's own socket, read at {@code received}: for a plain phone, RTP. */
    void onDatagram(final ByteBuf datagram, final long received)
    {
        onPacket(datagram, received);
    }

    /** The id of the phone that sent {@code packet}, or -1 if it is not one of ours. */
    static int sender(final ByteBuf packet)
    {
        return packet.readableBytes() < MIN_LENGTH ? -1 : packet.getInt(packet.readerIndex() + HEADER + 8);
    }

    void onPacket(final ByteBuf packet, final long received)
    {
        if (packet.readableBytes() < MIN_LENGTH || (packet.getByte(packet.readerIndex()) & 0x0F) != 0)
        {
            foreign++;
            return;
        }
        final int base = packet.readerIndex() + HEADER;
        final long sent = packet.getLong(base);
        final int from = packet.getInt(base + 8);
        final int seq = packet.getInt(base + 12);
        final boolean measured = packet.getByte(base + MEASURED_OFFSET) == 1;
        if (from != peerId)
        {
            foreign++;
            return;
        }
        if (!fresh(seq))
        {
            duplicates++;
            return;
        }
        receivedTotal++;
        if (measured)
        {
            receivedMeasured++;
            lane.transit(received - sent);
            if (havePrevious)
            {
                // RFC 3550 §6.4.1: D(i,j) = (Rj - Ri) - (Sj - Si), between this arrival and the one before it.
                lane.jitter(Math.abs((received - previousReceived) - (sent - previousSent)));
            }
        }
        havePrevious = true;
        previousSent = sent;
        previousReceived = received;
    }

    /** Whether {@code seq} was not seen before; counts arrivals older than the newest one as reordered. */
    private boolean fresh(final int seq)
    {
        if (first)
        {
            first = false;
            highest = seq;
            seen = 1;
            return true;
        }
        final int ahead = seq - highest;
        if (ahead > 0)
        {
            seen = ahead >= WINDOW ? 1 : seen << ahead | 1;
            highest = seq;
            return true;
        }
        final int behind = -ahead;
        if (behind >= WINDOW)
        {
            reordered++;
            return true;
        }
        final long bit = 1L << behind;
        if ((seen & bit) != 0)
        {
            return false;
        }
        seen |= bit;
        reordered++;
        return true;
    }

    /** Adds this phone's counts to {@code tally}: the first phone of a call sends A to B, the second B to A. */
    void addTo(final Lane.Tally tally)
    {
        final boolean a = id % 2 == 0;
        tally.sent[a ? 0 : 1] += sentMeasured;
        tally.received[a ? 1 : 0] += receivedMeasured;
        tally.sentTotal += sentTotal;
        tally.skipped += skippedMeasured;
        tally.receivedTotal += receivedTotal;
        tally.duplicates += duplicates;
        tally.reordered += reordered;
        tally.foreign += foreign;
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        lane.error(cause);
    }

    private static byte[] template()
    {
        final byte[] silence = new byte[PAYLOAD];
        Arrays.fill(silence, (byte)0xFF);
        return silence;
    }
}
