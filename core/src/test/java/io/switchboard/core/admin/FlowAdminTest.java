package io.switchboard.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.journal.MemoryJournal;
import io.switchboard.ivr.flow.Catalog;
import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.store.FlowState;
import io.switchboard.ivr.store.FlowStore;
import io.switchboard.ivr.store.FlowStoreException;
import io.switchboard.ivr.store.NumberDirection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flows and numbers administered as events: checked, journalled, then applied by the same {@code apply} the replay
 * uses; a refusal journals nothing, a journal that fails changes nothing, and changes are checked one after the
 * other so that none passes against a state another is about to change.
 */
class FlowAdminTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Catalog EVERYTHING = new Catalog()
    {
        @Override
        public boolean groupExists(final String name)
        {
            return true;
        }

        @Override
        public boolean audioExists(final String id)
        {
            return true;
        }

        @Override
        public boolean audioApproved(final String id)
        {
            return true;
        }

        @Override
        public boolean speechAvailable(final String voice)
        {
            return true;
        }
    };

    private final FlowStore store = new FlowStore(EVERYTHING);
    private int published;

    private static JsonNode flow(final String name)
    {
        try
        {
            return JSON.readTree("""
                { "name": "%s", "nodes": [
                  { "type": "start", "id": "start", "next": "bye" },
                  { "type": "end", "id": "bye", "prompt": { "text": "Goodbye." } } ] }
                """.formatted(name));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private FlowAdmin admin(final Journal journal)
    {
        return new FlowAdmin(store, journal, Runnable::run, () -> published++);
    }

    @Test
    void eachChangeIsJournalledThenAppliedAndReplaysToTheSameStore() throws Exception
    {
        final MemoryJournal journal = new MemoryJournal();
        final FlowAdmin admin = admin(journal);
        admin.commit(new FlowEvent.Saved("welcome", flow("welcome"))).get();
        admin.commit(new FlowEvent.Published("welcome")).get();
        admin.commit(FlowEvent.NumberBound.of("6000", NumberDirection.BOTH, "welcome")).get();
        assertEquals(FlowState.IN_USE, store.state("welcome"));
        assertEquals(3, published);

        final List<FlowAdmin.Entry> entries = new ArrayList<>();
        journal.replay((type, json) -> entries.add(new FlowAdmin.Entry(type, json)));
        assertEquals(List.of("flow.saved", "flow.published", "number.bound"),
            entries.stream().map(FlowAdmin.Entry::type).toList());
        assertEquals("{\"number\":\"6000\",\"direction\":\"both\",\"flow\":\"welcome\"}",
            new String(entries.get(2).json()), "the JSON earlier versions wrote");

        final FlowStore replayed = new FlowStore(EVERYTHING);
        assertEquals(0, FlowAdmin.replay(replayed, entries));
        assertEquals(FlowState.IN_USE, replayed.state("welcome"));
        final Flow live = replayed.flowForNumber("6000");
        assertEquals("welcome", live.name());
        assertEquals(NumberDirection.BOTH, replayed.numbers().get(0).direction());
    }

    @Test
    void aRefusedChangeJournalsNothing()
    {
        final MemoryJournal journal = new MemoryJournal();
        final FlowAdmin admin = admin(journal);
        final ExecutionException refused = assertThrows(ExecutionException.class,
            () -> admin.commit(new FlowEvent.Published("nowhere")).get());
        assertInstanceOf(FlowStoreException.class, refused.getCause());
        final List<String> types = new ArrayList<>();
        journal.replay((type, json) -> types.add(type));
        assertTrue(types.isEmpty());
        assertEquals(0, published);
    }

    @Test
    void aJournalThatFailsChangesNothing()
    {
        final FlowAdmin admin = admin(new HeldJournal(true));
        final ExecutionException failed = assertThrows(ExecutionException.class,
            () -> admin.commit(new FlowEvent.Saved("welcome", flow("welcome"))).get());
        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertTrue(store.flowNames().isEmpty(), "nothing to undo: nothing was made");
        assertEquals(0, published);
    }

    @Test
    void aChangeIsCheckedOnlyOnceTheOneBeforeItIsApplied() throws Exception
    {
        final MemoryJournal memory = new MemoryJournal();
        admin(memory).commit(new FlowEvent.Saved("welcome", flow("welcome"))).get();
        admin(memory).commit(new FlowEvent.Published("welcome")).get();

        final HeldJournal held = new HeldJournal(false);
        final FlowAdmin admin = admin(held);
        final CompletableFuture<FlowEvent> bind = admin.commit(FlowEvent.NumberBound.of("6000",
            NumberDirection.INBOUND, "welcome"));
        final CompletableFuture<FlowEvent> unpublish = admin.commit(new FlowEvent.Unpublished("welcome"));
        // The bind is being written; the unpublish must not pass its check against the store without the number.
        assertEquals(1, held.waiting.size());
        assertFalse(unpublish.isDone());
        assertNull(store.flowForNumber("6000"));

        held.waiting.get(0).complete(1L);
        bind.get();
        final ExecutionException refused = assertThrows(ExecutionException.class, unpublish::get);
        assertInstanceOf(FlowStoreException.class, refused.getCause(), "the flow serves 6000 now");
        assertEquals(1, held.waiting.size(), "the refused unpublish was never journalled");
        assertEquals("welcome", store.flowForNumber("6000").name());
    }

    /** A journal whose appends wait until the test completes them, or fail at once (a full disk). */
    private static final class HeldJournal implements Journal
    {
        private final boolean failing;
        private final List<CompletableFuture<Long>> waiting = new ArrayList<>();

        HeldJournal(final boolean failing)
        {
            this.failing = failing;
        }

        @Override
        public CompletableFuture<Long> append(final String type, final byte[] json)
        {
            if (failing)
            {
                return CompletableFuture.failedFuture(new IOException("no space left on device"));
            }
            final CompletableFuture<Long> written = new CompletableFuture<>();
            waiting.add(written);
            return written;
        }

        @Override
        public void replay(final BiConsumer<String, byte[]> handler)
        {
        }

        @Override
        public void close()
        {
        }
    }
}
