package io.switchboard.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.store.FlowStore;
import io.switchboard.ivr.store.NumberDirection;

import java.util.Locale;

/**
 * A change to the voice flows or the phone numbers, as the journal keeps it: {@code flow.saved} (the flow as
 * received), {@code flow.deleted}, {@code flow.published}, {@code flow.unpublished}, {@code number.bound}. The JSON
 * of each record is what earlier versions wrote for the same entry type, so journals written before keep replaying.
 * {@link #check} asks the store whether it would take the change now without changing anything; {@link #apply}
 * makes it, the same at start (replay) and live.
 */
public sealed interface FlowEvent extends StoreChange<FlowStore>
{
    String SAVED = "flow.saved";
    String DELETED = "flow.deleted";
    String PUBLISHED = "flow.published";
    String UNPUBLISHED = "flow.unpublished";
    String NUMBER_BOUND = "number.bound";

    /** Whether a journal entry of this type is one of these. */
    static boolean handles(final String type)
    {
        return SAVED.equals(type) || DELETED.equals(type) || PUBLISHED.equals(type) || UNPUBLISHED.equals(type)
            || NUMBER_BOUND.equals(type);
    }

    /** Reads a journal entry of one of the types above. */
    static FlowEvent read(final String type, final byte[] json)
    {
        return switch (type)
        {
            case SAVED -> AdminChanges.read(type, json, Saved.class);
            case DELETED -> AdminChanges.read(type, json, Deleted.class);
            case PUBLISHED -> AdminChanges.read(type, json, Published.class);
            case UNPUBLISHED -> AdminChanges.read(type, json, Unpublished.class);
            case NUMBER_BOUND -> AdminChanges.read(type, json, NumberBound.class);
            case GroupEvent.RENAMED -> AdminChanges.read(type, json, GroupRenamed.class);
            default -> throw new IllegalArgumentException("not a flow entry: " + type);
        };
    }

    /** A flow created or replaced (unpublished), kept as the administrator sent it. */
    record Saved(String name, JsonNode flow) implements FlowEvent
    {
        @Override
        public String type()
        {
            return SAVED;
        }

        private Flow parsed()
        {
            return AdminChanges.value(type(), flow, Flow.class);
        }

        @Override
        public void check(final FlowStore store)
        {
            store.checkSave(parsed());
        }

        @Override
        public void apply(final FlowStore store)
        {
            store.save(parsed());
        }
    }

    record Deleted(String name) implements FlowEvent
    {
        @Override
        public String type()
        {
            return DELETED;
        }

        @Override
        public void check(final FlowStore store)
        {
            store.checkDelete(name);
        }

        @Override
        public void apply(final FlowStore store)
        {
            store.delete(name);
        }
    }

    record Published(String name) implements FlowEvent
    {
        @Override
        public String type()
        {
            return PUBLISHED;
        }

        @Override
        public void check(final FlowStore store)
        {
            store.checkPublish(name);
        }

        @Override
        public void apply(final FlowStore store)
        {
            store.publish(name);
        }
    }

    record Unpublished(String name) implements FlowEvent
    {
        @Override
        public String type()
        {
            return UNPUBLISHED;
        }

        @Override
        public void check(final FlowStore store)
        {
            store.checkUnpublish(name);
        }

        @Override
        public void apply(final FlowStore store)
        {
            store.unpublish(name);
        }
    }

    /** A number added or changed, with its direction ({@code inbound}, {@code outbound}, {@code both}) and flow. */
    record NumberBound(String number, String direction, String flow) implements FlowEvent
    {
        public static NumberBound of(final String number, final NumberDirection direction, final String flow)
        {
            return new NumberBound(number, direction.name().toLowerCase(Locale.ROOT), flow);
        }

        @Override
        public String type()
        {
            return NUMBER_BOUND;
        }

        @Override
        public void check(final FlowStore store)
        {
            store.checkNumberBoundTo(number, flow);
        }

        @Override
        public void apply(final FlowStore store)
        {
            store.numberBoundTo(number, NumberDirection.valueOf(direction.toUpperCase(Locale.ROOT)), flow);
        }
    }

    /**
     * The skill group {@code name} was renamed {@code to} (the {@code group.renamed} entry itself, never journalled
     * as a flow change): the flows' transfer nodes follow, in order with the flow changes around it.
     */
    record GroupRenamed(String name, String to) implements FlowEvent
    {
        @Override
        public String type()
        {
            return GroupEvent.RENAMED;
        }

        @Override
        public void check(final FlowStore store)
        {
            // a rename of what flows refer to keeps them as valid as they were
        }

        @Override
        public void apply(final FlowStore store)
        {
            store.renameGroup(name, to);
        }
    }
}
