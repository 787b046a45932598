package io.switchboard.core.trunk;

import io.switchboard.core.config.SwitchboardConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DialPlanTest
{
    private static DialPlan plan(final String tenantJson) throws IOException
    {
        final SwitchboardConfig config = TrunkConfigTest.load("{\"tenant\": {"
            + "\"extensionRange\": {\"first\": 1001, \"last\": 1020},"
            + "\"trunks\": [{\"name\": \"a\", \"host\": \"192.0.2.1\"}, {\"name\": \"b\", \"host\": \"192.0.2.2\"},"
            + " {\"name\": \"c\", \"host\": \"192.0.2.3\"}]," + tenantJson + "}}");
        return DialPlan.of(config.tenant, new TrunkDirectory(config.tenant.trunks));
    }

    private static final String RULES = """
        "dialPlan": {"country": "49", "rules": [
          {"prefix": "0", "trunks": ["a", "b"]},
          {"prefix": "00", "trunks": ["b"]},
          {"prefix": "0049", "strip": 4, "prepend": "+49", "trunks": ["c", "a"]},
          {"prefix": "+", "trunks": ["a"]},
          {"prefix": "+1", "strip": 1, "prepend": "00", "trunks": ["b", "c"]},
          {"prefix": "11", "trunks": ["c"]},
          {"prefix": "9", "strip": 1, "trunks": ["a"]}
        ]},
        """;

    private static final String EVERYONE = "\"outbound\": {\"allowed\": \"all\", \"international\": \"all\"}";

    private static Route route(final DialPlan plan, final String dialled, final String extension)
    {
        return assertInstanceOf(Route.class, plan.route(dialled, extension));
    }

    private static RouteRefusal refusal(final DialPlan plan, final String dialled, final String extension)
    {
        return assertInstanceOf(RouteRefusal.class, plan.route(dialled, extension));
    }

    private static List<String> trunks(final Route r)
    {
        return r.attempts().stream().map(Route.Attempt::trunkName).toList();
    }

    @Test
    void longestPrefixWins() throws IOException
    {
        final DialPlan p = plan(RULES + EVERYONE);
        final Route r = route(p, "004930123456", "1001");
        assertEquals("0049", r.rulePrefix());
        assertEquals(List.of("c", "a"), trunks(r));
        assertEquals("00", route(p, "0044207946", "1001").rulePrefix());
        assertEquals("+1", route(p, "+1 555 010 9999", "1001").rulePrefix(), "+1 (2) beats + (1)");
        assertEquals("00", route(p, "0015550109999", "1001").rulePrefix(), "00 and +1 tie: the rule listed first");
    }

    @Test
    void nationalNumberMatchesItsTypedPrefix() throws IOException
    {
        final Route r = route(plan(RULES + EVERYONE), "030 123456", "1001");
        assertEquals("0", r.rulePrefix());
        assertEquals("030123456", r.dialled());
        assertEquals("+4930123456", r.e164());
        assertFalse(r.international());
        assertEquals(List.of("a", "b"), trunks(r));
        assertEquals("030123456", r.attempts().get(0).number(), "no strip/prepend: sent as dialled, cleaned");
        assertEquals(r.attempts().get(0).number(), r.attempts().get(1).number());
    }

    @Test
    void stripAndPrepend() throws IOException
    {
        final DialPlan p = plan(RULES + EVERYONE);
        assertEquals("+4930123456", route(p, "004930123456", "1001").attempts().get(0).number());
        assertEquals("0015550109999", route(p, "+1 (555) 010-9999", "1001").attempts().get(0).number());
        assertEquals("030123", route(p, "9030123", "1001").attempts().get(0).number());
    }

    @Test
    void matchesOnTheE164FormWhenNoTypedRuleDoes() throws IOException
    {
        final Route r = route(plan(RULES + EVERYONE), "+4930123456", "1001");
        assertEquals("+", r.rulePrefix());
        assertEquals("+4930123456", r.attempts().get(0).number());
        assertEquals(List.of("a"), trunks(r));
    }

    @Test
    void shortNumbersRouteWithoutE164Form() throws IOException
    {
        final Route r = route(plan(RULES + "\"outbound\": {\"allowed\": \"all\"}"), "112", "1005");
        assertEquals("11", r.rulePrefix());
        assertNull(r.e164());
        assertFalse(r.international());
        assertEquals("112", r.attempts().get(0).number());
    }

    @Test
    void noRuleIs404() throws IOException
    {
        final RouteRefusal r = refusal(plan(RULES + EVERYONE), "2345", "1001");
        assertEquals(RouteRefusal.Reason.NO_ROUTE, r.reason());
        assertEquals(404, r.status());
        assertEquals(404, refusal(plan(EVERYONE), "030123456", "1001").status(), "no rules at all");
    }

    @Test
    void notANumberIs484() throws IOException
    {
        final DialPlan p = plan(RULES + EVERYONE);
        for (final String garbage : List.of("abc", "0800-FLOWERS", "*21#", "", "sip:x@y"))
        {
            final RouteRefusal r = refusal(p, garbage, "1001");
            assertEquals(RouteRefusal.Reason.INVALID, r.reason(), garbage);
            assertEquals(484, r.status());
        }
        assertEquals(RouteRefusal.Reason.INVALID, refusal(p, "9", "1001").reason(), "nothing left after strip");
    }

    @Test
    void extensionsWithoutPermissionGet403() throws IOException
    {
        final DialPlan p = plan(RULES + "\"outbound\": {\"allowed\": [\"1001-1003\", \"1010\"]}");
        assertEquals(List.of("a", "b"), trunks(route(p, "030123456", "1002")));
        assertEquals(List.of("a", "b"), trunks(route(p, "030123456", "1010")));
        for (final String ext : List.of("1004", "1011", "01002", "x"))
        {
            final RouteRefusal r = refusal(p, "030123456", ext);
            assertEquals(RouteRefusal.Reason.NOT_ALLOWED, r.reason(), ext);
            assertEquals(403, r.status());
        }
    }

    @Test
    void unauthenticatedNeverReachesATrunk() throws IOException
    {
        final DialPlan p = plan(RULES + EVERYONE);
        assertEquals(RouteRefusal.Reason.NOT_ALLOWED, refusal(p, "030123456", null).reason());
        assertEquals(RouteRefusal.Reason.NOT_ALLOWED, refusal(p, "112", "").reason());
        assertEquals(RouteRefusal.Reason.NOT_ALLOWED, refusal(plan(RULES), "030123456", "1001").reason(),
            "default: nobody calls out");
    }

    @Test
    void internationalNeedsItsOwnPermission() throws IOException
    {
        final DialPlan p = plan(RULES + "\"outbound\": {\"allowed\": \"all\", \"international\": [\"1001\"]}");
        assertTrue(route(p, "0044207946000", "1001").international());
        assertFalse(route(p, "004930123456", "1002").international(), "00 49 is national");
        for (final String intl : List.of("0044207946000", "+1 555 010 9999", "+44 20 7946 0000", "9001555123"))
        {
            final RouteRefusal r = refusal(p, intl, "1002");
            assertEquals(RouteRefusal.Reason.NOT_ALLOWED, r.reason(), intl);
            assertTrue(r.detail().contains("international"), r.detail());
        }
    }

    @Test
    void internationalListOnlyNarrowsAllowed() throws IOException
    {
        final DialPlan p = plan(RULES + "\"outbound\": {\"allowed\": [\"1001\"], \"international\": \"all\"}");
        assertEquals(RouteRefusal.Reason.NOT_ALLOWED, refusal(p, "0044207946000", "1002").reason());
        assertTrue(route(p, "0044207946000", "1001").international());
    }

    @Test
    void failoverFollowsTheRuleOrder() throws IOException
    {
        final Route r = route(plan(RULES + EVERYONE), "030123456", "1001");
        assertEquals(1, Failover.next(r, 0, 503));
        assertEquals(-1, Failover.next(r, 1, 503));
        assertEquals(-1, Failover.next(r, 0, 486));
    }
}
