package io.switchboard.ivr.store;

import io.switchboard.ivr.flow.Catalog;
import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.flow.Node;
import io.switchboard.ivr.flow.FlowValidator;
import io.switchboard.ivr.flow.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's voice flows and phone numbers: the flows' life is a {@link FlowLifecycle} (saved unpublished, edited
 * or deleted only while unpublished, published once fully valid with approved audio, "in use" while a number is
 * bound to it); a number is bound to one published flow, and one flow may serve many numbers. Not thread-safe: one
 * owner (the API's loop) changes it, and calls read an immutable {@link #flowForNumber} result.
 */
public final class FlowStore
{
    /** A phone number and the flow it runs (null while unbound). */
    public record PhoneNumber(String number, NumberDirection direction, String flow)
    {
    }

    private final Map<String, PhoneNumber> numbers = new LinkedHashMap<>();
    private final FlowLifecycle<Flow> flows;

    public FlowStore(final Catalog catalog)
    {
        flows = new FlowLifecycle<>(Flow::name, (flow, publishing) -> FlowValidator.validate(flow, catalog,
            publishing), this::numbersOf);
    }

    /** Creates or replaces an unpublished flow, problems and all (a draft); refused while it is published. */
    public void save(final Flow flow)
    {
        flows.save(flow);
    }

    /** Whether {@link #save} would take the flow now; changes nothing ({@link FlowStoreException} if not). */
    public void checkSave(final Flow flow)
    {
        flows.checkSave(flow);
    }

    public List<Problem> validate(final Flow flow, final boolean publishing)
    {
        return flows.validate(flow, publishing);
    }

    /** The stored flow's problems as publishing would find them. */
    public List<Problem> problems(final String name)
    {
        return flows.problems(name);
    }

    /** A skill group was renamed: every transfer node to {@code from}, published or not, now names {@code to}. */
    public void renameGroup(final String from, final String to)
    {
        flows.mapEach(flow -> new Flow(flow.name(), flow.nodes().stream().map(node -> node instanceof Node.Transfer t
            && from.equals(t.group()) ? t.toGroup(to) : node).toList()));
    }

    public void delete(final String name)
    {
        flows.delete(name);
    }

    /** Whether {@link #delete} would take the flow now; changes nothing. */
    public void checkDelete(final String name)
    {
        flows.checkDelete(name);
    }

    public void publish(final String name)
    {
        flows.publish(name);
    }

    /** Whether {@link #publish} would take the flow now (fully valid, audio approved); changes nothing. */
    public void checkPublish(final String name)
    {
        flows.checkPublish(name);
    }

    public void unpublish(final String name)
    {
        flows.unpublish(name);
    }

    /** Whether {@link #unpublish} would take the flow now (no number runs it); changes nothing. */
    public void checkUnpublish(final String name)
    {
        flows.checkUnpublish(name);
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
        flows.requireBindable(flow);
    }

    /** The published flow an inbound call to {@code number} runs, or null. */
    public Flow flowForNumber(final String number)
    {
        final PhoneNumber bound = number == null ? null : numbers.get(number);
        if (bound == null || bound.flow() == null || !bound.direction().inbound())
        {
            return null;
        }
        return flows.published(bound.flow());
    }

    public FlowState state(final String name)
    {
        return flows.state(name);
    }

    public Flow flow(final String name)
    {
        return flows.flow(name);
    }

    public List<String> flowNames()
    {
        return flows.flowNames();
    }

    public List<PhoneNumber> numbers()
    {
        return List.copyOf(numbers.values());
    }

    /** Whether any flow refers to the audio (then it cannot be deleted). */
    public boolean audioInUse(final String audio)
    {
        return !flowsUsingAudio(audio).isEmpty();
    }

    /** The names of the flows (any state) that play this audio, sorted: what the audio library shows as its use. */
    public List<String> flowsUsingAudio(final String audio)
    {
        return flows.entries().stream().filter(e -> AudioReferences.of(e.flow()).contains(audio))
            .map(e -> e.flow().name()).sorted().toList();
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
}
