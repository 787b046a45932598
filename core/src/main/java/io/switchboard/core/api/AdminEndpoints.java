package io.switchboard.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.admin.AdminException;
import io.switchboard.core.admin.ScreenPopPages;
import io.switchboard.core.admin.TenantAdmin;
import io.switchboard.core.events.ScreenPops;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The tenant's administration: {@code GET/POST /api/settings} (ring timeout, wrap-up, policy, last-agent priority),
 * the screen-pop pages ({@code /api/screen-pops}: list, add, {@code /{index}} edit, {@code /{index}/move} up or down,
 * {@code DELETE /{index}} or {@code POST /{index}/delete}), the quick replies ({@link QuickReplyEndpoints}) and the
 * satisfaction survey ({@code GET/POST /api/survey}: levels, questions, automatic sending). Anyone signed in reads
 * them, only administrators change them; changes are answered once the journal has them.
 */
public final class AdminEndpoints
{
    private static final Set<String> PAGE_FIELDS = Set.of("name", "url", "enabled", "open");

    private final TenantAdmin admin;
    private final Executor loop;

    public AdminEndpoints(final TenantAdmin admin, final Executor loop)
    {
        this.admin = admin;
        this.loop = loop;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/settings", Access.SIGNED_IN, request -> ApiResponse.ok(admin.settings().view()));
        router.post("/api/settings", Access.ADMIN, request -> answer(admin.changeSettings(
            CallEndpoints.body(request)), settings -> settings.view()));
        router.get("/api/screen-pops", Access.SIGNED_IN, request -> ApiResponse.ok(pages(admin.screenPops())));
        router.post("/api/screen-pops", Access.ADMIN, request ->
        {
            final Page page = page(request);
            final ScreenPops.Page added = new ScreenPops.Page(page.name, page.url,
                page.enabled == null || page.enabled, page.open == null ? ScreenPops.TAB : page.open);
            return answer(admin.changeScreenPops(pops -> ScreenPopPages.add(pops, added)),
                pops -> new ApiResponse(HttpResponseStatus.CREATED, pages(pops)));
        });
        router.post("/api/screen-pops/{index}", Access.ADMIN, request ->
        {
            final int index = index(request);
            final Page page = page(request);
            return answer(admin.changeScreenPops(pops -> ScreenPopPages.edit(pops, index, page.name, page.url,
                page.enabled, page.open)), AdminEndpoints::pages);
        });
        router.post("/api/screen-pops/{index}/move", Access.ADMIN, request ->
        {
            final int index = index(request);
            final String direction = CallEndpoints.text(CallEndpoints.body(request), "direction");
            return answer(admin.changeScreenPops(pops -> ScreenPopPages.move(pops, index, direction)),
                AdminEndpoints::pages);
        });
        router.delete("/api/screen-pops/{index}", Access.ADMIN, this::deletePage);
        router.post("/api/screen-pops/{index}/delete", Access.ADMIN, this::deletePage);
        new QuickReplyEndpoints(admin, loop).register(router);
        router.get("/api/survey", Access.SIGNED_IN, request -> ApiResponse.ok(admin.survey().view()));
        router.post("/api/survey", Access.ADMIN, request -> answer(admin.changeSurvey(CallEndpoints.body(request)),
            survey -> survey.view()));
    }

    private ApiResponse deletePage(final ApiRequest request)
    {
        final int index = index(request);
        return answer(admin.changeScreenPops(pops -> ScreenPopPages.remove(pops, index)), AdminEndpoints::pages);
    }

    /** The change's answer, made on the loop once the journal has it, or its refusal as an API error. */
    private <T> ApiResponse answer(final CompletableFuture<T> change, final Function<T, Object> view)
    {
        return answer(change, view, loop);
    }

    /** The change's answer, made on {@code loop} once the journal has it, or its refusal as an API error. */
    static <T> ApiResponse answer(final CompletableFuture<T> change, final Function<T, Object> view,
        final Executor loop)
    {
        final CompletionStage<Object> answered = change.handleAsync((done, failure) ->
        {
            if (failure != null)
            {
                throw refusal(failure);
            }
            return view.apply(done);
        }, loop);
        return ApiResponse.later(answered);
    }

    private static RuntimeException refusal(final Throwable failure)
    {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof AdminException ex)
        {
            return switch (ex.reason())
            {
                case INVALID -> new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", ex.getMessage());
                case CONFLICT -> new ApiException(HttpResponseStatus.CONFLICT, "conflict", ex.getMessage());
                case UNKNOWN -> new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", ex.getMessage());
            };
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    /** The pages as the API shows them: {@code {"max":5,"pages":[{"index","name","url","enabled","open"}]}}. */
    private static Map<String, Object> pages(final ScreenPops pops)
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < pops.pages().size(); i++)
        {
            final ScreenPops.Page page = pops.pages().get(i);
            final Map<String, Object> one = new LinkedHashMap<>();
            one.put("index", i);
            one.put("name", page.name());
            one.put("url", page.url());
            one.put("enabled", page.enabled());
            one.put("open", page.open());
            list.add(one);
        }
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("max", ScreenPops.MAX_PAGES);
        view.put("pages", list);
        return view;
    }

    /** A page's members in the body (null: not given). */
    private record Page(String name, String url, Boolean enabled, String open)
    {
    }

    private static Page page(final ApiRequest request)
    {
        final JsonNode body = CallEndpoints.body(request);
        for (final Iterator<String> names = body.fieldNames(); names.hasNext(); )
        {
            final String name = names.next();
            if (!PAGE_FIELDS.contains(name))
            {
                throw bad("unknown member \"" + name + "\"; a page has \"name\", \"url\", \"enabled\" and"
                    + " \"open\"");
            }
        }
        final JsonNode enabled = body.get("enabled");
        if (enabled != null && !enabled.isBoolean())
        {
            throw bad("\"enabled\" must be true or false");
        }
        return new Page(optionalText(body, "name"), optionalText(body, "url"),
            enabled == null ? null : enabled.asBoolean(), optionalText(body, "open"));
    }

    private static String optionalText(final JsonNode body, final String field)
    {
        final JsonNode value = body.get(field);
        if (value == null)
        {
            return null;
        }
        if (!value.isTextual())
        {
            throw bad("\"" + field + "\" must be a string");
        }
        return value.asText();
    }

    private static int index(final ApiRequest request)
    {
        final String index = request.pathParam("index");
        try
        {
            return Integer.parseInt(index);
        }
        catch (final NumberFormatException ex)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", "no screen-pop page " + index);
        }
    }

    private static ApiException bad(final String message)
    {
        return ApiException.badRequest(message);
    }
}
