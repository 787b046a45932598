package io.switchboard.ivr.store;

import io.switchboard.ivr.flow.Problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The life of a tenant's flows, voice or chat alike: a flow is saved unpublished as a draft (with whatever problems it
 * still has, so an administrator can keep a half-built flow; only its name must be right), edited or deleted only
 * while unpublished, published once fully valid, and "in use" while
 * something is bound to it (numbers for voice flows, website channels for session flows); it cannot be unpublished
 * until those are bound elsewhere. Each {@code check...} method says whether the change would be taken now and
 * changes nothing, so the API can journal first and apply after. Not thread-safe: one owner changes it.
 *
 * @param <F> the flow type
 */
public final class FlowLifecycle<F>
{
    /** A stored flow and whether it is published. */
    public record Entry<F>(F flow, boolean published)
    {
    }

    /** The longest name a flow may have (the validators' rule, so that a draft's name is already right). */
    private static final int MAX_NAME = 64;

    private final Function<F, String> nameOf;
    private final BiFunction<F, Boolean, List<Problem>> validator;
    private final Function<String, List<String>> boundTo;
    private final Map<String, Entry<F>> flows = new LinkedHashMap<>();

    /**
     * @param nameOf    a flow's name, its key
     * @param validator a flow's problems; the flag is whether it is being published (stricter)
     * @param boundTo   what is bound to the named flow (numbers, channels), for "in use" and the refusal to unpublish
     */
    public FlowLifecycle(final Function<F, String> nameOf, final BiFunction<F, Boolean, List<Problem>> validator,
        final Function<String, List<String>> boundTo)
    {
        this.nameOf = nameOf;
        this.validator = validator;
        this.boundTo = boundTo;
    }

    /** Creates or replaces an unpublished flow (problems and all); refused while it is published, or without a name. */
    public void save(final F flow)
    {
        checkSave(flow);
        flows.put(nameOf.apply(flow), new Entry<>(flow, false));
    }

    public void checkSave(final F flow)
    {
        final String name = nameOf.apply(flow);
        final Entry<F> existing = flows.get(name);
        if (existing != null && existing.published())
        {
            throw new FlowStoreException(FlowStoreException.Reason.WRONG_STATE, "flow " + name + " is "
                + words(state(name)) + ": unpublish it before editing");
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME || name.contains("/"))
        {
            final Problem problem = new Problem(null, "the flow needs a name of 1 to " + MAX_NAME
                + " characters without \"/\"");
            throw new FlowStoreException(FlowStoreException.Reason.INVALID, problem.message(), List.of(problem));
        }
    }

    /** The stored flow's problems as publishing would find them (none for a flow ready to publish). */
    public List<Problem> problems(final String name)
    {
        return validate(flow(name), true);
    }

    /**
     * Replaces every flow by {@code change} of it, published or not, in place (no check: for a rename of what flows
     * refer to, which keeps them as valid as they were).
     */
    public void mapEach(final java.util.function.UnaryOperator<F> change)
    {
        flows.replaceAll((name, entry) -> new Entry<>(change.apply(entry.flow()), entry.published()));
    }

    public void delete(final String name)
    {
        checkDelete(name);
        flows.remove(name);
    }

    public void checkDelete(final String name)
    {
        requireState(name, FlowState.UNPUBLISHED, "delete");
    }

    public void publish(final String name)
    {
        checkPublish(name);
        flows.put(name, new Entry<>(flows.get(name).flow(), true));
    }

    /** Whether {@link #publish} would take the flow now (fully valid, as publishing checks it). */
    public void checkPublish(final String name)
    {
        requireState(name, FlowState.UNPUBLISHED, "publish");
        check(flows.get(name).flow(), true);
    }

    public void unpublish(final String name)
    {
        checkUnpublish(name);
        flows.put(name, new Entry<>(flows.get(name).flow(), false));
    }

    /** Whether {@link #unpublish} would take the flow now (nothing bound to it). */
    public void checkUnpublish(final String name)
    {
        if (state(name) == FlowState.IN_USE)
        {
            throw new FlowStoreException(FlowStoreException.Reason.WRONG_STATE, "flow " + name + " serves "
                + boundTo.apply(name) + ": bind them to another flow first");
        }
        requireState(name, FlowState.PUBLISHED, "unpublish");
    }

    /** Refuses a flow something may not be bound to: anything but null (unbinding) or a published flow. */
    public void requireBindable(final String name)
    {
        if (name != null && state(name) == FlowState.UNPUBLISHED)
        {
            throw new FlowStoreException(FlowStoreException.Reason.WRONG_STATE, "flow " + name + " is not published");
        }
    }

    public FlowState state(final String name)
    {
        final Entry<F> entry = entry(name);
        if (!entry.published())
        {
            return FlowState.UNPUBLISHED;
        }
        return boundTo.apply(name).isEmpty() ? FlowState.PUBLISHED : FlowState.IN_USE;
    }

    public F flow(final String name)
    {
        return entry(name).flow();
    }

    /** The named flow if it exists and is published, else null: what a binding runs. */
    public F published(final String name)
    {
        final Entry<F> entry = name == null ? null : flows.get(name);
        return entry != null && entry.published() ? entry.flow() : null;
    }

    public List<String> flowNames()
    {
        return List.copyOf(flows.keySet());
    }

    public List<Entry<F>> entries()
    {
        return List.copyOf(flows.values());
    }

    public List<Problem> validate(final F flow, final boolean publishing)
    {
        return validator.apply(flow, publishing);
    }

    private Entry<F> entry(final String name)
    {
        final Entry<F> entry = flows.get(name);
        if (entry == null)
        {
            throw new FlowStoreException(FlowStoreException.Reason.UNKNOWN_FLOW, "no flow " + name);
        }
        return entry;
    }

    private void requireState(final String name, final FlowState wanted, final String action)
    {
        final FlowState state = state(name);
        if (state != wanted)
        {
            throw new FlowStoreException(FlowStoreException.Reason.WRONG_STATE, "cannot " + action + " flow " + name
                + ": it is " + words(state));
        }
    }

    private void check(final F flow, final boolean publishing)
    {
        final List<Problem> problems = validate(flow, publishing);
        if (!problems.isEmpty())
        {
            throw new FlowStoreException(FlowStoreException.Reason.INVALID, "flow " + nameOf.apply(flow) + " has "
                + problems.size() + " problem(s): " + problems.get(0), problems);
        }
    }

    private static String words(final FlowState state)
    {
        return state.name().toLowerCase().replace('_', ' ');
    }
}
