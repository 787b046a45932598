package io.switchboard.bench.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.media.rtp.StreamRewriter;
import io.switchboard.media.srtp.SrtpContext;
import io.switchboard.media.srtp.SrtpPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * What SRTP costs per packet on a WebRTC leg, side by side with what the plain relay does to every packet anyway
 * (issue 14's target: SRTP adds at most 50 % CPU per packet over plain RTP). One 20 ms G.711 packet (12 + 160
 * octets): {@code plainRelay} is the relay's own work on it (the stream rewrite of SSRC, sequence and timestamp);
 * {@code srtpIn} opens a browser's SRTP packet (tag check, decrypt) and {@code srtpOut} protects one (encrypt, tag):
 * a WebRTC-to-RTP call does one of each per packet relayed, on top of the plain work and the socket I/O.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SrtpBenchmark
{
    private static final byte[] KEY = new byte[16];
    private static final byte[] SALT = new byte[14];

    private SrtpContext sender;
    private SrtpContext receiver;
    private final byte[] packet = new byte[12 + 160 + SrtpPolicy.RTP_OVERHEAD];
    private final byte[] protectedCopy = new byte[packet.length];
    private int protectedLength;
    private final ByteBuf relayed = Unpooled.buffer(172);
    private final StreamRewriter rewriter = new StreamRewriter(0x1234, 1, 160);
    private int seq;
    private long now;

    @Setup
    public void setUp()
    {
        for (int i = 0; i < KEY.length; i++)
        {
            KEY[i] = (byte)(i * 13);
        }
        sender = SrtpContext.of(KEY, SALT);
        receiver = SrtpContext.of(KEY, SALT);
        packet[0] = (byte)0x80;
        packet[11] = 9;
    }

    @Benchmark
    public int plainRelay()
    {
        relayed.clear();
        relayed.writeBytes(packet, 0, 172);
        rewriter.rewrite(relayed, now += 20_000_000L);
        return relayed.getByte(3);
    }

    @Benchmark
    public int srtpOut()
    {
        seq = seq + 1 & 0xFFFF;
        packet[2] = (byte)(seq >>> 8);
        packet[3] = (byte)seq;
        return sender.protectRtp(packet, 0, 172);
    }

    @Benchmark
    public int srtpIn()
    {
        // A fresh packet each time: the replay window refuses a repeat (which would skip the decryption).
        seq = seq + 1 & 0xFFFF;
        packet[2] = (byte)(seq >>> 8);
        packet[3] = (byte)seq;
        protectedLength = sender.protectRtp(packet, 0, 172);
        System.arraycopy(packet, 0, protectedCopy, 0, protectedLength);
        return receiver.unprotectRtp(protectedCopy, 0, protectedLength);
    }
}
