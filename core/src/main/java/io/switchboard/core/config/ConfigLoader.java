package io.switchboard.core.config;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the configuration file: JSON with comments and trailing commas allowed, unknown keys refused. */
public final class ConfigLoader
{
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS,
            JsonReadFeature.ALLOW_TRAILING_COMMA)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private ConfigLoader()
    {
    }

    public static SwitchboardConfig load(final Path file) throws IOException
    {
        return parse(Files.readString(file)).conclude();
    }

    public static SwitchboardConfig parse(final String json) throws IOException
    {
        return MAPPER.readValue(json, SwitchboardConfig.class);
    }
}
