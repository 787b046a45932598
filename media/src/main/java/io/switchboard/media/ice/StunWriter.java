package io.switchboard.media.ice;

import javax.crypto.Mac;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Builds the STUN messages an ICE-lite agent sends (RFC 5389 §6, §15): a Binding success response with
 * XOR-MAPPED-ADDRESS (the source the request came from), MESSAGE-INTEGRITY keyed with our password, and FINGERPRINT;
 * or an error response (400, 401, 487) with ERROR-CODE and FINGERPRINT. Attributes are added in order into a
 * buffer owned by the writer; {@link #finish} returns the message. One writer per thread.
 */
final class StunWriter
{
    private final byte[] buffer = new byte[576];
    private int end;
    /** What pads attribute values to 32 bits; RFC 5389 allows any value (RFC 5769's vectors use spaces). */
    private byte padding;

    StunWriter padding(final byte value)
    {
        this.padding = value;
        return this;
    }

    /** Starts a message: type, a length filled in later, the magic cookie, the transaction id. */
    StunWriter start(final int type, final byte[] transactionId)
    {
        end = 0;
        u16(type);
        u16(0);
        u32(StunMessage.MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, buffer, end, 12);
        end += 12;
        return this;
    }

    StunWriter software(final String name)
    {
        return attribute(StunMessage.SOFTWARE, name.getBytes(StandardCharsets.UTF_8));
    }

    /** XOR-MAPPED-ADDRESS (§15.2): port XOR the cookie's high half; IPv4 XOR the cookie, IPv6 XOR cookie and id. */
    StunWriter xorMappedAddress(final InetSocketAddress address)
    {
        final byte[] ip = address.getAddress().getAddress();
        final boolean v6 = address.getAddress() instanceof Inet6Address;
        final byte[] value = new byte[4 + ip.length];
        value[1] = (byte)(v6 ? 2 : 1);
        final int port = address.getPort() ^ StunMessage.MAGIC_COOKIE >>> 16;
        value[2] = (byte)(port >>> 8);
        value[3] = (byte)port;
        for (int i = 0; i < ip.length; i++)
        {
            // The cookie, then (IPv6) the transaction id, as it stands in the header at bytes 4..19.
            value[4 + i] = (byte)(ip[i] ^ buffer[4 + i]);
        }
        return attribute(StunMessage.XOR_MAPPED_ADDRESS, value);
    }

    /** ERROR-CODE (§15.6): class and number, and the reason phrase. */
    StunWriter errorCode(final int code, final String reason)
    {
        final byte[] phrase = reason.getBytes(StandardCharsets.UTF_8);
        final byte[] value = new byte[4 + phrase.length];
        value[2] = (byte)(code / 100);
        value[3] = (byte)(code % 100);
        System.arraycopy(phrase, 0, value, 4, phrase.length);
        return attribute(StunMessage.ERROR_CODE, value);
    }

    /** MESSAGE-INTEGRITY (§15.4) with {@code mac} keyed by the short-term password. */
    StunWriter messageIntegrity(final Mac mac)
    {
        length(end + 24 - StunMessage.HEADER);
        mac.reset();
        mac.update(buffer, 0, end);
        return attribute(StunMessage.MESSAGE_INTEGRITY, mac.doFinal());
    }

    /** FINGERPRINT (§15.5), always last. */
    StunWriter fingerprint()
    {
        length(end + 8 - StunMessage.HEADER);
        final CRC32 crc = new CRC32();
        crc.update(buffer, 0, end);
        final int value = (int)crc.getValue() ^ StunMessage.FINGERPRINT_XOR;
        return attribute(StunMessage.FINGERPRINT, new byte[] {(byte)(value >>> 24), (byte)(value >>> 16),
            (byte)(value >>> 8), (byte)value});
    }

    /** The message as written (a copy). */
    byte[] finish()
    {
        length(end - StunMessage.HEADER);
        return Arrays.copyOf(buffer, end);
    }

    /** Any attribute, its value padded to 32 bits (USERNAME, PRIORITY, USE-CANDIDATE of a check). */
    StunWriter attribute(final int type, final byte[] value)
    {
        u16(type);
        u16(value.length);
        System.arraycopy(value, 0, buffer, end, value.length);
        end += value.length;
        while ((end & 3) != 0)
        {
            buffer[end++] = padding;
        }
        return this;
    }

    private void length(final int length)
    {
        buffer[2] = (byte)(length >>> 8);
        buffer[3] = (byte)length;
    }

    private void u16(final int value)
    {
        buffer[end++] = (byte)(value >>> 8);
        buffer[end++] = (byte)value;
    }

    private void u32(final int value)
    {
        u16(value >>> 16);
        u16(value);
    }
}
