package io.switchboard.core.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Logging out of the workbench takes the agent offline (issue 17 item 5; 000 下线与退出登录): agent A1 (extension
 * 1001) with its phone registered goes idle, logs in a second time elsewhere, logs out of one (still idle: the other
 * browser is signed in) and then of the other: offline, journalled as its own choice. Over the running server's API
 * with the phone registered by SIPp.
 */
@Timeout(60)
@ServerSystemTest.Tenant(AgentSignOutSystemTest.TENANT)
class AgentSignOutSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support" } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] } ] }
        """;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theLastLogOutTakesTheAgentOffline() throws Exception
    {
        final Sipp phone = Sipp.scenario("signout-register-1001", "register/register.xml")
            .registering("1001", 600).credentials("1001", "demo-1001").port(Sipp.freeUdpPort());
        assertEquals(0, phone.run(server.sipUdpPort()), phone::traces);
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi desk = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            DemoAccounts.email("1001"), DemoAccounts.password("1001")));
        final CallApi laptop = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            DemoAccounts.email("1001"), DemoAccounts.password("1001")));
        assertEquals(200, desk.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());

        assertEquals(200, desk.post("/api/logout", "{}").status());
        // the laptop's session is still live, so the desk's log-out leaves the agent as it is (no change is made at
        // all, so there is nothing to wait for)
        assertEquals("idle", laptop.get("/api/agents/A1").body().get("state").asText());

        assertEquals(200, laptop.post("/api/logout", "{}").status());
        Await.until("A1 offline", WAIT, () -> admin.get("/api/agents/A1").body(),
            agent -> "offline".equals(agent.get("state").asText()));
        assertEquals(401, laptop.get("/api/agents/A1").status(), "the session is gone");
    }
}
