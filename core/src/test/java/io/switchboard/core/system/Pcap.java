package io.switchboard.core.system;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the RTP packets of a libpcap capture (what SIPp plays with {@code play_pcap_audio}), so that a test knows
 * what the server must have relayed: a 24-byte global header, then per packet a 16-byte record header, an Ethernet
 * (or Linux cooked) header, IPv4, UDP, RTP.
 */
final class Pcap
{
    private static final int LINK_ETHERNET = 1;
    private static final int LINK_LINUX_COOKED = 113;
    private static final int UDP_HEADER = 8;

    private Pcap()
    {
    }

    /** The RTP packets of a capture, in order. */
    static List<RtpPeer.Packet> rtp(final Path file) throws IOException
    {
        final ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        final int magic = in.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xa1b2c3d4)
        {
            in.order(ByteOrder.BIG_ENDIAN);
            if (in.getInt(0) != 0xa1b2c3d4)
            {
                throw new IOException(file + " is not a microsecond libpcap capture");
            }
        }
        final int link = in.getInt(20);
        final int linkHeader = link == LINK_ETHERNET ? 14 : link == LINK_LINUX_COOKED ? 16 : -1;
        if (linkHeader < 0)
        {
            throw new IOException(file + ": link type " + link + " not supported");
        }
        final List<RtpPeer.Packet> packets = new ArrayList<>();
        int offset = 24;
        while (offset + 16 <= in.limit())
        {
            final int captured = in.getInt(offset + 8);
            final int frame = offset + 16;
            offset = frame + captured;
            final int ip = frame + linkHeader;
            final int ipHeader = (in.get(ip) & 0x0f) * 4;
            final int udp = ip + ipHeader;
            final int udpLength = in.order(ByteOrder.BIG_ENDIAN).getShort(udp + 4) & 0xffff;
            final byte[] rtp = Arrays.copyOfRange(in.array(), udp + UDP_HEADER, udp + udpLength);
            in.order(magic == 0xa1b2c3d4 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            final RtpPeer.Packet packet = RtpPeer.Packet.parse(rtp, rtp.length);
            if (packet != null)
            {
                packets.add(packet);
            }
        }
        return packets;
    }
}
