package io.switchboard.core.trunk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class E164Test
{
    private final E164 germany = new E164("49", "0", "00");
    private final E164 us = new E164("1", "1", "011");

    @ParameterizedTest
    @CsvSource({
        "030123456, +4930123456",
        "004930123, +4930123",
        "'+1 (555) 010-9999', +15550109999",
        "'030 / 12 34 56', +4930123456",
        "030.123.456, +4930123456",
        "+4930123456, +4930123456",
        "0044 20 7946 0000, +442079460000",
    })
    void normalisesGermanDialling(final String dialled, final String expected)
    {
        assertEquals(expected, germany.normalise(dialled));
    }

    @ParameterizedTest
    @CsvSource({
        "15550109999, +15550109999",
        "011 49 30 123456, +4930123456",
    })
    void normalisesWithLongerInternationalPrefix(final String dialled, final String expected)
    {
        assertEquals(expected, us.normalise(dialled));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "030abc", "0800-FLOWERS", "*21#", "49+30", "++4930", "+", "0", "00",
        "+0301234", "112", "5550109999", "+1234567890123456", "sip:1001@x"})
    void refusesWhatHasNoE164Form(final String dialled)
    {
        assertNull(germany.normalise(dialled));
    }

    @Test
    void nullIsNoNumber()
    {
        assertNull(germany.normalise(null));
        assertNull(E164.clean(null));
    }

    @Test
    void cleanKeepsDigitsAndLeadingPlus()
    {
        assertEquals("+15550109999", E164.clean("+1 (555) 010-9999"));
        assertEquals("112", E164.clean("112"));
        assertNull(E164.clean("1a2"));
        assertNull(E164.clean("1+2"));
        assertNull(E164.clean("( )"));
    }

    @Test
    void withoutCountryNationalNumbersHaveNoForm()
    {
        final E164 unknown = new E164(null, "0", "00");
        assertNull(unknown.normalise("030123456"));
        assertEquals("+4930123456", unknown.normalise("004930123456"));
    }

    @Test
    void internationalIsAnotherCountryCode()
    {
        assertFalse(E164.isInternational("+4930123456", "49"));
        assertTrue(E164.isInternational("+15550109999", "49"));
        assertTrue(E164.isInternational("+4930123456", "1"));
        assertTrue(E164.isInternational("+4930123456", null), "no country: everything counts as international");
        assertFalse(E164.isInternational(null, "49"), "no E.164 form (112): national");
        assertTrue(germany.isInternational("+442079460000"));
        assertFalse(germany.isInternational(germany.normalise("030123456")));
    }
}
