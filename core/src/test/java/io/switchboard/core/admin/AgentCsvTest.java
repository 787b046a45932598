package io.switchboard.core.admin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The agents' import file: RFC 4180 fields, the header's columns, the groups column. */
class AgentCsvTest
{
    @Test
    void shouldReadQuotedFieldsWithCommasQuotesAndLineBreaks()
    {
        final List<List<String>> records = AgentCsv.parse("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",,x\n"
            + "last");
        assertEquals(List.of(List.of("a", "b,c", "say \"hi\""), List.of("two\r\nlines", "", "x"), List.of("last")),
            records);
        assertEquals(List.of(List.of("a", "")), AgentCsv.parse("a,\r\n"));
        assertEquals(List.of(), AgentCsv.parse(""));
        assertThrows(IllegalArgumentException.class, () -> AgentCsv.parse("a,\"open\n"));
    }

    @Test
    void shouldReadRowsByTheHeadersColumns()
    {
        final List<AgentCsv.Row> rows = AgentCsv.rows("\uFEFFEmail,staffNo,groups,name\r\n"
            + "a@example.com,A1,\"support; sales\",\"Doe, Jane\"\r\n\r\nb@example.com,B1,,\r\n");
        assertEquals(2, rows.size());
        assertEquals(2, rows.get(0).number(), "the header is row 1");
        assertEquals("a@example.com", rows.get(0).get("email"));
        assertEquals("Doe, Jane", rows.get(0).get("name"));
        assertEquals(List.of("support", "sales"), rows.get(0).groups());
        assertEquals(4, rows.get(1).number());
        assertNull(rows.get(1).get("name"), "blank is absent");
        assertEquals(List.of(), rows.get(1).groups());
    }

    @Test
    void shouldRefuseAFileWithoutItsColumns()
    {
        assertThrows(IllegalArgumentException.class, () -> AgentCsv.rows(""));
        assertThrows(IllegalArgumentException.class, () -> AgentCsv.rows("staffNo,colour\nA1,red\n"));
        assertThrows(IllegalArgumentException.class, () -> AgentCsv.rows("name\nJane\n"));
    }

    @Test
    void shouldOfferATemplateItReadsBack()
    {
        final String template = AgentCsv.template("1001", "support");
        assertEquals("staffNo,name,email,nickname,extension,mobile,role,groups", template.lines().findFirst()
            .orElseThrow());
        final List<AgentCsv.Row> rows = AgentCsv.rows(template);
        assertEquals(1, rows.size());
        assertEquals("1001", rows.get(0).get("extension"));
        assertEquals(List.of("support"), rows.get(0).groups());
    }
}
