package io.switchboard.core.trunk;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address block: {@code "203.0.113.0/24"}, {@code "2001:db8::/32"}, or one address (a /32 or /128).
 * IPv4-mapped IPv6 addresses ({@code ::ffff:203.0.113.7}) are IPv4. Parsing never looks anything up in DNS.
 * Immutable and thread safe.
 */
public final class Cidr
{
    private final byte[] network;
    private final int prefixLength;

    private Cidr(final byte[] network, final int prefixLength)
    {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** One address as a block of one. */
    public static Cidr of(final InetAddress address)
    {
        final byte[] bytes = bytes(address);
        return new Cidr(bytes, bytes.length * 8);
    }

    /**
     * Parses {@code address} or {@code address/bits}.
     *
     * @throws IllegalArgumentException if it is not an IP literal with a prefix length in range
     */
    public static Cidr parse(final String text)
    {
        final int slash = text == null ? -1 : text.indexOf('/');
        final String literal = slash < 0 ? text : text.substring(0, slash);
        final InetAddress address = literal(literal);
        if (address == null)
        {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
        }
        final byte[] bytes = bytes(address);
        final int max = bytes.length * 8;
        int bits = max;
        if (slash >= 0)
        {
            final String suffix = text.substring(slash + 1);
            final int mapped = literal.indexOf(':') >= 0 && bytes.length == 4 ? 96 : 0;
            bits = suffix.matches("[0-9]{1,3}") ? Integer.parseInt(suffix) - mapped : -1;
            if (bits < 0 || bits > max)
            {
                throw new IllegalArgumentException("prefix length out of range: " + text);
            }
        }
        return new Cidr(mask(bytes, bits), bits);
    }

    /** An IPv4 or IPv6 literal, or null; IPv4 is parsed by hand so that nothing else could reach a resolver. */
    private static InetAddress literal(final String text)
    {
        try
        {
            if (text != null && text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}"))
            {
                final String[] parts = text.split("\\.");
                final byte[] b = new byte[4];
                for (int i = 0; i < 4; i++)
                {
                    final int octet = Integer.parseInt(parts[i]);
                    if (octet > 255)
                    {
                        return null;
                    }
                    b[i] = (byte)octet;
                }
                return InetAddress.getByAddress(b);
            }
            if (text != null && text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+"))
            {
                return InetAddress.getByName(text); // contains ':': parsed as an IPv6 literal, never resolved
            }
            return null;
        }
        catch (final UnknownHostException ex)
        {
            return null;
        }
    }

    /** The address's bytes, 4 for IPv4 and IPv4-mapped IPv6, else 16. */
    static byte[] bytes(final InetAddress address)
    {
        final byte[] b = address.getAddress();
        if (b.length == 16 && !(address instanceof Inet4Address) && isMapped(b))
        {
            return Arrays.copyOfRange(b, 12, 16);
        }
        return b;
    }

    private static boolean isMapped(final byte[] b)
    {
        for (int i = 0; i < 10; i++)
        {
            if (b[i] != 0)
            {
                return false;
            }
        }
        return b[10] == (byte)0xff && b[11] == (byte)0xff;
    }

    private static byte[] mask(final byte[] bytes, final int bits)
    {
        final byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++)
        {
            final int keep = Math.max(0, Math.min(8, bits - 8 * i));
            out[i] &= (byte)(0xff << (8 - keep));
        }
        return out;
    }

    /** Whether the address is in this block (an IPv4 address is never in an IPv6 block, nor the other way). */
    public boolean contains(final InetAddress address)
    {
        final byte[] b = bytes(address);
        return b.length == network.length && Arrays.equals(mask(b, prefixLength), network);
    }

    public int prefixLength()
    {
        return prefixLength;
    }

    public boolean isIpv6()
    {
        return network.length == 16;
    }

    @Override
    public String toString()
    {
        try
        {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
