package io.switchboard.core.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Reading a journal entry's JSON at replay: an entry that is not JSON is a broken journal, said with its type. */
public final class JournalEntries
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalEntries()
    {
    }

    public static JsonNode read(final String type, final byte[] json)
    {
        try
        {
            return JSON.readTree(json);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("journal entry " + type + " is not JSON", ex);
        }
    }
}
