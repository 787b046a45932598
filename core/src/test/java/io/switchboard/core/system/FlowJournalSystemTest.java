package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flows and numbers changed through the API are journalled and given back after a restart on the same data
 * directory, over the flows directory's files and the configuration's numbers: a new flow saved, published and
 * bound; a file's flow unpublished and deleted; another file's flow unpublished and replaced; a configured number
 * bound elsewhere. A refused flow journals nothing.
 */
@Timeout(60)
@ServerSystemTest.Tenant(FlowJournalSystemTest.TENANT)
class FlowJournalSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "ivr": { "flowsDir": "target/flow-journal-system/flows", "audioDir": "target/flow-journal-system/audio",
                   "speechCacheDir": "target/flow-journal-system/tts",
                   "numbers": [ { "number": "6000", "direction": "inbound", "flow": "hello" } ] }
        """;

    private static String flow(final String name, final String text)
    {
        return """
            { "name": "%s", "nodes": [
              { "type": "start", "id": "start", "next": "bye" },
              { "type": "end", "id": "bye", "prompt": { "text": "%s" } }
            ] }
            """.formatted(name, text);
    }

    @Test
    void shouldGiveBackTheFlowsAndNumbersChangedThroughTheApiAfterARestart() throws Exception
    {
        // The flows directory's files, there before the server (re)starts on a fresh data directory.
        final Path files = Path.of("target/flow-journal-system/flows");
        Files.createDirectories(files);
        Files.writeString(files.resolve("hello.json"), flow("hello", "Hello from the file."));
        Files.writeString(files.resolve("old.json"), flow("old", "An old flow."));
        server.close();
        server = TestServers.start(TENANT, Files.createTempDirectory("switchboard-test").toString());
        CallApi api = new CallApi(server.httpPort());
        assertEquals("in-use", api.get("/api/flows/hello").body().get("state").asText());
        assertEquals("published", api.get("/api/flows/old").body().get("state").asText());

        final CallApi.Reply draft = api.put("/api/flows/broken", flow("broken", "x").replace("\"bye\" }",
            "\"nowhere\" }"));
        assertEquals(200, draft.status(), draft.body()::toString);
        assertEquals("start", draft.body().at("/problems/0/node").asText(), "saved with its problem: " + draft.body());
        final CallApi.Reply refused = api.post("/api/flows/broken/publish", "{}");
        assertEquals(400, refused.status(), refused.body()::toString);
        assertEquals(refused.body().get("problems"), draft.body().get("problems"), "publishing names the same");
        assertEquals(200, api.put("/api/flows/never", flow("never", "x").replace("\"bye\" }", "\"x\" }")).status());
        assertEquals(200, api.delete("/api/flows/never").status());
        assertEquals(200, api.put("/api/flows/fresh", flow("fresh", "Fresh.")).status());
        assertEquals("published", api.post("/api/flows/fresh/publish", "{}").body().get("state").asText());
        assertEquals(200, api.put("/api/numbers/6100", "{\"direction\":\"both\",\"flow\":\"fresh\"}").status());
        assertEquals(200, api.put("/api/numbers/6000", "{\"flow\":\"fresh\"}").status());
        assertEquals("unpublished", api.post("/api/flows/old/unpublish", "{}").body().get("state").asText());
        assertEquals(200, api.delete("/api/flows/old").status());
        assertEquals("unpublished", api.post("/api/flows/hello/unpublish", "{}").body().get("state").asText());
        assertEquals(200, api.put("/api/flows/hello", flow("hello", "Hello from the API.")).status());

        final JsonNode flows = api.get("/api/flows").body();
        final JsonNode numbers = api.get("/api/numbers").body();
        final JsonNode hello = api.get("/api/flows/hello").body();
        final JsonNode fresh = api.get("/api/flows/fresh").body();
        assertEquals("in-use", fresh.get("state").asText(), fresh::toString);
        assertTrue(hello.toString().contains("Hello from the API."), hello::toString);

        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        api = new CallApi(server.httpPort());

        assertEquals(flows, api.get("/api/flows").body(), "the same flows in the same states");
        assertEquals(numbers, api.get("/api/numbers").body(), "the same numbers, bound to the same flows");
        assertEquals(hello, api.get("/api/flows/hello").body(), "the API's flow over the file's");
        assertEquals(fresh, api.get("/api/flows/fresh").body());
        assertEquals(404, api.get("/api/flows/old").status(), "deleted, though its file is still there");
        assertEquals(draft.body(), api.get("/api/flows/broken").body(), "the draft comes back with its problems");
        assertEquals(404, api.get("/api/flows/never").status(), "a deleted draft stays deleted");
        assertEquals(400, api.post("/api/flows/broken/publish", "{}").status(), "and is still not published");
        final CallApi.Reply fixed = api.put("/api/flows/broken", flow("broken", "Fixed."));
        assertEquals(0, fixed.body().get("problems").size(), fixed.body()::toString);
        assertEquals("published", api.post("/api/flows/broken/publish", "{}").body().get("state").asText());
        assertTrue(numbers.toString().contains("{\"number\":\"6100\",\"direction\":\"both\",\"flow\":\"fresh\"}"),
            numbers::toString);
        assertTrue(numbers.toString().contains("{\"number\":\"6000\",\"direction\":\"inbound\",\"flow\":\"fresh\"}"),
            numbers::toString);
    }
}
