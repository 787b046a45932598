package io.switchboard.ivr.store;

import io.switchboard.ivr.flow.Catalog;
import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.flow.FlowValidator;
import io.switchboard.ivr.flow.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's flows and phone numbers, with the lifecycle rules: a flow is saved unpublished (checked, but audio may
 * still await approval), edited or deleted only while unpublished, published once fully valid, and "in use" while a
 * number is bound to it; it cannot be unpublished until its numbers are bound elsewhere. A number is bound to one
 * published flow; one flow may serve many numbers. Not thread-safe: one owner (the API's loop) changes it, and
 * calls read an immutable {@link #flowForNumber} result.
 */
public final class FlowStore
{
    /** A stored flow and its state. */
    public record Entry(Flow flow, boolean published)
    {
    }

    /** A phone number and the flow it runs (null while unbound). */
    public record PhoneNumber(String number, NumberDirection direction, String flow)
    {
    }

    private final Catalog catalog;
    private final Map<String, Entry> flows = new LinkedHashMap<>();
    private final Map<String, PhoneNumber> numbers = new LinkedHashMap<>();

    public FlowStore(final Catalog catalog)
    {
        this.catalog = catalog;
    }

    /** Creates or replaces an unpublished flow; refused while it is published, or if it has problems. */
    public void save(final Flow flow)
    {
        checkSave(flow);
        flows.put(flow.name(), new Entry(flow, false));
    }

    /** Whether {@link #save} would take the flow now; changes nothing ({@link FlowStoreException} if not). */
    public void checkSave(final Flow flow)
    {
        final Entry existing = flows.get(flow.name());
        if (existing != null && existing.published())
        {
            throw new FlowStoreException(FlowStoreException.Reason.WRONG_STATE,
                "flow " + flow.name() + " is " + state(flow.name()).name().toLowerCase().replace('_', ' ')
                    + ": unpublish it before editing");
        }
        check(flow, false);
    }

    public List<Problem> validate(final Flow flow, final boolean publishing)
    {
        return FlowValidator.validate(flow, catalog, publishing);
    }

    public void delete(final String name)
    {
        checkDelete(name);
        flows.remove(name);
    }

    /** Whether {@link #delete} would take the flow now; changes nothing. */
    public void checkDelete(final String name)
    {
        requireState(name, FlowState.UNPUBLISHED, "delete");
    }

    public void publish(final String name)
    {
        checkPublish(name);
        flows.put(name, new Entry(flows.get(name).flow(), true));
    }

    /** Whether {@link #publish} would take the flow now (fully valid, audio approved); changes nothing. */
    public void checkPublish(final String name)
    {
        requireState(name, FlowState.UNPUBLISHED, "publish");
        check(flows.get(name).flow(), true);
    }

    public void unpublish(final String name)
    {
        checkUnpublish(name);
        flows.put(name, new Entry(flows.get(name).flow(), false));
    }

    /** Whether {@link #unpublish} would take the flow now (no number runs it); changes nothing. */
    public void checkUnpublish(final String name)
    {
        if (state(name) == FlowState.IN_USE)
        {
            throw new FlowStoreException(FlowStoreException.Reason.WRONG_STATE, "flow " + name + " serves "
                + numbersOf(name) + ": bind them to another flow first");
        }
        requireState(name, FlowState.PUBLISHED, "unpublish");
    }

    /** Adds a number (unbound) or changes its direction. */
    public void number(final String number, final NumberDirection direction)
    {
        requireNumber(number);
        final PhoneNumber existing = numbers.get(number);
        numbers.put(number, new PhoneNumber(number, direction, existing == null ? null : existing.flow()));
    }

    /** Binds a number to a published flow (or unbinds it with null). */
    public void bind(final String number, final String flow)
    {
        final PhoneNumber existing = numbers.get(number);
        if (existing == null)
        {
            throw new FlowStoreException(FlowStoreException.Reason.UNKNOWN_NUMBER, "no number " + number);
        }
        requireBindable(flow);
        numbers.put(number, new PhoneNumber(number, existing.direction(), flow));
    }

    /**
     * Adds or changes a number with its direction and binds it to a published flow (or unbinds it with null), all
     * or nothing: refused, it leaves the numbers as they were.
     */
    public void numberBoundTo(final String number, final NumberDirection direction, final String flow)
    {
        checkNumberBoundTo(number, flow);
        numbers.put(number, new PhoneNumber(number, direction, flow));
    }

    /** Whether {@link #numberBoundTo} would take the number and flow now; changes nothing. */
    public void checkNumberBoundTo(final String number, final String flow)
    {
        requireNumber(number);
        requireBindable(flow);
    }

    private static void requireNumber(final String number)
    {
        if (number == null || !number.matches("\\+?[0-9]{2,20}"))
        {
            throw new FlowStoreException(FlowStoreException.Reason.INVALID, "a number is 2 to 20 digits: " + number);
        }
    }

    /** A flow a number may be bound to: null (unbound) or a published one. */
    private void requireBindable(final String flow)
    {
        if (flow != null && state(flow) == FlowState.UNPUBLISHED)
        {
            throw new FlowStoreException(FlowStoreException.Reason.WRONG_STATE, "flow " + flow + " is not published");
        }
    }

    /** The published flow an inbound call to {@code number} runs, or null. */
    public Flow flowForNumber(final String number)
    {
        final PhoneNumber bound = number == null ? null : numbers.get(number);
        if (bound == null || bound.flow() == null || !bound.direction().inbound())
        {
            return null;
        }
        final Entry entry = flows.get(bound.flow());
        return entry != null && entry.published() ? entry.flow() : null;
    }

    public FlowState state(final String name)
    {
        final Entry entry = flows.get(name);
        if (entry == null)
        {
            throw new FlowStoreException(FlowStoreException.Reason.UNKNOWN_FLOW, "no flow " + name);
        }
        if (!entry.published())
        {
            return FlowState.UNPUBLISHED;
        }
        return numbersOf(name).isEmpty() ? FlowState.PUBLISHED : FlowState.IN_USE;
    }

    public Flow flow(final String name)
    {
        final Entry entry = flows.get(name);
        if (entry == null)
        {
            throw new FlowStoreException(FlowStoreException.Reason.UNKNOWN_FLOW, "no flow " + name);
        }
        return entry.flow();
    }

    public List<String> flowNames()
    {
        return List.copyOf(flows.keySet());
    }

    public List<PhoneNumber> numbers()
    {
        return List.copyOf(numbers.values());
    }

    /** Whether any flow refers to the audio (then it cannot be deleted). */
    public boolean audioInUse(final String audio)
    {
        return flows.values().stream().anyMatch(e -> AudioReferences.of(e.flow()).contains(audio));
    }

    public List<String> numbersOf(final String flow)
    {
        final List<String> list = new ArrayList<>();
        numbers.values().forEach(n ->
        {
            if (flow.equals(n.flow()))
            {
                list.add(n.number());
            }
        });
        return list;
    }

    private void requireState(final String name, final FlowState wanted, final String action)
    {
        final FlowState state = state(name);
        if (state != wanted)
        {
            throw new FlowStoreException(FlowStoreException.Reason.WRONG_STATE, "cannot " + action + " flow " + name
                + ": it is " + state.name().toLowerCase().replace('_', ' '));
        }
    }

    private void check(final Flow flow, final boolean publishing)
    {
        final List<Problem> problems = validate(flow, publishing);
        if (!problems.isEmpty())
        {
            throw new FlowStoreException(FlowStoreException.Reason.INVALID, "flow " + flow.name() + " has "
                + problems.size() + " problem(s): " + problems.get(0), problems);
        }
    }
}
