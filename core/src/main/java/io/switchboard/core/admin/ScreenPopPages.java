package io.switchboard.core.admin;

import io.switchboard.core.events.ScreenPops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The changes an administrator makes to the screen-pop pages, each giving a new {@link ScreenPops}: add (at most
 * {@link ScreenPops#MAX_PAGES}), edit, move up or down, remove. Pages are addressed by their index, 0 first.
 */
public final class ScreenPopPages
{
    public static final int MAX_NAME = 100;
    public static final int MAX_URL = 2000;

    private ScreenPopPages()
    {
    }

    public static ScreenPops add(final ScreenPops pops, final ScreenPops.Page page)
    {
        if (pops.pages().size() >= ScreenPops.MAX_PAGES)
        {
            throw new AdminException(AdminException.Reason.CONFLICT, "at most " + ScreenPops.MAX_PAGES
                + " screen-pop pages; remove one first");
        }
        final List<ScreenPops.Page> pages = new ArrayList<>(pops.pages());
        pages.add(page);
        return checked(pages);
    }

    /** The page at {@code index} with the values given changed (null: kept). */
    public static ScreenPops edit(final ScreenPops pops, final int index, final String name, final String url,
        final Boolean enabled, final String open)
    {
        final ScreenPops.Page known = page(pops, index);
        final List<ScreenPops.Page> pages = new ArrayList<>(pops.pages());
        pages.set(index, new ScreenPops.Page(name != null ? name : known.name(), url != null ? url : known.url(),
            enabled != null ? enabled : known.enabled(), open != null ? open : known.open()));
        return checked(pages);
    }

    /** The page at {@code index} one place earlier ({@code up}) or later; the first cannot go up, nor the last down. */
    public static ScreenPops move(final ScreenPops pops, final int index, final String direction)
    {
        page(pops, index);
        final int to;
        if ("up".equals(direction))
        {
            to = index - 1;
        }
        else if ("down".equals(direction))
        {
            to = index + 1;
        }
        else
        {
            throw AdminException.invalid("\"direction\" must be up or down");
        }
        if (to < 0 || to >= pops.pages().size())
        {
            throw new AdminException(AdminException.Reason.CONFLICT, "page " + index + " is already the "
                + (to < 0 ? "first" : "last"));
        }
        final List<ScreenPops.Page> pages = new ArrayList<>(pops.pages());
        Collections.swap(pages, index, to);
        return checked(pages);
    }

    public static ScreenPops remove(final ScreenPops pops, final int index)
    {
        page(pops, index);
        final List<ScreenPops.Page> pages = new ArrayList<>(pops.pages());
        pages.remove(index);
        return checked(pages);
    }

    /** The page at {@code index}, or {@link AdminException.Reason#UNKNOWN}. */
    public static ScreenPops.Page page(final ScreenPops pops, final int index)
    {
        if (index < 0 || index >= pops.pages().size())
        {
            throw new AdminException(AdminException.Reason.UNKNOWN, "no screen-pop page " + index + " (there are "
                + pops.pages().size() + ")");
        }
        return pops.pages().get(index);
    }

    private static ScreenPops checked(final List<ScreenPops.Page> pages)
    {
        for (final ScreenPops.Page page : pages)
        {
            if (page.name() == null || page.name().isBlank() || page.name().length() > MAX_NAME)
            {
                throw AdminException.invalid("\"name\" is required: 1 to " + MAX_NAME + " characters");
            }
            if (page.url() == null || page.url().length() > MAX_URL || !(page.url().startsWith("http://")
                || page.url().startsWith("https://")))
            {
                throw AdminException.invalid("\"url\" must be an http:// or https:// URL of " + MAX_URL
                    + " characters at most, with {caller}, {number}, {customer}, {direction}, {callId}, {keys} or"
                    + " {agent} to fill in");
            }
            if (!ScreenPops.TAB.equals(page.open()) && !ScreenPops.PANEL.equals(page.open()))
            {
                throw AdminException.invalid("\"open\" must be \"tab\" (a new tab) or \"panel\" (inside the"
                    + " workbench)");
            }
        }
        try
        {
            return new ScreenPops(pages);
        }
        catch (final IllegalArgumentException ex)
        {
            throw AdminException.invalid(ex.getMessage());
        }
    }
}
