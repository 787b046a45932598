package io.switchboard.core.admin;

import io.switchboard.core.publish.Published;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.switchboard.core.config.DialPlanSettings;
import io.switchboard.core.config.OutboundSettings;
import io.switchboard.core.config.TenantSettings;
import io.switchboard.core.config.TrunkSettings;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.trunk.TrunkPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The trunks, the dial plan and the outbound permissions as administrators change them at run time. Each change is
 * validated on the API's loop, the new {@link TrunkPlan} is built (host names resolved) on a blocking executor, then
 * journalled ({@code trunk.saved} with the password, {@code trunk.deleted}, {@code dial-plan.saved}) and only once
 * written published for the workers and the inbound authorizer, which read {@link #plan()} per call. Changes are
 * made one after the other. At start {@link Replay} applies the journal over the configuration.
 */
public final class TrunkAdmin
{
    public static final String SAVED = "trunk.saved";
    public static final String DELETED = "trunk.deleted";
    public static final String DIAL_PLAN = "dial-plan.saved";

    private static final Logger LOG = LoggerFactory.getLogger(TrunkAdmin.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Journal journal;
    private final Executor owner;
    private final Executor blocking;
    private final Published<TrunkPlan> plan;
    /** The last change asked for: the next starts once it is over. Owned by {@code owner}. */
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    /** Told (on the owner) of each trunk replaced or deleted: the one before (or null), the one after (or null). */
    private BiConsumer<TrunkSettings, TrunkSettings> listener = (before, after) -> { };

    public TrunkAdmin(final Journal journal, final Executor owner, final Executor blocking, final TrunkPlan plan)
    {
        this.journal = journal;
        this.owner = owner;
        this.blocking = blocking;
        this.plan = new Published<>(plan);
    }

    public static boolean handles(final String type)
    {
        return SAVED.equals(type) || DELETED.equals(type) || DIAL_PLAN.equals(type);
    }

    /** The plan as last published; any thread. */
    public TrunkPlan plan()
    {
        return plan.get();
    }

    public void onTrunkChanged(final BiConsumer<TrunkSettings, TrunkSettings> changed)
    {
        this.listener = changed;
    }

    /** Creates or replaces a trunk; without a {@code password} member an existing trunk keeps its password. */
    public CompletableFuture<TrunkSettings> saveTrunk(final String name, final JsonNode body)
    {
        return serially(() ->
        {
            final TrunkPlan now = plan.get();
            final TrunkSettings before = now.trunk(name);
            final TrunkSettings trunk = trunk(name, body, before);
            final Map<String, TrunkSettings> trunks = byName(now.trunks());
            for (final TrunkSettings other : trunks.values())
            {
                for (final String number : trunk.numbers)
                {
                    if (!other.name.equals(name) && other.numbers.contains(number))
                    {
                        throw new AdminException(AdminException.Reason.CONFLICT, "number " + number
                            + " belongs to trunk " + other.name);
                    }
                }
            }
            trunks.put(name, trunk);
            return commit(SAVED, bytes(trunk), new ArrayList<>(trunks.values()), now.dialPlanSettings(),
                now.outboundSettings(), () -> listener.accept(before, trunk)).thenApply(done -> trunk);
        });
    }

    /** Deletes a trunk the dial plan does not route to. */
    public CompletableFuture<TrunkSettings> deleteTrunk(final String name)
    {
        return serially(() ->
        {
            final TrunkPlan now = plan.get();
            final TrunkSettings before = now.trunk(name);
            if (before == null)
            {
                throw new AdminException(AdminException.Reason.UNKNOWN, "no trunk " + name);
            }
            final String rule = routedBy(now.dialPlanSettings(), name);
            if (rule != null)
            {
                throw new AdminException(AdminException.Reason.CONFLICT, "the dial plan's rule " + rule
                    + " routes to trunk " + name);
            }
            final Map<String, TrunkSettings> trunks = byName(now.trunks());
            trunks.remove(name);
            return commit(DELETED, bytes(Map.of("name", name)), new ArrayList<>(trunks.values()),
                now.dialPlanSettings(), now.outboundSettings(), () -> listener.accept(before, null))
                .thenApply(done -> before);
        });
    }

    /** Replaces the dial plan and/or the outbound permissions: {@code {"dialPlan": {...}, "outbound": {...}}}. */
    public CompletableFuture<TrunkPlan> saveDialPlan(final JsonNode body)
    {
        return serially(() ->
        {
            final TrunkPlan now = plan.get();
            if (body == null || !body.isObject())
            {
                throw AdminException.invalid("the body must be {\"dialPlan\": {...}, \"outbound\": {...}}");
            }
            body.fieldNames().forEachRemaining(field ->
            {
                if (!"dialPlan".equals(field) && !"outbound".equals(field))
                {
                    throw AdminException.invalid("unknown member \"" + field + "\"");
                }
            });
            final DialPlanSettings dialPlan = body.has("dialPlan")
                ? read(body.get("dialPlan"), DialPlanSettings.class) : now.dialPlanSettings();
            final OutboundSettings outbound = body.has("outbound")
                ? read(body.get("outbound"), OutboundSettings.class) : now.outboundSettings();
            try
            {
                dialPlan.validate(byName(now.trunks()).keySet());
                outbound.validate();
            }
            catch (final IllegalArgumentException ex)
            {
                throw AdminException.invalid(ex.getMessage());
            }
            return commit(DIAL_PLAN, bytes(view(dialPlan, outbound)), now.trunks(), dialPlan, outbound, () -> { });
        });
    }

    /** The dial plan and the permissions as the API and the journal show them. */
    public static Map<String, Object> view(final DialPlanSettings dialPlan, final OutboundSettings outbound)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("dialPlan", dialPlan);
        view.put("outbound", outbound);
        return view;
    }

    /** A trunk as the API shows it: everything but the password. */
    public static Map<String, Object> view(final TrunkSettings trunk)
    {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", trunk.name);
        row.put("host", trunk.host);
        row.put("port", trunk.port);
        row.put("transport", trunk.transport);
        row.put("inboundAddresses", trunk.inboundAddresses);
        row.put("username", trunk.username);
        row.put("realm", trunk.realm);
        row.put("register", trunk.register);
        row.put("registerExpires", trunk.registerExpires);
        row.put("numbers", trunk.numbers);
        row.put("callerId", trunk.callerId);
        row.put("callerIdName", trunk.callerIdName);
        row.put("maxCalls", trunk.maxCalls);
        return row;
    }

    /** Parses and validates a trunk given through the API. */
    static TrunkSettings trunk(final String name, final JsonNode body, final TrunkSettings before)
    {
        if (body == null || !body.isObject())
        {
            throw AdminException.invalid("the body must be a JSON object");
        }
        if (body.has("name") && !name.equals(body.get("name").asText()))
        {
            throw AdminException.invalid("the name in the body is not the one in the path");
        }
        final TrunkSettings trunk = read(body, TrunkSettings.class);
        trunk.name = name;
        if (!body.has("password") && before != null)
        {
            trunk.password = before.password;
        }
        try
        {
            trunk.validate();
        }
        catch (final IllegalArgumentException ex)
        {
            throw AdminException.invalid(ex.getMessage());
        }
        return trunk;
    }

    private static <T> T read(final JsonNode node, final Class<T> type)
    {
        try
        {
            final T value = JSON.treeToValue(node, type);
            if (value == null)
            {
                throw AdminException.invalid("expected an object for " + type.getSimpleName());
            }
            return value;
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            final String message = ex.getMessage() == null ? "" : ex.getMessage().lines().findFirst().orElse("");
            throw AdminException.invalid("not a valid " + type.getSimpleName() + ": " + message);
        }
    }

    private static String routedBy(final DialPlanSettings dialPlan, final String trunk)
    {
        for (final DialPlanSettings.Rule rule : dialPlan.rules)
        {
            if (rule.trunks.contains(trunk))
            {
                return rule.prefix;
            }
        }
        return null;
    }

    private static Map<String, TrunkSettings> byName(final List<TrunkSettings> trunks)
    {
        final Map<String, TrunkSettings> map = new LinkedHashMap<>();
        trunks.forEach(t -> map.put(t.name, t));
        return map;
    }

    private static byte[] bytes(final Object value)
    {
        try
        {
            return JSON.writeValueAsBytes(value);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Runs a change on the owner once the one before is over. */
    private <T> CompletableFuture<T> serially(final Supplier<CompletableFuture<T>> change)
    {
        final CompletableFuture<T> result = tail.handle((done, failure) -> null)
            .thenComposeAsync(ignored -> change.get(), owner);
        tail = result;
        return result;
    }

    /** Builds the new plan off the loops, journals the entry, then publishes the plan (on the owner). */
    private CompletableFuture<TrunkPlan> commit(final String type, final byte[] entry, final List<TrunkSettings> trunks,
        final DialPlanSettings dialPlan, final OutboundSettings outbound, final Runnable then)
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return TrunkPlan.build(trunks, dialPlan, outbound);
            }
            catch (final IllegalArgumentException ex)
            {
                throw AdminException.invalid(ex.getMessage());
            }
        }, blocking).thenComposeAsync(built -> journal.append(type, entry).handleAsync((position, failure) ->
        {
            if (failure != null)
            {
                LOG.error("journal: {} not written; not applied", type, failure);
                throw new IllegalStateException("the change could not be saved", failure);
            }
            plan.publish(built);
            then.run();
            return built;
        }, owner), owner);
    }

    /** The configuration's trunks and dial plan with the journal's entries applied in order (at start). */
    public static final class Replay
    {
        private final Map<String, TrunkSettings> trunks;
        private DialPlanSettings dialPlan;
        private OutboundSettings outbound;

        public Replay(final TenantSettings tenant)
        {
            this.trunks = byName(tenant.trunks);
            this.dialPlan = tenant.dialPlan;
            this.outbound = tenant.outbound;
        }

        /** One entry; one that no longer applies is skipped with a warning. */
        public void apply(final String type, final byte[] json) throws IOException
        {
            final JsonNode node = JSON.readTree(json);
            switch (type)
            {
                case SAVED ->
                {
                    final TrunkSettings trunk = JSON.treeToValue(node, TrunkSettings.class);
                    trunk.validate();
                    trunks.put(trunk.name, trunk);
                }
                case DELETED ->
                {
                    final String name = node.path("name").asText();
                    if (routedBy(dialPlan, name) != null)
                    {
                        LOG.warn("journal: trunk {} is routed to; its deletion is skipped", name);
                        return;
                    }
                    trunks.remove(name);
                }
                case DIAL_PLAN ->
                {
                    final DialPlanSettings plan = node.has("dialPlan")
                        ? JSON.treeToValue(node.get("dialPlan"), DialPlanSettings.class) : dialPlan;
                    final OutboundSettings out = node.has("outbound")
                        ? JSON.treeToValue(node.get("outbound"), OutboundSettings.class) : outbound;
                    plan.validate(trunks.keySet());
                    out.validate();
                    dialPlan = plan;
                    outbound = out;
                }
                default -> LOG.warn("journal: entry {} is not the trunks'; ignored", type);
            }
        }

        /** The plan (resolving hosts: not on an event loop). */
        public TrunkPlan build()
        {
            return TrunkPlan.build(new ArrayList<>(trunks.values()), dialPlan, outbound);
        }
    }
}
