package io.switchboard.media.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.media.rtp.RtcpPacket;
import io.switchboard.media.rtp.StreamRewriter;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The RTCP of one endpoint (RFC 3550 §6): a sender report with our CNAME every 5 seconds for the stream we send,
 * and a BYE when the call ends. Reports go to where the phone's RTCP comes from, else to its RTP port + 1.
 * Reports from the phone are counted, and the loss their report blocks give for our stream is kept; each leg is its
 * own RTP session, so they are not relayed across.
 */
final class RtcpReporter
{
    /** RFC 3550 §6.2 minimum interval for a session of two. */
    private static final long INTERVAL_SECONDS = 5;

    private final Channel rtcp;
    private final StreamRewriter stream;
    private final String cname;
    private InetSocketAddress latched;
    private ScheduledFuture<?> task;
    private long received;
    private long reportedLost;

    RtcpReporter(final Channel rtcp, final StreamRewriter stream, final String cname)
    {
        this.rtcp = rtcp;
        this.stream = stream;
        this.cname = cname;
    }

    /** Starts the periodic reports; {@code rtp} gives the phone's current RTP address at each report. */
    void start(final java.util.function.Supplier<InetSocketAddress> rtp)
    {
        if (task == null)
        {
            task = rtcp.eventLoop().scheduleAtFixedRate(() -> report(rtp.get()), INTERVAL_SECONDS, INTERVAL_SECONDS,
                TimeUnit.SECONDS);
        }
    }

    /** A report from the phone: counted, its source latched, and the loss it reports about our stream kept. */
    void onReport(final ByteBuf packet, final InetSocketAddress sender)
    {
        received++;
        latched = sender;
        final long lost = RtcpPacket.cumulativeLost(packet, stream.ssrc());
        if (lost >= 0)
        {
            reportedLost = lost;
        }
    }

    /** The packets of our stream the phone last reported lost (cumulative, RFC 3550 §6.4), 0 before any report. */
    long reportedLost()
    {
        return reportedLost;
    }

    long received()
    {
        return received;
    }

    private void report(final InetSocketAddress rtp)
    {
        final InetSocketAddress to = target(rtp);
        if (to == null || stream.packets() == 0)
        {
            return;
        }
        final ByteBuf out = senderReport();
        RtcpPacket.writeSdesCname(out, stream.ssrc(), cname);
        rtcp.writeAndFlush(new DatagramPacket(out, to), rtcp.voidPromise());
    }

    /** Stops reporting and says goodbye (RFC 3550 §6.6), if the phone is known. */
    void stop(final InetSocketAddress rtp)
    {
        if (task != null)
        {
            task.cancel(false);
            task = null;
        }
        final InetSocketAddress to = target(rtp);
        if (to != null && stream.packets() > 0 && rtcp.isActive())
        {
            final ByteBuf out = senderReport();
            RtcpPacket.writeBye(out, stream.ssrc());
            rtcp.writeAndFlush(new DatagramPacket(out, to), rtcp.voidPromise());
        }
    }

    /** A compound packet starts with a report (RFC 3550 §6.1); room is left for SDES or BYE after it. */
    private ByteBuf senderReport()
    {
        final ByteBuf out = rtcp.alloc().directBuffer(64 + cname.length());
        RtcpPacket.writeSenderReport(out, stream.ssrc(), RtcpPacket.ntpTimestamp(System.currentTimeMillis()),
            stream.lastTimestamp(), stream.packets(), stream.octets());
        return out;
    }

    private InetSocketAddress target(final InetSocketAddress rtp)
    {
        if (latched != null)
        {
            return latched;
        }
        return rtp == null || rtp.getPort() >= 65535 ? null
            : new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
    }
}
