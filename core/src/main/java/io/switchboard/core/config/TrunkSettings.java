package io.switchboard.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A carrier trunk: where the carrier is, how each side authenticates the other, whether the softswitch registers
 * to it, the caller ID presented on outbound calls and the numbers (DIDs) it brings in.
 *
 * <p>Inbound, a request is from this trunk when its source address is in {@link #inboundAddresses} (no digest
 * challenge: RFC 3261 §22 lets a server skip it for peers authenticated otherwise). Outbound, the softswitch answers
 * the carrier's 401/407 challenges with {@link #username}/{@link #password}.
 */
public final class TrunkSettings
{
    /** Unique name, used by dial plan rules and the API: letters, digits, {@code _ . -}, at most 64. */
    public String name;
    /** The carrier's SIP host: a name or an IP literal. */
    public String host;
    public int port = 5060;
    /** {@code udp} or {@code tcp}. */
    public String transport = "udp";
    /**
     * Source addresses whose requests are this trunk's: IP addresses or CIDR blocks, IPv4 or IPv6
     * ({@code "203.0.113.7"}, {@code "203.0.113.0/24"}, {@code "2001:db8::/32"}). Null (absent) means every
     * address the host resolves to at start; an empty list means the trunk is outbound only.
     */
    public List<String> inboundAddresses;
    /** Digest user name for answering the carrier's challenges (outbound, REGISTER); optional. */
    public String username;
    /** Digest password; set together with {@link #username}. */
    public String password;
    /** The realm these credentials are for; null answers whatever realm the carrier challenges with. */
    public String realm;
    /** Register the softswitch to the carrier (REGISTER with digest, refreshed before expiry). */
    public boolean register;
    /** Expires requested in the REGISTER, seconds (60..86400). */
    public int registerExpires = 3600;
    /** User part of the registered address of record; defaults to {@link #username}. */
    public String registerUser;
    /** Host part of the registered address of record; defaults to {@link #host}. */
    public String registerDomain;
    /** The number presented on outbound calls (the From user), e.g. {@code "+4930123456"}; optional. */
    public String callerId;
    /** The display name presented with {@link #callerId}; optional. */
    public String callerIdName;
    /** The numbers this trunk brings in, in E.164 ({@code "+4930123456"}); a number belongs to one trunk. */
    public List<String> numbers = new ArrayList<>();
    /** Concurrent calls allowed on this trunk; 0 = unlimited. */
    public int maxCalls;

    /** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
    static final String E164 = "\\+[1-9][0-9]{2,14}";

    /** Validates a trunk given at run time and fills its defaults; IllegalArgumentException says what is wrong. */
    public void validate()
    {
        conclude(0);
    }

    /** Validates this trunk and fills the defaults; {@code index} names it while it has no name. */
    void conclude(final int index)
    {
        SwitchboardConfig.require(name != null && name.matches("[A-Za-z0-9_.-]{1,64}"),
            "tenant.trunks[" + index + "]: name must be 1 to 64 letters, digits, '_', '.' or '-', was " + name);
        final String where = "tenant.trunks." + name + ": ";
        SwitchboardConfig.require(host != null && host.matches("[A-Za-z0-9_.:-]{1,253}"),
            where + "host must be a host name or IP address, was " + host);
        SwitchboardConfig.require(port >= 1 && port <= 65535, where + "port must be 1..65535, was " + port);
        transport = transport == null ? null : transport.toLowerCase(Locale.ROOT);
        SwitchboardConfig.require("udp".equals(transport) || "tcp".equals(transport),
            where + "transport must be udp or tcp, was " + transport);
        if (inboundAddresses != null)
        {
            for (final String a : inboundAddresses)
            {
                SwitchboardConfig.require(isAddressOrCidr(a),
                    where + "inboundAddresses: not an IP address or CIDR block: " + a);
            }
        }
        credentials(where);
        SwitchboardConfig.require(callerId == null || callerId.matches("\\+?[0-9]{2,20}"),
            where + "callerId must be a number (2 to 20 digits, optional leading +), was " + callerId);
        SwitchboardConfig.require(callerIdName == null || callerIdName.matches("[^\"\\\\\\p{Cntrl}]{1,64}"),
            where + "callerIdName must be 1 to 64 characters without quotes, backslashes or control characters");
        SwitchboardConfig.require(numbers != null, where + "numbers must be a list");
        for (final String n : numbers)
        {
            SwitchboardConfig.require(n != null && n.matches(E164),
                where + "numbers: not an E.164 number (+ country code and number, at most 15 digits): " + n);
        }
        SwitchboardConfig.require(maxCalls >= 0, where + "maxCalls must be >= 0 (0 = unlimited), was " + maxCalls);
    }

    private void credentials(final String where)
    {
        final boolean user = username != null && !username.isEmpty();
        final boolean secret = password != null && !password.isEmpty();
        SwitchboardConfig.require(user == secret, where + "username and password go together");
        SwitchboardConfig.require(realm == null || user, where + "realm needs a username and password");
        if (register)
        {
            SwitchboardConfig.require(user, where + "register needs a username and password");
            SwitchboardConfig.require(registerExpires >= 60 && registerExpires <= 86400,
                where + "registerExpires must be 60..86400 seconds, was " + registerExpires);
            if (registerUser == null || registerUser.isBlank())
            {
                registerUser = username;
            }
            if (registerDomain == null || registerDomain.isBlank())
            {
                registerDomain = host;
            }
            SwitchboardConfig.require(registerUser.matches("[^@\\s<>\"]{1,64}"),
                where + "registerUser must be a SIP user part, was " + registerUser);
        }
    }

    /** An IPv4 or IPv6 literal with an optional /prefix length; checked without any DNS lookup. */
    static boolean isAddressOrCidr(final String text)
    {
        if (text == null || text.isEmpty())
        {
            return false;
        }
        final int slash = text.indexOf('/');
        final String address = slash < 0 ? text : text.substring(0, slash);
        final int max;
        if (address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}"))
        {
            for (final String octet : address.split("\\."))
            {
                if (Integer.parseInt(octet) > 255)
                {
                    return false;
                }
            }
            max = 32;
        }
        else if (address.indexOf(':') >= 0 && address.matches("[0-9A-Fa-f:.]+"))
        {
            try
            {
                InetAddress.getByName(address); // an IPv6 literal is parsed, never looked up
            }
            catch (final UnknownHostException ex)
            {
                return false;
            }
            max = 128;
        }
        else
        {
            return false;
        }
        if (slash < 0)
        {
            return true;
        }
        final String bits = text.substring(slash + 1);
        return bits.matches("[0-9]{1,3}") && Integer.parseInt(bits) <= max;
    }
}
