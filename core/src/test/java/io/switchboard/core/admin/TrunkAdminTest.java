package io.switchboard.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.config.TrunkSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrunkAdminTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "{\"host\":\"127.0.0.1\",\"port\":5060,\"transport\":\"udp\","
        + "\"inboundAddresses\":[\"10.0.0.0/8\"],\"username\":\"u\",\"password\":\"p\",\"numbers\":[\"+4930123456\"]}";

    private static TrunkSettings parse(final String json, final TrunkSettings before) throws Exception
    {
        return TrunkAdmin.trunk("t1", JSON.readTree(json), before);
    }

    @Test
    void validatesTheTrunk() throws Exception
    {
        assertEquals("t1", parse(OK, null).name);
        for (final String bad : new String[] {OK.replace("5060", "70000"), OK.replace("\"udp\"", "\"sctp\""),
            OK.replace("10.0.0.0/8", "10.0.0.0/40"), OK.replace("+4930123456", "12"),
            OK.replace("127.0.0.1", "no host!"), OK.replace("\"port\":5060", "\"port\":\"x\""),
            OK.replace("{", "{\"unknown\":1,")})
        {
            final AdminException ex = assertThrows(AdminException.class, () -> parse(bad, null), bad);
            assertEquals(AdminException.Reason.INVALID, ex.reason());
        }
    }

    @Test
    void keepsThePasswordWhenNoneIsGiven() throws Exception
    {
        final TrunkSettings before = parse(OK, null);
        assertEquals("p", parse(OK.replace("\"password\":\"p\",", ""), before).password);
        assertEquals("q", parse(OK.replace("\"p\"", "\"q\""), before).password);
        assertFalse(TrunkAdmin.view(before).containsKey("password"));
    }
}
