package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.api.ApiRouter;
import io.switchboard.core.api.OpenApiEndpoints;
import io.switchboard.core.events.EventSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI description ({@code core/src/main/resources/openapi.json}) cannot drift from the router: every
 * registered route is documented with the same access, every documented operation is registered (but the events
 * WebSocket, which is an upgrade taken before the router), public operations need no security, path parameters and
 * references are complete; and {@code GET /api/openapi.json} serves the resource as it is. The server has the ACD,
 * so that its routes are registered too.
 */
@Timeout(60)
@ServerSystemTest.Tenant(AuthSystemTest.ACD)
class OpenApiTest extends ServerSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
        "trace");
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

    private static JsonNode resource() throws Exception
    {
        try (InputStream in = OpenApiEndpoints.class.getResourceAsStream(OpenApiEndpoints.RESOURCE))
        {
            assertNotNull(in, "openapi.json is not on the class path");
            return JSON.readTree(in);
        }
    }

    /** Each documented operation as "METHOD /path", with its node. */
    private static Map<String, JsonNode> operations(final JsonNode document)
    {
        final Map<String, JsonNode> operations = new TreeMap<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
        {
            if (METHODS.contains(op.getKey()))
            {
                operations.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
            }
        }));
        return operations;
    }

    private static String access(final ApiRouter.Route route)
    {
        return route.access().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Test
    void everyRouteIsDocumentedWithItsAccessAndNothingElse() throws Exception
    {
        final Map<String, JsonNode> operations = operations(resource());
        final Map<String, String> registered = new TreeMap<>();
        for (final ApiRouter.Route route : server.apiRoutes())
        {
            registered.put(route.method().name() + " " + route.pattern(), access(route));
        }
        assertTrue(registered.size() > 40, registered::toString);
        final Map<String, String> documented = new TreeMap<>();
        final Set<String> sockets = new TreeSet<>();
        operations.forEach((name, op) ->
        {
            if (op.path("x-websocket").asBoolean())
            {
                sockets.add(name);
            }
            else
            {
                documented.put(name, op.path("x-access").asText());
            }
        });
        final List<String> wrong = new ArrayList<>();
        registered.forEach((name, access) ->
        {
            if (!access.equals(documented.get(name)))
            {
                wrong.add(name + " is " + access + ", documented as " + documented.get(name));
            }
        });
        documented.keySet().stream().filter(name -> !registered.containsKey(name))
            .forEach(name -> wrong.add(name + " is documented but not registered"));
        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
        assertEquals(Set.of("GET " + EventSocket.PATH), sockets, "the only operation outside the router");
        assertEquals("signed-in", operations.get("GET " + EventSocket.PATH).path("x-access").asText());
    }

    @Test
    void everyOperationIsComplete() throws Exception
    {
        final JsonNode document = resource();
        assertEquals("3.0.3", document.get("openapi").asText());
        final JsonNode schemes = document.at("/components/securitySchemes");
        assertEquals("bearer", schemes.at("/bearer/scheme").asText());
        assertEquals("cookie", schemes.at("/cookie/in").asText());
        assertEquals("sb_session", schemes.at("/cookie/name").asText());
        final Set<String> ids = new HashSet<>();
        final List<String> wrong = new ArrayList<>();
        operations(document).forEach((name, op) ->
        {
            if (!ids.add(op.path("operationId").asText()))
            {
                wrong.add(name + ": operationId " + op.path("operationId") + " is not unique");
            }
            if (op.path("summary").asText().isBlank() || !op.path("responses").isObject()
                || op.path("responses").isEmpty())
            {
                wrong.add(name + ": needs a summary and responses");
            }
            final boolean open = "public".equals(op.path("x-access").asText());
            final JsonNode security = op.get("security");
            if (open != (security != null && security.isArray() && security.isEmpty()))
            {
                wrong.add(name + ": \"security\": [] exactly for public operations, not " + security);
            }
            if (!open && !op.path("responses").has("401"))
            {
                wrong.add(name + ": no 401");
            }
            final Set<String> inPath = new TreeSet<>();
            final Matcher matcher = PARAM.matcher(name);
            while (matcher.find())
            {
                inPath.add(matcher.group(1));
            }
            final Set<String> declared = new TreeSet<>();
            op.path("parameters").forEach(p ->
            {
                if ("path".equals(p.path("in").asText()))
                {
                    declared.add(p.path("name").asText());
                }
            });
            if (!inPath.equals(declared))
            {
                wrong.add(name + ": path parameters " + declared + ", the path has " + inPath);
            }
        });
        references(document, document, "", wrong);
        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
    }

    /** Every {@code $ref} names a node of the document. */
    private static void references(final JsonNode document, final JsonNode node, final String where,
        final List<String> wrong)
    {
        if (node.isObject())
        {
            final JsonNode ref = node.get("$ref");
            final String target = ref == null ? null : ref.asText();
            if (target != null && (!target.startsWith("#/") || document.at(target.substring(1)).isMissingNode()))
            {
                wrong.add(where + ": $ref " + ref + " names nothing");
            }
            node.fields().forEachRemaining(field -> references(document, field.getValue(),
                where + "/" + field.getKey(), wrong));
        }
        else if (node.isArray())
        {
            for (int i = 0; i < node.size(); i++)
            {
                references(document, node.get(i), where + "/" + i, wrong);
            }
        }
    }

    @Test
    void theServerServesTheDocumentToAnyone() throws Exception
    {
        final LoopbackHttp.Reply reply = new LoopbackHttp("127.0.0.1", server.httpPort())
            .get("/api/openapi.json", null);
        assertEquals(200, reply.status(), reply.body()::toString);
        assertEquals("application/json", reply.header("Content-Type"));
        assertEquals(resource(), reply.body());
    }

    @Test
    void theEventsSocketIsWhereTheDocumentSays() throws Exception
    {
        final LoopbackHttp.Reply refused = new LoopbackHttp("127.0.0.1", server.httpPort()).send("GET",
            EventSocket.PATH, Map.of("Upgrade", "websocket", "Sec-WebSocket-Version", "13",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="), null, null);
        assertEquals(401, refused.status(), "an upgrade without a session: " + refused.body());
        assertEquals("unauthorized", refused.error());
        assertFalse(resource().at("/paths/~1api~1events/get/responses/101").isMissingNode());
    }
}
