package io.switchboard.core.system;

/**
 * The demo tenant's accounts, as conf/switchboard.conf has them (hashes computed once, so that no test server
 * spends a second hashing at start): {@code admin@demo.switchboard} with {@code Admin#demo1}, and
 * {@code 10NN@demo.switchboard} with {@code Demo#10NN}, bound to extension 10NN (and to its ACD agent, when the
 * test's tenant has one).
 */
final class DemoAccounts
{
    static final String ADMIN = "admin@demo.switchboard";
    static final String ADMIN_PASSWORD = "Admin#demo1";

    /** The hashes of Admin#demo1, then of Demo#1001 .. Demo#1010. */
    private static final String[] HASHES = {
        "pbkdf2-sha256$210000$N/+q4DAMz+cplLqwHvLEuQ$0Htc4fGjm6a/YuQ3UcmBrs3MxR/foqvzL0W6O92DoXA",
        "pbkdf2-sha256$210000$jiX3uzGrg8Vl2BaJ4xD+HQ$fMZN5YiYtRiHXJwtwzHVogwYIpBYJe6jjEySsQk75kc",
        "pbkdf2-sha256$210000$Of+AFNqZSQp/Q6rQUyB/FQ$SHykFG+3ij72IsndnlnrCxfqlTIZDCq7ymvkeEPuSEQ",
        "pbkdf2-sha256$210000$YTGEg0SvtMOCvZUBaR2njw$fGHvfUVrkwUXAJ9KHFg72LS/4HbWXqxFuS1pNvV88TY",
        "pbkdf2-sha256$210000$qVdKiN9nofSqer4hkKzirA$N/y3qlD3QlRSQZcBhDcNpy//x+ka748AW3OqIaOiBxo",
        "pbkdf2-sha256$210000$+k7uEOMwY8CI9H28TmbXNg$a6pTV4BngW5EYVHvXqpXDLww93sgxPy8tZ99JfBqySk",
        "pbkdf2-sha256$210000$MNyh0CoM19TLEaqSVAAqNA$5k4i1GSLzPeekitHMECdqB6FR29YuocFFw8FWZ2c3oI",
        "pbkdf2-sha256$210000$J8g0X3emVYOKNUIuoskZGg$a8Ilkw/TcJqKrfJv+hE84hqBwtSChWhfvzu6GvJaTwM",
        "pbkdf2-sha256$210000$PUPjHIpaGiQm17x/TOZ04Q$eGzVHq+eZNoxJbLLkUocpJ0XN5BRCyLrypieIGcUjZM",
        "pbkdf2-sha256$210000$WoLHyiHVSLthjgrL9GN58w$9IlB881GaJ683RXpMm7bklMhrB/r5n4dAu16CJDhgt0",
        "pbkdf2-sha256$210000$Nj9Mq1s/KkNEWNFvCvYt8Q$AvQT53ZGz+p+bzhNwJ/Q3HWYcWKQsk7J6K5zZrACXLc"
    };

    private DemoAccounts()
    {
    }

    /** The tenant member that lists them (it starts with a comma, as {@link TestServers#start(String)} expects). */
    static String tenantMember()
    {
        final StringBuilder json = new StringBuilder(", \"accounts\": [ { \"email\": \"" + ADMIN
            + "\", \"name\": \"Administrator\", \"role\": \"admin\", \"passwordHash\": \"" + HASHES[0] + "\" }");
        for (int n = 1; n < HASHES.length; n++)
        {
            final String extension = Integer.toString(1000 + n);
            json.append(", { \"email\": \"").append(email(extension)).append("\", \"extension\": \"")
                .append(extension).append("\", \"passwordHash\": \"").append(HASHES[n]).append("\" }");
        }
        return json.append(" ]").toString();
    }

    static String email(final String extension)
    {
        return extension + "@demo.switchboard";
    }

    static String password(final String extension)
    {
        return "Demo#" + extension;
    }
}
