package io.switchboard.core.trunk;

import io.switchboard.core.config.ConfigLoader;
import io.switchboard.core.config.SwitchboardConfig;
import io.switchboard.core.config.TrunkSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configuration format of trunks, dial plan and outbound permission, and its validation messages. */
class TrunkConfigTest
{
    static final String EXAMPLE = """
        {
          "tenant": {
            "extensionRange": {"first": 1001, "last": 1020},
            "trunks": [
              {"name": "carrier-a", "host": "sip.carrier-a.example", "transport": "UDP",
               "inboundAddresses": ["203.0.113.0/24", "2001:db8:a::/48"],
               "username": "acme", "password": "s3cret", "register": true,
               "callerId": "+4930123456", "callerIdName": "ACME Support",
               "numbers": ["+4930123456", "+4930123457"], "maxCalls": 30},
              {"name": "carrier-b", "host": "198.51.100.10", "port": 5080, "transport": "tcp",
               "username": "acme-b", "password": "pw", "realm": "carrier-b.example",
               "numbers": ["+4989555000"]},
              {"name": "emergency", "host": "192.0.2.1", "inboundAddresses": []}
            ],
            "dialPlan": {
              "country": "49",
              "rules": [
                {"prefix": "0049", "strip": 4, "prepend": "+49", "trunks": ["carrier-a", "carrier-b"]},
                {"prefix": "+", "trunks": ["carrier-a", "carrier-b"]},
                {"prefix": "+1", "trunks": ["carrier-b"]},
                {"prefix": "11", "trunks": ["emergency"]},
              ]
            },
            "outbound": {"allowed": ["1001-1010", "1015"], "international": "1001"}
          }
        }
        """;

    static SwitchboardConfig load(final String json) throws IOException
    {
        return ConfigLoader.parse(json).conclude();
    }

    static String error(final String trunkJson)
    {
        final String json = "{\"tenant\": {\"trunks\": [" + trunkJson + "]}}";
        return assertThrows(IllegalArgumentException.class, () -> load(json)).getMessage();
    }

    @Test
    void exampleLoadsWithDefaults() throws IOException
    {
        final SwitchboardConfig config = load(EXAMPLE);
        final List<TrunkSettings> trunks = config.tenant.trunks;
        assertEquals(3, trunks.size());
        final TrunkSettings a = trunks.get(0);
        assertEquals("udp", a.transport);
        assertEquals(5060, a.port);
        assertEquals(3600, a.registerExpires);
        assertEquals("acme", a.registerUser, "registers as the digest user by default");
        assertEquals("sip.carrier-a.example", a.registerDomain);
        assertEquals(30, a.maxCalls);
        final TrunkSettings b = trunks.get(1);
        assertNull(b.inboundAddresses, "absent: the resolved host");
        assertFalse(b.register);
        assertEquals(0, b.maxCalls);
        assertEquals(List.of("1001"), config.tenant.outbound.international, "a single string is a list of one");
        assertEquals("0", config.tenant.dialPlan.nationalPrefix);
        assertEquals("00", config.tenant.dialPlan.internationalPrefix);
    }

    @Test
    void defaultConfigHasNoTrunksAndNobodyCallsOut() throws IOException
    {
        final SwitchboardConfig config = load("{}");
        assertTrue(config.tenant.trunks.isEmpty());
        assertTrue(config.tenant.dialPlan.rules.isEmpty());
        assertTrue(config.tenant.outbound.allowed.isEmpty());
    }

    @Test
    void trunkErrorsNameTheTrunk()
    {
        assertTrue(error("{\"name\": \"c1\"}").contains("tenant.trunks.c1: host"));
        assertTrue(error("{\"name\": \"c1\", \"host\": \"h\", \"port\": 0}").contains("tenant.trunks.c1: port"));
        assertTrue(error("{\"name\": \"c1\", \"host\": \"h\", \"transport\": \"tls\"}")
            .contains("tenant.trunks.c1: transport must be udp or tcp, was tls"));
        assertTrue(error("{\"name\": \"c1\", \"host\": \"h\", \"inboundAddresses\": [\"10.0.0.0/33\"]}")
            .contains("tenant.trunks.c1: inboundAddresses: not an IP address or CIDR block: 10.0.0.0/33"));
        assertTrue(error("{\"name\": \"c1\", \"host\": \"h\", \"inboundAddresses\": [\"carrier.example\"]}")
            .contains("tenant.trunks.c1: inboundAddresses"));
        assertTrue(error("{\"name\": \"c1\", \"host\": \"h\", \"username\": \"u\"}")
            .contains("tenant.trunks.c1: username and password go together"));
        assertTrue(error("{\"name\": \"c1\", \"host\": \"h\", \"register\": true}")
            .contains("tenant.trunks.c1: register needs a username and password"));
        assertTrue(error("{\"name\": \"c1\", \"host\": \"h\", \"username\": \"u\", \"password\": \"p\","
            + " \"register\": true, \"registerExpires\": 10}").contains("tenant.trunks.c1: registerExpires"));
        assertTrue(error("{\"name\": \"c1\", \"host\": \"h\", \"numbers\": [\"030123456\"]}")
            .contains("tenant.trunks.c1: numbers: not an E.164 number"));
        assertTrue(error("{\"name\": \"c1\", \"host\": \"h\", \"callerId\": \"ACME\"}")
            .contains("tenant.trunks.c1: callerId"));
        assertTrue(error("{\"name\": \"c1\", \"host\": \"h\", \"callerIdName\": \"a\\\"b\"}")
            .contains("tenant.trunks.c1: callerIdName"));
        assertTrue(error("{\"name\": \"c1\", \"host\": \"h\", \"maxCalls\": -1}")
            .contains("tenant.trunks.c1: maxCalls"));
    }

    @Test
    void namesAndNumbersAreUnique()
    {
        assertTrue(error("{\"host\": \"h\"}").contains("tenant.trunks[0]: name"));
        assertTrue(error("{\"name\": \"c1\", \"host\": \"h\"}, {\"name\": \"c1\", \"host\": \"h2\"}")
            .contains("tenant.trunks.c1: name used twice"));
        assertTrue(error("{\"name\": \"c1\", \"host\": \"h\", \"numbers\": [\"+4930123\"]},"
            + " {\"name\": \"c2\", \"host\": \"h2\", \"numbers\": [\"+4930123\"]}")
            .contains("tenant.trunks.c2: number +4930123 also belongs to trunk c1"));
    }

    static String planError(final String planJson, final String outboundJson)
    {
        final String json = "{\"tenant\": {\"trunks\": [{\"name\": \"a\", \"host\": \"h\"}], \"dialPlan\": "
            + planJson + ", \"outbound\": " + outboundJson + "}}";
        return assertThrows(IllegalArgumentException.class, () -> load(json)).getMessage();
    }

    @Test
    void dialPlanErrors()
    {
        assertTrue(planError("{\"rules\": [{\"prefix\": \"0\", \"trunks\": [\"a\"]}]}", "{}")
            .contains("tenant.dialPlan.country must be set when there are rules"));
        assertTrue(planError("{\"country\": \"049\"}", "{}").contains("tenant.dialPlan.country"));
        assertTrue(planError("{\"country\": \"49\", \"rules\": [{\"prefix\": \"0\", \"trunks\": [\"x\"]}]}", "{}")
            .contains("tenant.dialPlan.rules.0: no trunk named x"));
        assertTrue(planError("{\"country\": \"49\", \"rules\": [{\"prefix\": \"0\", \"trunks\": []}]}", "{}")
            .contains("tenant.dialPlan.rules.0: needs at least one trunk"));
        assertTrue(planError("{\"country\": \"49\", \"rules\": [{\"prefix\": \"00\", \"strip\": 3,"
            + " \"trunks\": [\"a\"]}]}", "{}").contains("tenant.dialPlan.rules.00: strip must be 0..2"));
        assertTrue(planError("{\"country\": \"49\", \"rules\": [{\"prefix\": \"0x\", \"trunks\": [\"a\"]}]}", "{}")
            .contains("tenant.dialPlan.rules: prefix"));
        assertTrue(planError("{\"country\": \"49\", \"rules\": [{\"prefix\": \"0\", \"trunks\": [\"a\"]},"
            + " {\"prefix\": \"0\", \"trunks\": [\"a\"]}]}", "{}").contains("tenant.dialPlan.rules.0: prefix listed"));
        assertTrue(planError("{\"nationalPrefix\": \"00\"}", "{}").contains("tenant.dialPlan.internationalPrefix"));
    }

    @Test
    void outboundErrors()
    {
        assertTrue(planError("{}", "{\"allowed\": [\"1010-1001\"]}")
            .contains("tenant.outbound.allowed: range 1010-1001 ends before it starts"));
        assertTrue(planError("{}", "{\"international\": [\"10 01\"]}").contains("tenant.outbound.international"));
    }
}
