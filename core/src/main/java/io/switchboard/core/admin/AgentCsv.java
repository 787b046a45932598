package io.switchboard.core.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agents' import file: comma-separated values as RFC 4180 has them (fields in double quotes may hold commas,
 * line breaks and doubled quotes; lines end in CRLF or LF), a header row naming the columns, then one agent a row.
 * The groups column lists group names separated by {@code ;}.
 */
public final class AgentCsv
{
    /** The columns, in the template's order. */
    public static final List<String> COLUMNS = List.of("staffNo", "name", "email", "nickname", "extension", "mobile",
        "role", "groups");

    /** One data row: its number in the file (the header is row 1) and its values by column (blank: absent). */
    public record Row(int number, Map<String, String> values)
    {
        public String get(final String column)
        {
            final String value = values.get(column);
            return value == null || value.isBlank() ? null : value.trim();
        }

        /** The groups column split at {@code ;}, blanks left out. */
        public List<String> groups()
        {
            final List<String> groups = new ArrayList<>();
            final String value = get("groups");
            if (value != null)
            {
                for (final String group : value.split(";"))
                {
                    if (!group.isBlank())
                    {
                        groups.add(group.trim());
                    }
                }
            }
            return groups;
        }
    }

    private AgentCsv()
    {
    }

    /** The template: the header row and one example row. */
    public static String template(final String exampleExtension, final String exampleGroup)
    {
        return String.join(",", COLUMNS) + "\r\n"
            + "A100,Jane Doe,jane.doe@example.com,Jane," + (exampleExtension == null ? "" : exampleExtension)
            + ",+15550100,agent," + (exampleGroup == null ? "" : exampleGroup) + "\r\n";
    }

    /**
     * The data rows of a file; its header must name known columns (any order, letter case ignored; staffNo and
     * email are required). Blank lines are skipped.
     *
     * @throws IllegalArgumentException if the file has no header, an unknown or missing column, or an unclosed quote
     */
    public static List<Row> rows(final String text)
    {
        final List<List<String>> records = parse(text);
        if (records.isEmpty())
        {
            throw new IllegalArgumentException("the file is empty; its first row names the columns: "
                + String.join(",", COLUMNS));
        }
        final List<String> header = new ArrayList<>();
        for (final String name : records.get(0))
        {
            final String column = column(name.trim());
            if (column == null)
            {
                throw new IllegalArgumentException("unknown column \"" + name.trim() + "\"; the columns are "
                    + String.join(",", COLUMNS));
            }
            header.add(column);
        }
        for (final String required : List.of("staffNo", "email"))
        {
            if (!header.contains(required))
            {
                throw new IllegalArgumentException("the header has no column " + required);
            }
        }
        final List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++)
        {
            final List<String> record = records.get(i);
            if (record.size() == 1 && record.get(0).isBlank())
            {
                continue;
            }
            final Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size() && c < record.size(); c++)
            {
                values.put(header.get(c), record.get(c));
            }
            if (record.size() > header.size())
            {
                values.put("", "more fields than columns");
            }
            rows.add(new Row(i + 1, values));
        }
        return rows;
    }

    private static String column(final String name)
    {
        for (final String column : COLUMNS)
        {
            if (column.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
            {
                return column;
            }
        }
        return null;
    }

    /** The records of a file, each a list of fields (RFC 4180; a lone LF also ends a record; a BOM is skipped). */
    public static List<List<String>> parse(final String text)
    {
        final CsvReader reader = new CsvReader(text);
        for (int i = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0; i < text.length(); i++)
        {
            i = reader.quoted ? reader.inQuotes(i) : reader.outside(i);
        }
        return reader.finish();
    }

    /** RFC 4180 reading, one character at a time: the records so far, the one being read, its field so far. */
    private static final class CsvReader
    {
        private final String text;
        private final List<List<String>> records = new ArrayList<>();
        private List<String> record = new ArrayList<>();
        private final StringBuilder field = new StringBuilder();
        private boolean quoted;
        private boolean any;

        CsvReader(final String text)
        {
            this.text = text;
        }

        /** Inside quotes: a doubled quote is one, a single one ends the quotes. Returns the last index read. */
        int inQuotes(final int i)
        {
            final char c = text.charAt(i);
            if (c != '"')
            {
                field.append(c);
                return i;
            }
            if (i + 1 < text.length() && text.charAt(i + 1) == '"')
            {
                field.append('"');
                return i + 1;
            }
            quoted = false;
            return i;
        }

        /** Outside quotes: a quote opens, a comma ends the field, CRLF or LF the record. */
        int outside(final int i)
        {
            final char c = text.charAt(i);
            any = true;
            switch (c)
            {
                case '"' -> quoted = true;
                case ',' -> endField();
                case '\r' ->
                {
                    // Ends the record when CRLF; a lone CR is kept as text.
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n')
                    {
                        field.append(c);
                    }
                }
                case '\n' ->
                {
                    endField();
                    records.add(record);
                    record = new ArrayList<>();
                    any = false;
                }
                default -> field.append(c);
            }
            return i;
        }

        private void endField()
        {
            record.add(field.toString());
            field.setLength(0);
        }

        List<List<String>> finish()
        {
            if (quoted)
            {
                throw new IllegalArgumentException("a quoted field is not closed");
            }
            if (any || !record.isEmpty() || field.length() > 0)
            {
                endField();
                records.add(record);
            }
            return records;
        }
    }
}
