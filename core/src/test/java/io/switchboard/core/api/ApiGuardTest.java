package io.switchboard.core.api;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.core.auth.Account;
import io.switchboard.core.auth.AccountStore;
import io.switchboard.core.auth.Role;
import io.switchboard.core.auth.Sessions;
import io.switchboard.core.journal.MemoryJournal;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Who is asking (bearer or cookie) and whether the route admits them, without a socket. */
class ApiGuardTest
{
    private static final Account AGENT = new Account("a@x", "A", Role.AGENT, "1003", "A1003", "h", 0);
    private static final Account ADMIN = new Account("b@x", "B", Role.ADMIN, null, null, "h", 0);
    private static final Account NO_AGENT = new Account("c@x", "C", Role.AGENT, "1007", null, "h", 0);
    private static final Account SUPERVISOR = new Account("d@x", "D", Role.SUPERVISOR, null, null, "h", 0);

    private static HttpHeaders headers(final String name, final String value)
    {
        return new DefaultHttpHeaders().add(name, value);
    }

    @Test
    void theTokenComesAsBearerOrCookie()
    {
        assertEquals("abc", ApiGuard.token(headers("Authorization", "Bearer abc")));
        assertEquals("abc", ApiGuard.token(headers("Authorization", "bearer  abc ")));
        assertEquals("abc", ApiGuard.token(headers("Cookie", "theme=dark; sb_session=abc; other=1")));
        assertNull(ApiGuard.token(headers("Authorization", "Basic YTpi")));
        assertNull(ApiGuard.token(headers("Cookie", "theme=dark")));
        assertNull(ApiGuard.token(new DefaultHttpHeaders()));
    }

    @Test
    void aSessionNamesItsAccountWhileBoth()
    {
        final AccountStore accounts = new AccountStore(new MemoryJournal(), Runnable::run);
        accounts.create(AGENT).join();
        final Sessions sessions = new Sessions(System::currentTimeMillis, 60_000);
        final ApiGuard guard = new ApiGuard(sessions, accounts);
        final String token = sessions.open(AGENT.email()).token();
        assertEquals(AGENT, guard.account(token));
        assertNull(guard.account("unknown"));
        assertNull(guard.account(null));
        accounts.delete(AGENT.email()).join();
        assertNull(guard.account(token), "a deleted account's session signs nothing");
    }

    @Test
    void eachAccessAdmitsItsAccounts()
    {
        final Map<String, String> own = Map.of("staffNo", "A1003");
        final Map<String, String> other = Map.of("staffNo", "A1004");
        assertDoesNotThrow(() -> ApiGuard.admit(Access.PUBLIC, null, Map.of()));
        for (final Access access : new Access[] {Access.SIGNED_IN, Access.OWN_AGENT, Access.OWN_CALL, Access.ADMIN})
        {
            assertEquals("unauthorized", assertThrows(ApiException.class, () -> ApiGuard.admit(access, null, own))
                .code(), access.name());
        }
        final ApiException unauthorized = assertThrows(ApiException.class,
            () -> ApiGuard.admit(Access.SIGNED_IN, null, Map.of()));
        assertEquals(401, unauthorized.status().code());
        assertEquals(Map.of("www-authenticate", "Bearer"), unauthorized.headers());
        assertDoesNotThrow(() -> ApiGuard.admit(Access.OWN_AGENT, AGENT, own));
        assertEquals(403, assertThrows(ApiException.class, () -> ApiGuard.admit(Access.OWN_AGENT, AGENT, other))
            .status().code());
        assertEquals(403, assertThrows(ApiException.class, () -> ApiGuard.admit(Access.OWN_AGENT, NO_AGENT, own))
            .status().code());
        assertEquals(403, assertThrows(ApiException.class, () -> ApiGuard.admit(Access.ADMIN, AGENT, Map.of()))
            .status().code());
        assertDoesNotThrow(() -> ApiGuard.admit(Access.OWN_CALL, AGENT, Map.of()), "checked on the call's worker");
        for (final Access access : Access.values())
        {
            assertDoesNotThrow(() -> ApiGuard.admit(access, ADMIN, other), access.name());
        }
    }

    @Test
    void aSupervisorReachesEveryAgentsStateButNoAgentsOwnWorkNorTheAdministration()
    {
        final Map<String, String> other = Map.of("staffNo", "A1004");
        assertDoesNotThrow(() -> ApiGuard.admit(Access.SUPERVISED_AGENT, SUPERVISOR, other));
        assertDoesNotThrow(() -> ApiGuard.admit(Access.SUPERVISED_AGENT, AGENT, Map.of("staffNo", "A1003")));
        assertEquals(403, assertThrows(ApiException.class,
            () -> ApiGuard.admit(Access.SUPERVISED_AGENT, AGENT, other)).status().code());
        assertEquals(403, assertThrows(ApiException.class, () -> ApiGuard.admit(Access.OWN_AGENT, SUPERVISOR, other))
            .status().code(), "no dialling or chatting as another agent");
        assertEquals(403, assertThrows(ApiException.class, () -> ApiGuard.admit(Access.ADMIN, SUPERVISOR, other))
            .status().code());
        assertDoesNotThrow(() -> ApiGuard.admit(Access.SUPERVISED_CALL, AGENT, Map.of()),
            "checked on the call's worker");
    }

    @Test
    void theRouterKeepsEachRoutesAccess()
    {
        final ApiRouter router = new ApiRouter()
            .get("/api/x/{id}", Access.ADMIN, request -> ApiResponse.ok("x"))
            .post("/api/x/{id}", Access.OWN_CALL, request -> ApiResponse.ok("y"));
        assertEquals(Access.ADMIN, router.match(HttpMethod.GET, "/api/x/7").access());
        assertEquals(Access.OWN_CALL, router.match(HttpMethod.POST, "/api/x/7").access());
        assertEquals("7", router.match(HttpMethod.POST, "/api/x/7").params().get("id"));
        assertEquals(2, router.routes().size());
        assertEquals(new ApiRouter.Route(HttpMethod.GET, "/api/x/{id}", Access.ADMIN), router.routes().get(0));
    }
}
