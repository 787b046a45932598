package io.switchboard.core.trunk;

import io.switchboard.core.config.TrunkSettings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trunks of the configuration, by name, by the source addresses they send from and by the numbers they bring in.
 * Built once at start (resolving the host of every trunk that lists no inbound addresses) and immutable after: safe
 * to read from every worker.
 */
public final class TrunkDirectory
{
    /** Resolves a trunk's host to its addresses; {@link InetAddress#getAllByName} in the server, a map in tests. */
    @FunctionalInterface
    public interface HostResolver
    {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A source block and the trunk it belongs to. */
    private record Source(Cidr block, TrunkSettings trunk)
    {
    }

    private final Map<String, TrunkSettings> byName;
    private final Map<String, TrunkSettings> byNumber;
    private final Map<String, List<Cidr>> blocks;
    /** Every block of every trunk, the most specific (longest prefix) first, then in configuration order. */
    private final List<Source> sources;

    /** From concluded trunk settings, resolving hosts with DNS. */
    public TrunkDirectory(final List<TrunkSettings> trunks)
    {
        this(trunks, InetAddress::getAllByName);
    }

    /**
     * From concluded trunk settings.
     *
     * @throws IllegalArgumentException naming the trunk, if a host that has to be resolved cannot be, or an inbound
     *     address does not parse
     */
    public TrunkDirectory(final List<TrunkSettings> trunks, final HostResolver resolver)
    {
        final Map<String, TrunkSettings> names = new LinkedHashMap<>();
        final Map<String, TrunkSettings> numbers = new HashMap<>();
        final Map<String, List<Cidr>> cidrs = new HashMap<>();
        final List<Source> all = new ArrayList<>();
        for (final TrunkSettings t : trunks)
        {
            if (names.putIfAbsent(t.name, t) != null)
            {
                throw new IllegalArgumentException("configuration: tenant.trunks." + t.name + ": name used twice");
            }
            for (final String n : t.numbers)
            {
                numbers.putIfAbsent(n, t);
            }
            final List<Cidr> list = List.copyOf(inbound(t, resolver));
            cidrs.put(t.name, list);
            for (final Cidr c : list)
            {
                all.add(new Source(c, t));
            }
        }
        all.sort((a, b) -> Integer.compare(b.block().prefixLength(), a.block().prefixLength())); // stable
        this.byName = Collections.unmodifiableMap(names);
        this.byNumber = Map.copyOf(numbers);
        this.blocks = Map.copyOf(cidrs);
        this.sources = List.copyOf(all);
    }

    private static List<Cidr> inbound(final TrunkSettings t, final HostResolver resolver)
    {
        final List<Cidr> list = new ArrayList<>();
        if (t.inboundAddresses != null)
        {
            for (final String text : t.inboundAddresses)
            {
                try
                {
                    list.add(Cidr.parse(text));
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException("configuration: tenant.trunks." + t.name + ": inboundAddresses: "
                        + ex.getMessage(), ex);
                }
            }
            return list;
        }
        try
        {
            for (final InetAddress a : resolver.resolve(t.host))
            {
                list.add(Cidr.of(a));
            }
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("configuration: tenant.trunks." + t.name + ": cannot resolve host "
                + t.host + " (list inboundAddresses, or [] for an outbound-only trunk)", ex);
        }
        return list;
    }

    /** The trunk of that name, or null. */
    public TrunkSettings trunk(final String name)
    {
        return name == null ? null : byName.get(name);
    }

    /** Every trunk, in configuration order. */
    public List<TrunkSettings> trunks()
    {
        return List.copyOf(byName.values());
    }

    /**
     * The trunk a request from this source address comes from, or null if none (then the request needs digest
     * authentication as an extension, or is refused with 403). If blocks of several trunks hold the address, the
     * most specific block wins, then the trunk listed first.
     */
    public TrunkSettings trunkForSource(final InetAddress source)
    {
        for (final Source s : sources)
        {
            if (s.block().contains(source))
            {
                return s.trunk();
            }
        }
        return null;
    }

    /** Whether the named trunk accepts requests from this source (several trunks may share a carrier's address). */
    public boolean acceptsFrom(final String trunk, final InetAddress source)
    {
        final List<Cidr> list = blocks.get(trunk);
        if (list != null)
        {
            for (final Cidr c : list)
            {
                if (c.contains(source))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /** The trunk that brings this E.164 number in, or null. */
    public TrunkSettings trunkForNumber(final String e164)
    {
        return e164 == null ? null : byNumber.get(e164);
    }

    /** The inbound blocks of a trunk (empty for an outbound-only trunk or an unknown name). */
    public List<Cidr> inboundBlocks(final String trunk)
    {
        return blocks.getOrDefault(trunk, List.of());
    }
}
