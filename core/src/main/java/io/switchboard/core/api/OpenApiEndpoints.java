package io.switchboard.core.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.0 description of this API, the resource {@code /openapi.json} (kept
 * in the repository as {@code core/src/main/resources/openapi.json}) sent as it is. {@code OpenApiTest} checks that
 * it names every registered route with its access, and nothing else.
 */
public final class OpenApiEndpoints
{
    /** Where the document is on the class path. */
    public static final String RESOURCE = "/openapi.json";

    private final byte[] document;

    public OpenApiEndpoints()
    {
        this.document = load();
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/openapi.json", Access.PUBLIC, request ->
            ApiResponse.ok(new ApiResponse.Raw(document, "application/json")));
    }

    /** The document's bytes, read once at start. */
    static byte[] load()
    {
        try (InputStream in = OpenApiEndpoints.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
