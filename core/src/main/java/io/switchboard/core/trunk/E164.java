package io.switchboard.core.trunk;

import io.switchboard.core.config.DialPlanSettings;

/**
 * Writes dialled numbers in E.164 ({@code +} country code and number, at most 15 digits) by the dial plan's
 * country code and national and international prefixes. With country 49, national prefix 0 and international
 * prefix 00: {@code "030 123456"} becomes {@code "+4930123456"}, {@code "004930123"} becomes {@code "+4930123"},
 * {@code "+1 (555) 010-9999"} becomes {@code "+15550109999"}.
 *
 * <p>Immutable and thread safe.
 */
public final class E164
{
    /** The E.164 form this class produces: a plus, a country code not starting with 0, 3 to 15 digits in all. */
    public static final String PATTERN = "\\+[1-9][0-9]{2,14}";

    private final String country;
    private final String nationalPrefix;
    private final String internationalPrefix;

    /**
     * @param country the country calling code ({@code "49"}); null: national numbers cannot be normalised
     * @param nationalPrefix trunk prefix of national numbers ({@code "0"}); empty or null: none
     * @param internationalPrefix prefix of international numbers ({@code "00"}); empty or null: only {@code +}
     */
    public E164(final String country, final String nationalPrefix, final String internationalPrefix)
    {
        this.country = country;
        this.nationalPrefix = nationalPrefix == null ? "" : nationalPrefix;
        this.internationalPrefix = internationalPrefix == null ? "" : internationalPrefix;
    }

    /** The normaliser of a (concluded) dial plan. */
    public static E164 of(final DialPlanSettings plan)
    {
        return new E164(plan.country, plan.nationalPrefix, plan.internationalPrefix);
    }

    public String country()
    {
        return country;
    }

    /**
     * The dialled string without visual separators (spaces, tabs, {@code - . / ( )}): digits, with at most one
     * {@code +} in front. Null if anything else is in it (letters, {@code * #}, a {@code +} elsewhere) or no digit
     * is.
     */
    public static String clean(final String dialled)
    {
        if (dialled == null)
        {
            return null;
        }
        final StringBuilder out = new StringBuilder(dialled.length());
        for (int i = 0; i < dialled.length(); i++)
        {
            final char c = dialled.charAt(i);
            if (c >= '0' && c <= '9')
            {
                out.append(c);
            }
            else if (c == '+' && out.length() == 0)
            {
                out.append(c);
            }
            else if (c != ' ' && c != '\t' && c != '-' && c != '.' && c != '/' && c != '(' && c != ')')
            {
                return null;
            }
        }
        final int digits = out.length() - (out.length() > 0 && out.charAt(0) == '+' ? 1 : 0);
        return digits == 0 ? null : out.toString();
    }

    /**
     * The E.164 form of a dialled number, or null if it has none: not a phone number (letters, empty), too long or
     * short, or a number without the international or national prefix (a short or service number such as 112,
     * or a local number without its area code).
     */
    public String normalise(final String dialled)
    {
        final String digits = clean(dialled);
        if (digits == null)
        {
            return null;
        }
        final String e164;
        if (digits.charAt(0) == '+')
        {
            e164 = digits;
        }
        else if (startsWithLonger(digits, internationalPrefix, nationalPrefix))
        {
            e164 = "+" + digits.substring(internationalPrefix.length());
        }
        else if (country != null && !nationalPrefix.isEmpty() && digits.startsWith(nationalPrefix))
        {
            e164 = "+" + country + digits.substring(nationalPrefix.length());
        }
        else
        {
            e164 = null;
        }
        return e164 != null && e164.matches(PATTERN) ? e164 : null;
    }

    /** Whether digits start with the international prefix, tested before the national one if it is longer. */
    private static boolean startsWithLonger(final String digits, final String international, final String national)
    {
        if (international.isEmpty() || !digits.startsWith(international))
        {
            return false;
        }
        return national.length() <= international.length() || !digits.startsWith(national);
    }

    /**
     * Whether an E.164 number is outside the country; with no country (null) every number counts as
     * international, and a null number as not (it had no E.164 form: a short or service number).
     */
    public static boolean isInternational(final String e164, final String country)
    {
        if (e164 == null)
        {
            return false;
        }
        return country == null || !e164.startsWith("+" + country);
    }

    /** Whether the dialled number is international in this plan's country (see the static method). */
    public boolean isInternational(final String e164)
    {
        return isInternational(e164, country);
    }
}
