package io.switchboard.core.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** A journal in memory (tests; a server without a data directory): appended entries are kept in order. */
public final class MemoryJournal implements Journal
{
    private record Entry(String type, byte[] json)
    {
    }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<Long> append(final String type, final byte[] json)
    {
        entries.add(new Entry(type, json.clone()));
        return CompletableFuture.completedFuture((long)entries.size() - 1);
    }

    @Override
    public void replay(final BiConsumer<String, byte[]> handler)
    {
        replay((index, type) -> true, (index, type, json) -> handler.accept(type, json));
    }

    @Override
    public synchronized void replay(final Filter wanted, final Handler handler)
    {
        for (int i = 0; i < entries.size(); i++)
        {
            final Entry entry = entries.get(i);
            if (wanted.wants(i, entry.type()))
            {
                handler.accept(i, entry.type(), entry.json());
            }
        }
    }

    @Override
    public void close()
    {
    }
}
