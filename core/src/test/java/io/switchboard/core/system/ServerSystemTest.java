package io.switchboard.core.system;

import io.switchboard.core.SwitchboardServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInfo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What every system test class shares: one in-process server on loopback per class, and waiting for calls to end. */
@Tag("system")
abstract class ServerSystemTest
{
    static SwitchboardServer server;

    /** More of the tenant's configuration for a test class's server (see {@link TestServers#start(String)}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Tenant
    {
        String value();
    }

    /** More of the media configuration for a test class's server: JSON members, each ending with a comma. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Media
    {
        String value();
    }

    /** More of the configuration's top level for a test class's server: JSON members, each ending with a comma. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Settings
    {
        String value();
    }

    @BeforeAll
    static void startServer(final TestInfo info) throws Exception
    {
        final Tenant tenant = info.getTestClass().map(c -> c.getAnnotation(Tenant.class)).orElse(null);
        final Media media = info.getTestClass().map(c -> c.getAnnotation(Media.class)).orElse(null);
        final Settings settings = info.getTestClass().map(c -> c.getAnnotation(Settings.class)).orElse(null);
        server = TestServers.startWith(tenant != null ? tenant.value() : "", media != null ? media.value() : "",
            settings != null ? settings.value() : "");
    }

    /** Every call and leg of the class changed state as their figures allow ({@code CallState}, {@code LegState}). */
    @AfterAll
    static void stopServer()
    {
        if (server != null)
        {
            final long unexpected = server.stats().unexpectedTransitions();
            server.close();
            server = null;
            assertEquals(0, unexpected, "call or leg state changes their figures do not allow (see the DEBUG log)");
        }
    }

    /** Waits (bounded) until every call has ended on both legs, and fails if some did not. */
    /** Registers a SIPp phone as {@code extension} (its password demo-N) at a free port; returns the port. */
    static int registerPhone(final String test, final String extension) throws Exception
    {
        final int port = Sipp.freeUdpPort();
        final Sipp sipp = Sipp.scenario(test + "-register-" + extension, "register/register.xml")
            .registering(extension, 600).credentials(extension, "demo-" + extension).port(port);
        assertEquals(0, sipp.run(server.sipUdpPort()), sipp::traces);
        return port;
    }

    /** Registers a SIPp phone as {@code extension} at {@code port} (again after a restart, the same port). */
    static void registerPhoneAt(final String test, final String extension, final int port) throws Exception
    {
        final Sipp sipp = Sipp.scenario(test + "-register-" + extension, "register/register.xml")
            .registering(extension, 600).credentials(extension, "demo-" + extension).port(port);
        assertEquals(0, sipp.run(server.sipUdpPort()), sipp::traces);
    }

    /**
     * A call from {@code caller} to the queue {@code number}, answered by {@code agent} (whose phone a SIPp plays at
     * {@code phonePort}) and by no one else, then hung up by the caller; returns the agent on the call. Both SIPps
     * go to {@code sipps} for the clean-up.
     */
    static com.fasterxml.jackson.databind.JsonNode answeredBy(final CallApi api, final String test,
        final String caller, final String number, final String agent, final int phonePort,
        final java.util.List<Sipp> sipps) throws Exception
    {
        final Sipp phone = Sipp.scenario(test + "-" + caller + "-phone-" + agent, "acd/agent-answer.xml")
            .port(phonePort).arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
        sipps.add(phone);
        final Sipp uac = Sipp.scenario(test + "-caller-" + caller, "acd/caller.xml")
            .credentials(caller, "demo-" + caller).service(number).port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(server.sipUdpPort());
        sipps.add(uac);
        final long id = api.callFrom(caller).get("id").asLong();
        final com.fasterxml.jackson.databind.JsonNode answered = api.awaitAgent(agent, "on call with " + caller,
            a -> "on-call".equals(a.get("state").asText()) && a.get("call").asLong() == id);
        api.dtmf(id, "caller", "0");
        assertEquals(0, uac.await(20), uac::traces);
        assertEquals(0, phone.await(20), phone::traces);
        return answered;
    }

    /**
     * After a test: every call still up is hung up through the API, every SIPp it started ends (or is killed), and
     * no call is left.
     */
    static void hangUpEverything(final CallApi api, final java.util.List<Sipp> sipps) throws Exception
    {
        api.hangUpAll();
        for (final Sipp sipp : sipps)
        {
            if (sipp.await(10) != 0)
            {
                sipp.kill();
            }
        }
        awaitNoActiveCalls();
    }

    static void awaitNoActiveCalls() throws Exception
    {
        Await.until("no active calls", () -> server.stats().active(), active -> active == 0);
    }
}
