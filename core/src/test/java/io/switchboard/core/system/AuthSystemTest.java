package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.api.Access;
import io.switchboard.core.api.ApiRouter;
import io.switchboard.core.auth.PasswordRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts and access over HTTP: log-in (token and cookie), the same refusal for a wrong password and an unknown
 * account, throttling per account and per address (each client its own 127.0.0.x address), log-out, password
 * change, the administrators' account management, and the roles on every route. Each test uses accounts and
 * addresses of its own, so the order does not matter. Session expiry and the throttle's windows are unit tests with
 * a clock (SessionsTest, LoginThrottleTest).
 */
@Timeout(60)
@ServerSystemTest.Tenant(AuthSystemTest.ACD)
class AuthSystemTest extends ServerSystemTest
{
    static final String ACD = """
        , "acd": { "groups": [ { "name": "support", "fallback": "hangup" } ],
                   "agents": [
                     { "staffNo": "A1003", "name": "Agent 1003", "extension": "1003", "groups": ["support"] },
                     { "staffNo": "A1004", "name": "Agent 1004", "extension": "1004", "groups": ["support"] } ] }
        """;

    private static LoopbackHttp from(final String address)
    {
        return new LoopbackHttp(address, server.httpPort());
    }

    private static String signIn(final String extension) throws Exception
    {
        return CallApi.login(server.httpPort(), DemoAccounts.email(extension), DemoAccounts.password(extension));
    }

    private static void assertRefused(final int status, final String error, final LoopbackHttp.Reply reply)
    {
        assertEquals(status, reply.status(), reply.body()::toString);
        assertEquals(error, reply.error(), reply.body()::toString);
        assertFalse(reply.body().path("message").asText().isEmpty(), reply.body()::toString);
    }

    private static void assertRefused(final int status, final String error, final CallApi.Reply reply)
    {
        assertEquals(status, reply.status(), reply.body()::toString);
        assertEquals(error, reply.error(), reply.body()::toString);
    }

    @Test
    void logInGivesATokenAndACookieThatBothSignRequests() throws Exception
    {
        final LoopbackHttp client = from("127.0.0.11");
        final LoopbackHttp.Reply login = client.login("1010@Demo.Switchboard", "Demo#1010");
        assertEquals(200, login.status(), login.body()::toString);
        final String token = login.body().get("token").asText();
        assertEquals(43, token.length(), token);
        assertNotNull(java.time.Instant.parse(login.body().get("expiresAt").asText()));
        final JsonNode account = login.body().get("account");
        assertEquals("1010@demo.switchboard", account.get("email").asText(), "e-mail in any case");
        assertEquals("agent", account.get("role").asText());
        assertEquals("1010", account.get("extension").asText());
        assertFalse(account.has("passwordHash"), account::toString);
        assertEquals("sb_session=" + token + "; HttpOnly; SameSite=Strict; Path=/", login.header("Set-Cookie"));

        final LoopbackHttp.Reply me = client.get("/api/me", token);
        assertEquals(200, me.status(), me.body()::toString);
        assertEquals("1010@demo.switchboard", me.body().get("email").asText());
        final LoopbackHttp.Reply byCookie = client.send("GET", "/api/me", Map.of("Cookie", "sb_session=" + token),
            null, null);
        assertEquals(200, byCookie.status(), byCookie.body()::toString);
        assertEquals("1010@demo.switchboard", byCookie.body().get("email").asText());
    }

    @Test
    void aWrongPasswordAndAnUnknownAccountGetTheSameAnswer() throws Exception
    {
        final LoopbackHttp client = from("127.0.0.21");
        final LoopbackHttp.Reply wrong = client.login("1004@demo.switchboard", "Demo#9999");
        final LoopbackHttp.Reply unknown = client.login("nobody@demo.switchboard", "Demo#1004");
        assertRefused(401, "bad_credentials", wrong);
        assertEquals(wrong.status(), unknown.status());
        assertEquals(wrong.body(), unknown.body(), "nothing tells which accounts exist");
        assertNull(wrong.header("Set-Cookie"));
        assertRefused(400, "bad_request", client.post("/api/login", null, "{\"email\":\"1004@demo.switchboard\"}"));
        assertRefused(400, "bad_request", client.post("/api/login", null, "not json"));
    }

    @Test
    void failedLogInsBlockTheAccountFromAnyAddress() throws Exception
    {
        for (int i = 1; i <= 5; i++)
        {
            assertRefused(401, "bad_credentials", from("127.0.0.3" + i).login("1005@demo.switchboard", "Wrong#" + i));
        }
        final LoopbackHttp.Reply blocked = from("127.0.0.36").login("1005@demo.switchboard", "Demo#1005");
        assertRefused(429, "too_many_attempts", blocked);
        final long retryAfter = Long.parseLong(blocked.header("Retry-After"));
        assertTrue(retryAfter > 200 && retryAfter <= 300, "seconds left of the 5-minute block: " + retryAfter);
        assertEquals(200, from("127.0.0.36").login("1006@demo.switchboard", "Demo#1006").status(),
            "another account from the same address is not blocked");
    }

    @Test
    void failedLogInsBlockTheAddressWhateverAccountItTries() throws Exception
    {
        final LoopbackHttp guesser = from("127.0.0.41");
        for (int i = 1; i <= 5; i++)
        {
            assertRefused(401, "bad_credentials", guesser.login("guess" + i + "@demo.switchboard", "Demo#1007"));
        }
        assertRefused(429, "too_many_attempts", guesser.login("1007@demo.switchboard", "Demo#1007"));
        assertEquals(200, from("127.0.0.42").login("1007@demo.switchboard", "Demo#1007").status(),
            "the account itself is not blocked");
    }

    @Test
    void logOutEndsTheSession() throws Exception
    {
        final LoopbackHttp client = from("127.0.0.51");
        final String token = client.login("1008@demo.switchboard", "Demo#1008").body().get("token").asText();
        final LoopbackHttp.Reply out = client.post("/api/logout", token, null);
        assertEquals(200, out.status(), out.body()::toString);
        assertTrue(out.header("Set-Cookie").startsWith("sb_session=; Max-Age=0"), out.header("Set-Cookie"));
        final LoopbackHttp.Reply after = client.get("/api/me", token);
        assertRefused(401, "unauthorized", after);
        assertEquals("Bearer", after.header("WWW-Authenticate"));
        assertRefused(401, "unauthorized", client.post("/api/logout", token, null));
    }

    @Test
    void passwordChangeFollowsTheRuleAndNeedsTheCurrentPassword() throws Exception
    {
        final LoopbackHttp client = from("127.0.0.61");
        final String token = client.login("1009@demo.switchboard", "Demo#1009").body().get("token").asText();
        final String other = client.login("1009@demo.switchboard", "Demo#1009").body().get("token").asText();
        assertRefused(400, "bad_request", client.post("/api/me/password", token, "{\"current\":\"Demo#1009\"}"));
        assertRefused(400, "passwords_differ", change(client, token, "Demo#1009", "Better#2024", "Better#2025"));
        final LoopbackHttp.Reply weak = change(client, token, "Demo#1009", "short1#", "short1#");
        assertRefused(400, "weak_password", weak);
        assertTrue(weak.body().get("message").asText().startsWith(PasswordRule.DESCRIPTION), weak.body()::toString);
        assertRefused(400, "weak_password", change(client, token, "Demo#1009", "no special 1", "no special 1"));
        assertRefused(400, "same_password", change(client, token, "Demo#1009", "Demo#1009", "Demo#1009"));
        assertRefused(400, "wrong_password", change(client, token, "Demo#1008", "Better#2024", "Better#2024"));

        final LoopbackHttp.Reply changed = change(client, token, "Demo#1009", "Better#2024", "Better#2024");
        assertEquals(200, changed.status(), changed.body()::toString);
        assertEquals(200, client.get("/api/me", token).status(), "the session that changed it stays");
        assertRefused(401, "unauthorized", client.get("/api/me", other));
        assertRefused(401, "bad_credentials", client.login("1009@demo.switchboard", "Demo#1009"));
        assertEquals(200, client.login("1009@demo.switchboard", "Better#2024").status());
    }

    private static LoopbackHttp.Reply change(final LoopbackHttp client, final String token, final String current,
        final String chosen, final String repeat) throws Exception
    {
        return client.post("/api/me/password", token, "{\"current\":\"" + current + "\",\"new\":\"" + chosen
            + "\",\"repeat\":\"" + repeat + "\"}");
    }

    @Test
    void anAdministratorManagesAccounts() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final String email = "new.agent@demo.switchboard";
        assertRefused(409, "exists", admin.post("/api/accounts",
            "{\"email\":\"second@demo.switchboard\",\"role\":\"agent\",\"extension\":\"1004\"}"));
        assertRefused(400, "bad_request", admin.post("/api/accounts", "{\"email\":\"x@y\",\"role\":\"boss\"}"));
        assertRefused(400, "bad_request", admin.post("/api/accounts", "{\"email\":\"no-at-sign\",\"role\":\"agent\"}"));
        assertRefused(404, "unknown_extension", admin.post("/api/accounts",
            "{\"email\":\"x@y\",\"role\":\"agent\",\"extension\":\"999\"}"));
        assertRefused(404, "unknown_agent", admin.post("/api/accounts",
            "{\"email\":\"x@y\",\"role\":\"agent\",\"staffNo\":\"Z9\"}"));

        final CallApi.Reply created = admin.post("/api/accounts", "{\"email\":\"New.Agent@demo.switchboard\","
            + "\"name\":\"New Agent\",\"role\":\"agent\",\"extension\":\"1012\"}");
        assertEquals(201, created.status(), created.body()::toString);
        assertEquals(email, created.body().get("email").asText());
        final String first = created.body().get("password").asText();
        assertNull(PasswordRule.violation(first), first);
        assertRefused(409, "exists", admin.post("/api/accounts", "{\"email\":\"NEW.agent@demo.switchboard\","
            + "\"role\":\"agent\"}"));
        final JsonNode listed = find(admin.get("/api/accounts").body(), email);
        assertEquals("New Agent", listed.get("name").asText());
        assertFalse(listed.has("password") || listed.has("passwordHash"), "the password is shown once: " + listed);

        final LoopbackHttp client = from("127.0.0.71");
        final String token = client.login(email, first).body().get("token").asText();
        assertEquals("1012", client.get("/api/me", token).body().get("extension").asText());

        final CallApi.Reply edited = admin.post("/api/accounts/" + email, "{\"name\":\"Nina\",\"extension\":\"1013\"}");
        assertEquals(200, edited.status(), edited.body()::toString);
        assertEquals("Nina", edited.body().get("name").asText());
        assertEquals("1013", edited.body().get("extension").asText());
        assertRefused(400, "bad_request", admin.post("/api/accounts/" + email, "{\"role\":\"admin\"}"));
        final CallApi.Reply patched = admin.send("PATCH", "/api/accounts/" + email);
        assertEquals(400, patched.status(), "PATCH edits too (this one has no body): " + patched.body());
        assertRefused(404, "unknown_account", admin.post("/api/accounts/nobody@demo.switchboard", "{}"));

        final CallApi.Reply reset = admin.post("/api/accounts/" + email + "/reset-password", "");
        assertEquals(200, reset.status(), reset.body()::toString);
        final String second = reset.body().get("password").asText();
        assertNull(PasswordRule.violation(second), second);
        assertRefused(401, "unauthorized", client.get("/api/me", token), "a reset ends the account's sessions");
        assertRefused(401, "bad_credentials", client.login(email, first));
        final String again = client.login(email, second).body().get("token").asText();

        final CallApi.Reply deleted = admin.delete("/api/accounts/" + email);
        assertEquals(200, deleted.status(), deleted.body()::toString);
        assertRefused(401, "unauthorized", client.get("/api/me", again));
        assertRefused(401, "bad_credentials", client.login(email, second));
        assertRefused(404, "unknown_account", admin.get("/api/accounts/" + email));
        assertRefused(404, "unknown_account", admin.post("/api/accounts/" + email + "/delete", ""));
        assertRefused(409, "own_account", admin.delete("/api/accounts/" + DemoAccounts.ADMIN));
    }

    private static void assertRefused(final int status, final String error, final LoopbackHttp.Reply reply,
        final String why)
    {
        assertEquals(status, reply.status(), () -> why + ": " + reply.body());
        assertEquals(error, reply.error(), () -> why + ": " + reply.body());
    }

    private static JsonNode find(final JsonNode accounts, final String email)
    {
        for (final JsonNode account : accounts)
        {
            if (email.equals(account.get("email").asText()))
            {
                return account;
            }
        }
        throw new AssertionError(email + " not listed: " + accounts);
    }

    @Test
    void anAgentReachesOnlyItsOwnAgent() throws Exception
    {
        final CallApi agent = new CallApi(server.httpPort(), signIn("1003"));
        assertEquals("A1003", agent.get("/api/me").body().get("staffNo").asText(), "bound by its extension");
        assertEquals(200, agent.get("/api/agents/A1003").status());
        final CallApi.Reply idle = agent.post("/api/agents/A1003/state", "{\"state\":\"idle\"}");
        assertEquals(200, idle.status(), idle.body()::toString);
        assertEquals("idle", idle.body().get("state").asText());
        assertEquals(200, agent.post("/api/agents/A1003/state", "{\"state\":\"offline\"}").status());
        assertRefused(403, "forbidden", agent.get("/api/agents/A1004"));
        assertRefused(403, "forbidden", agent.post("/api/agents/A1004/state", "{\"state\":\"idle\"}"));
        assertEquals(200, agent.get("/api/agents").status(), "colleagues' states are for the transfer dialog");
        assertEquals(200, agent.get("/api/groups").status());
        assertRefused(403, "forbidden", agent.get("/api/accounts"));
        assertRefused(403, "forbidden", agent.get("/api/counters"));
    }

    /**
     * Every route but log-in, health, this API's description and the workbench's static page (with the SIP.js modules
     * its phone loads) needs a session; the administrators' ones refuse an agent.
     */
    @Test
    void everyRouteChecksWhoAsks() throws Exception
    {
        final List<ApiRouter.Route> routes = server.apiRoutes();
        assertTrue(routes.size() > 40, routes::toString);
        assertEquals(Set.of("GET /api/health", "POST /api/login", "GET /api/openapi.json", "GET /",
            "GET /web/{file}", "GET /web/sip.js/{a}", "GET /web/sip.js/{a}/{b}", "GET /web/sip.js/{a}/{b}/{c}",
            "GET /web/sip.js/{a}/{b}/{c}/{d}"), routes.stream()
            .filter(route -> route.access() == Access.PUBLIC).map(route -> route.method() + " " + route.pattern())
            .collect(Collectors.toSet()));
        final CallApi nobody = new CallApi(server.httpPort(), null);
        final CallApi stranger = new CallApi(server.httpPort(), "made-up-token");
        final CallApi agent = new CallApi(server.httpPort(), signIn("1003"));
        final List<String> wrong = new ArrayList<>();
        for (final ApiRouter.Route route : routes)
        {
            final String path = route.pattern().replace("{staffNo}", "A1004").replace("{id}", "1")
                .replace("{email}", DemoAccounts.ADMIN).replaceAll("\\{[a-zA-Z]+}", "x");
            final String name = route.method().name();
            // the metrics scraper is admitted by its token or by address, not a session: MetricsSystemTest
            if (route.access() == Access.PUBLIC || route.access() == Access.METRICS)
            {
                continue;
            }
            for (final CallApi unauthenticated : List.of(nobody, stranger))
            {
                final CallApi.Reply reply = unauthenticated.send(name, path);
                if (reply.status() != 401 || !"unauthorized".equals(reply.error()))
                {
                    wrong.add(name + " " + path + " without a session: " + reply.status() + " " + reply.body());
                }
            }
            if (route.access() == Access.ADMIN || route.access() == Access.OWN_AGENT
                || route.access() == Access.SUPERVISED_AGENT)
            {
                final CallApi.Reply reply = agent.send(name, path);
                if (reply.status() != 403 || !"forbidden".equals(reply.error()))
                {
                    wrong.add(name + " " + path + " by agent A1003: " + reply.status() + " " + reply.body());
                }
            }
        }
        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
    }

    @Test
    void anAgentSeesAndActsOnItsOwnCallsOnly() throws Exception
    {
        final int calleePort = Sipp.freeUdpPort();
        registerAt("1002", calleePort);
        final Sipp callee = Sipp.scenario("auth-callee", "call/callee.xml").port(calleePort).start(0);
        try
        {
            final Sipp caller = Sipp.scenario("auth-caller", "call/caller.xml").credentials("1001", "demo-1001")
                .service("1002").port(Sipp.freeUdpPort()).arg("-d", "3000").start(server.sipUdpPort());
            final CallApi admin = new CallApi(server.httpPort());
            final long id = admin.awaitCallTo("1002", "answered", c -> "confirmed".equals(c.path("state").asText()))
                .get("id").asLong();
            final CallApi callerAgent = new CallApi(server.httpPort(), signIn("1001"));
            final CallApi calleeAgent = new CallApi(server.httpPort(), signIn("1002"));
            final CallApi outsider = new CallApi(server.httpPort(), signIn("1003"));
            assertEquals(1, callerAgent.get("/api/calls").body().size());
            assertEquals(1, calleeAgent.get("/api/calls").body().size());
            assertEquals(0, outsider.get("/api/calls").body().size(), "another agent's call is not listed");
            assertEquals(200, callerAgent.get("/api/calls/" + id).status());
            assertEquals(200, calleeAgent.get("/api/calls/" + id).status());
            assertRefused(403, "forbidden", outsider.get("/api/calls/" + id));
            assertRefused(403, "forbidden", outsider.command(id, "hold", "caller"));
            assertRefused(403, "forbidden", outsider.post("/api/calls/" + id + "/hangup", ""));
            assertRefused(404, "unknown_call", outsider.get("/api/calls/" + (id + 1000)));
            assertEquals(0, caller.await(30), caller::traces);
            assertEquals(0, callee.await(30), callee::traces);
        }
        finally
        {
            callee.kill();
        }
        awaitNoActiveCalls();
    }

    private static void registerAt(final String extension, final int port) throws Exception
    {
        final Sipp sipp = Sipp.scenario("auth-register-" + extension, "register/register.xml")
            .registering(extension, 600).credentials(extension, "demo-" + extension).port(port);
        assertEquals(0, sipp.run(server.sipUdpPort()), sipp::traces);
    }
}
