package io.switchboard.core.trunk;

/** What {@link DialPlan#route} decides: a {@link Route} to try, or a {@link RouteRefusal} to answer the caller. */
public sealed interface RouteResult permits Route, RouteRefusal
{
}
