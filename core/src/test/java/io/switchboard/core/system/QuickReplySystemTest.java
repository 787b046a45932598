package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.admin.AgentCsv;
import io.switchboard.core.journal.ChronicleJournal;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quick replies as the manuals expect (spec §7, issue 16) over real sockets: replies with groups and titles (a reply
 * given neither is in the default group, titled by its first words), the limits (500 characters, 50 groups, 500
 * replies) refused with JSON errors, a CSV import answered row by row (bad rows refused, the others added), the
 * export read back by the import unchanged, and a journal entry written before groups existed replayed at start.
 */
@Timeout(120)
@ServerSystemTest.Tenant(AdministrationSystemTest.TENANT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuickReplySystemTest extends ServerSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Order(1)
    void repliesHaveGroupsAndTitlesWithinTheirLimits() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi.Reply hello = admin.post("/api/quick-replies",
            "{\"group\": \"Greetings\", \"title\": \"Hello\", \"text\": \"Hello, how can I help?\"}");
        assertEquals(201, hello.status(), hello.body()::toString);
        assertEquals("Greetings", hello.body().get("group").asText());
        assertEquals("Hello", hello.body().get("title").asText());
        final CallApi.Reply plain = admin.post("/api/quick-replies",
            "{\"text\": \"Thank you for waiting, one moment please while I check\"}");
        assertEquals("默认/General", plain.body().get("group").asText(), plain.body()::toString);
        assertEquals("Thank you for waiting, one", plain.body().get("title").asText());
        final long id = plain.body().get("id").asLong();
        final CallApi.Reply moved = admin.post("/api/quick-replies/" + id, "{\"group\": \"Waiting\"}");
        assertEquals(200, moved.status(), moved.body()::toString);
        assertEquals("Waiting", moved.body().get("group").asText());
        assertTrue(moved.body().get("text").asText().startsWith("Thank you"), "the text is kept");
        for (final String bad : List.of("{\"text\": \"" + "x".repeat(501) + "\"}",
            "{\"title\": \"" + "t".repeat(51) + "\", \"text\": \"x\"}", "{\"group\": 5, \"text\": \"x\"}",
            "{\"colour\": \"red\", \"text\": \"x\"}", "{\"title\": \"no text\"}"))
        {
            final CallApi.Reply refused = admin.post("/api/quick-replies", bad);
            assertEquals(400, refused.status(), bad);
            assertEquals("bad_request", refused.body().get("error").asText(), refused.body()::toString);
        }
        assertEquals(500, admin.post("/api/quick-replies", "{\"text\": \"" + "好".repeat(500) + "\"}").body()
            .get("text").asText().length());
    }

    @Test
    @Order(2)
    void anImportIsAnsweredRowByRowAndTheExportReadsBackTheSame() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final String csv = "group,title,text\r\n"
            + "Orders,Where is it,\"Your order ships today, \"\"express\"\".\"\r\n"
            + "Orders,,\"Two lines:\nsecond\"\r\n"
            + "Orders,Blank,\r\n"
            + "Orders,Too long," + "x".repeat(501) + "\r\n"
            + "Orders,Formula,=SUM(A1)\r\n"
            + "Orders,Extra,text,one field too many\r\n";
        final HttpResponse<String> imported = AgentAdministrationSystemTest.raw(admin.token(), "POST",
            "/api/quick-replies/import", csv);
        assertEquals(200, imported.statusCode(), imported.body());
        final JsonNode report = JSON.readTree(imported.body());
        assertEquals(3, report.get("created").asInt(), report::toString);
        assertEquals(3, report.get("failed").asInt(), report::toString);
        final List<String> outcomes = new ArrayList<>();
        report.get("rows").forEach(row -> outcomes.add(row.get("row").asInt() + ":" + row.get("ok").asBoolean()));
        assertEquals(List.of("2:true", "3:true", "4:false", "5:false", "6:true", "7:false"), outcomes);
        assertTrue(report.get("rows").get(2).get("error").asText().contains("text"), report::toString);

        final HttpResponse<String> exported = AgentAdministrationSystemTest.raw(admin.token(), "GET",
            "/api/quick-replies.csv", null);
        assertEquals(200, exported.statusCode());
        assertTrue(exported.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        final List<List<String>> rows = AgentCsv.parse(exported.body());
        final JsonNode listed = admin.get("/api/quick-replies").body();
        assertEquals(List.of("group", "title", "text"), rows.get(0));
        assertEquals(listed.size() + 1, rows.size(), exported::body);
        assertTrue(exported.body().contains("'=SUM(A1)"), "a formula is guarded: " + exported.body());

        // the export imported again: the same replies once more, field for field
        final JsonNode again = JSON.readTree(AgentAdministrationSystemTest.raw(admin.token(), "POST",
            "/api/quick-replies/import", exported.body()).body());
        assertEquals(listed.size(), again.get("created").asInt(), again::toString);
        final JsonNode after = admin.get("/api/quick-replies").body();
        for (int i = 0; i < listed.size(); i++)
        {
            assertEquals(content(listed.get(i)), content(after.get(listed.size() + i)));
        }
        assertEquals(400, AgentAdministrationSystemTest.raw(admin.token(), "POST", "/api/quick-replies/import",
            "name,text\r\nx,y\r\n").statusCode());
        assertEquals(400, AgentAdministrationSystemTest.raw(admin.token(), "POST", "/api/quick-replies/import",
            "group,title\r\nx,y\r\n").statusCode());
        final String agent = CallApi.login(server.httpPort(), DemoAccounts.email("1001"),
            DemoAccounts.password("1001"));
        assertEquals(403, AgentAdministrationSystemTest.raw(agent, "POST", "/api/quick-replies/import", csv)
            .statusCode());
        assertEquals(403, AgentAdministrationSystemTest.raw(agent, "GET", "/api/quick-replies.csv", null)
            .statusCode());
    }

    @Test
    @Order(3)
    void atMostFiftyGroupsAndFiveHundredReplies() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final int groups = groups(admin.get("/api/quick-replies").body());
        final StringBuilder csv = new StringBuilder("group,text\r\n");
        for (int g = groups; g <= 50; g++)
        {
            csv.append("G").append(g).append(",Reply of group ").append(g).append("\r\n");
        }
        final JsonNode report = JSON.readTree(AgentAdministrationSystemTest.raw(admin.token(), "POST",
            "/api/quick-replies/import", csv.toString()).body());
        assertEquals(1, report.get("failed").asInt(), report::toString);
        final JsonNode last = report.get("rows").get(report.get("rows").size() - 1);
        assertTrue(last.get("error").asText().contains("50 groups"), last::toString);
        assertEquals(50, groups(admin.get("/api/quick-replies").body()));
        final CallApi.Reply newGroup = admin.post("/api/quick-replies",
            "{\"group\": \"One too many\", \"text\": \"x\"}");
        assertEquals(409, newGroup.status(), newGroup.body()::toString);
        assertEquals("conflict", newGroup.body().get("error").asText());

        final int count = admin.get("/api/quick-replies").body().size();
        final StringBuilder many = new StringBuilder("group,title,text\r\n");
        for (int i = count; i <= 500; i++)
        {
            many.append("G49,Reply ").append(i).append(",").append("好".repeat(500)).append("\r\n");
        }
        final JsonNode full = JSON.readTree(AgentAdministrationSystemTest.raw(admin.token(), "POST",
            "/api/quick-replies/import", many.toString()).body());
        assertEquals(500 - count, full.get("created").asInt(), () -> full.get("rows").get(0).toString());
        assertEquals(1, full.get("failed").asInt());
        assertEquals(500, admin.get("/api/quick-replies").body().size());
        assertEquals(409, admin.post("/api/quick-replies", "{\"text\": \"x\"}").status());
    }

    @Test
    @Order(4)
    void anEntryJournalledBeforeGroupsReplaysInTheDefaultGroup() throws Exception
    {
        final String dataDir = server.config().dataDir;
        server.close();
        try (ChronicleJournal journal = ChronicleJournal.open(Path.of(dataDir, "journal")))
        {
            journal.append("quick-replies", ("{\"nextId\": 8, \"replies\": [{\"id\": 3, \"text\": \"Hello there, "
                + "how are you today my friend\"}, {\"id\": 7, \"text\": \"请稍等，我帮您查询一下订单状态和物流信息好吗\"}]}")
                .getBytes(StandardCharsets.UTF_8)).get();
        }
        server = TestServers.start(AdministrationSystemTest.TENANT, dataDir);
        final CallApi admin = new CallApi(server.httpPort());
        final JsonNode replies = admin.get("/api/quick-replies").body();
        assertEquals(2, replies.size(), replies::toString);
        assertEquals("默认/General", replies.get(0).get("group").asText());
        assertEquals("Hello there, how are you", replies.get(0).get("title").asText());
        assertEquals("请稍等，我帮您查询一下订单状态和物流信息好吗", replies.get(1).get("title").asText());
        assertEquals(8, admin.post("/api/quick-replies", "{\"text\": \"new\"}").body().get("id").asLong(),
            "ids go on from the old entry's");
    }

    private static String content(final JsonNode reply)
    {
        return reply.get("group").asText() + "|" + reply.get("title").asText() + "|" + reply.get("text").asText();
    }

    private static int groups(final JsonNode replies)
    {
        final java.util.Set<String> names = new java.util.HashSet<>();
        replies.forEach(reply -> names.add(reply.get("group").asText()));
        return names.size();
    }
}
