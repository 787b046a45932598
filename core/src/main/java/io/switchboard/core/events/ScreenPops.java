package io.switchboard.core.events;

import io.switchboard.core.config.TenantSettings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tenant's screen-pop pages (at most five, in order): a name and a URL template whose {@code {variable}}s are
 * filled with the call's values, URL-encoded ({@code callId}, {@code caller}, {@code number}, {@code keys},
 * {@code agent}, {@code customer}: the customer's number whichever way the call goes, {@code direction}:
 * {@code inbound} or {@code outbound}); an unknown variable becomes empty. Each page opens in a new tab ({@code tab})
 * or in a panel inside the workbench ({@code panel}). Pages switched off are not shown. Immutable: a change builds a
 * new instance.
 */
public final class ScreenPops
{
    /** One page; {@code open} is {@link #TAB} or {@link #PANEL}. */
    public record Page(String name, String url, boolean enabled, String open)
    {
        /** A page that opens in a new tab (as every page did before pages could open in a panel). */
        public Page(final String name, final String url, final boolean enabled)
        {
            this(name, url, enabled, TAB);
        }
    }

    /** A page opened in a new tab of the browser (a link the agent follows). */
    public static final String TAB = "tab";
    /** A page opened inside the workbench, in a sandboxed frame of a panel the agent closes. */
    public static final String PANEL = "panel";

    public static final int MAX_PAGES = 5;
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");

    private final List<Page> pages;

    /** The configuration's pages ({@code tenant.screenPops}); a bad one is named in the exception. */
    public static ScreenPops configured(final List<TenantSettings.ScreenPop> pages)
    {
        final List<ScreenPops.Page> list = new ArrayList<>();
        for (final TenantSettings.ScreenPop page : pages)
        {
            list.add(new Page(page.name, page.url, page.enabled, page.open));
        }
        try
        {
            return new ScreenPops(list);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("configuration: tenant.screenPops: " + ex.getMessage(), ex);
        }
    }

    public ScreenPops(final List<Page> pages)
    {
        if (pages.size() > MAX_PAGES)
        {
            throw new IllegalArgumentException("at most " + MAX_PAGES + " screen-pop pages, not " + pages.size());
        }
        for (final Page page : pages)
        {
            if (page.name() == null || page.name().isBlank() || page.url() == null
                || !(page.url().startsWith("http://") || page.url().startsWith("https://")))
            {
                throw new IllegalArgumentException("a screen-pop page needs a name and an http(s) URL: " + page);
            }
            if (!TAB.equals(page.open()) && !PANEL.equals(page.open()))
            {
                throw new IllegalArgumentException("a screen-pop page opens in a \"tab\" or a \"panel\": " + page);
            }
        }
        this.pages = List.copyOf(pages);
    }

    public List<Page> pages()
    {
        return pages;
    }

    /** The enabled pages with the call's values in their URLs: {@code [{"name":..,"url":..,"open":..}]}. */
    public List<Map<String, String>> fill(final Map<String, String> values)
    {
        final List<Map<String, String>> filled = new ArrayList<>(pages.size());
        for (final Page page : pages)
        {
            if (!page.enabled())
            {
                continue;
            }
            final Matcher matcher = VARIABLE.matcher(page.url());
            final StringBuilder url = new StringBuilder();
            while (matcher.find())
            {
                final String value = values.getOrDefault(matcher.group(1), "");
                matcher.appendReplacement(url, Matcher.quoteReplacement(URLEncoder.encode(value,
                    StandardCharsets.UTF_8)));
            }
            matcher.appendTail(url);
            final Map<String, String> one = new LinkedHashMap<>();
            one.put("name", page.name());
            one.put("url", url.toString());
            one.put("open", page.open());
            filled.add(one);
        }
        return filled;
    }
}
