package io.switchboard.ivr.flow;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowValidatorTest
{
    private static List<Problem> problems(final String json, final boolean publishing)
    {
        return FlowValidator.validate(Flows.parse(json), Flows.catalog(), publishing);
    }

    private static void assertProblem(final List<Problem> problems, final String node, final String fragment)
    {
        assertTrue(problems.stream().anyMatch(p -> java.util.Objects.equals(node, p.node())
            && p.message().contains(fragment)), "expected " + node + ": " + fragment + " in " + problems);
    }

    @Test
    void theDemoFlowIsValid()
    {
        assertEquals(List.of(), problems(Flows.DEMO, true));
    }

    @Test
    void exactlyOneStart()
    {
        assertProblem(problems("{\"name\":\"x\",\"nodes\":[{\"type\":\"end\",\"id\":\"e\"}]}", false), null,
            "exactly one start");
        assertProblem(problems("{\"name\":\"x\",\"nodes\":[{\"type\":\"start\",\"id\":\"s\",\"next\":\"e\"},"
            + "{\"type\":\"start\",\"id\":\"t\",\"next\":\"e\"},{\"type\":\"end\",\"id\":\"e\"}]}", false), null,
            "has 2");
    }

    @Test
    void aDanglingEdgeNamesItsNodeAndTarget()
    {
        final List<Problem> found = problems(Flows.DEMO.replace("\"2\": \"sales\"", "\"2\": \"nowhere\""), false);
        assertProblem(found, "menu", "goes to nowhere");
    }

    @Test
    void aLoopWithNoWayOutAndAnUnreachableNodeAreRefused()
    {
        final String loop = "{\"name\":\"x\",\"nodes\":[{\"type\":\"start\",\"id\":\"s\",\"next\":\"a\"},"
            + "{\"type\":\"play\",\"id\":\"a\",\"prompt\":{\"text\":\"hi\"},\"next\":\"b\"},"
            + "{\"type\":\"play\",\"id\":\"b\",\"prompt\":{\"text\":\"hi\"},\"next\":\"a\"},"
            + "{\"type\":\"end\",\"id\":\"e\"}]}";
        final List<Problem> found = problems(loop, false);
        assertProblem(found, "a", "no path from here reaches an end");
        assertProblem(found, "s", "no path from here reaches an end");
        assertProblem(found, "e", "cannot be reached from the start");
    }

    @Test
    void groupsAudioKeysAndRangesAreChecked()
    {
        final List<Problem> found = problems(Flows.DEMO
            .replace("\"group\": \"sales\"", "\"group\": \"billing\"")
            .replace("\"audio\": \"goodbye\"", "\"audio\": \"missing\"")
            .replace("\"99#\"", "\"9x\"")
            .replace("\"timeoutSeconds\": 5", "\"timeoutSeconds\": 0")
            .replace("\"maxErrors\": 3", "\"maxErrors\": 0"), false);
        assertProblem(found, "sales", "billing, which is not a skill group");
        assertProblem(found, "secret", "no audio missing");
        assertProblem(found, "menu", "key \"9x\"");
        assertProblem(found, "menu", "timeoutSeconds must be 1..60");
        assertProblem(found, "menu", "maxErrors must be 1..10");
    }

    @Test
    void publishingNeedsApprovedAudio()
    {
        final String draft = Flows.DEMO.replace("\"audio\": \"goodbye\"", "\"audio\": \"draft\"");
        assertEquals(List.of(), problems(draft, false));
        assertProblem(problems(draft, true), "secret", "not approved");
    }

    @Test
    void speechNeedsEspeakAndAKnownVoice()
    {
        final Catalog mute = new Catalog()
        {
            @Override
            public boolean groupExists(final String name)
            {
                return true;
            }

            @Override
            public boolean audioExists(final String id)
            {
                return true;
            }

            @Override
            public boolean audioApproved(final String id)
            {
                return true;
            }

            @Override
            public boolean speechAvailable(final String voice)
            {
                return false;
            }
        };
        assertProblem(FlowValidator.validate(Flows.parse(Flows.DEMO), mute, false), "welcome", "install espeak-ng");
        assertProblem(FlowValidator.validate(Flows.parse(Flows.DEMO.replace("\"group\": \"sales\"}",
            "\"group\": \"sales\", \"announceRecording\": true}")), mute, false), "sales",
            "announceRecording: text to speech is not available");
        assertProblem(problems(Flows.DEMO.replace("\"text\": \"Welcome to Switchboard.\"",
            "\"text\": \"Welcome\", \"voice\": \"fr\""), false), "welcome", "voice must be en or zh");
    }

    @Test
    void theRecordingNoticeIsAnOptionOfATransferKeptInItsJson() throws Exception
    {
        final String json = Flows.DEMO.replace("\"group\": \"sales\"}",
            "\"group\": \"sales\", \"announceRecording\": true}");
        final Flow flow = Flows.parse(json);
        assertEquals(List.of(), FlowValidator.validate(flow, Flows.catalog(), true));
        final Node.Transfer sales = (Node.Transfer)flow.byId().get("sales");
        assertEquals(true, sales.announcesRecording());
        assertEquals(true, sales.toGroup("billing").announcesRecording(), "kept when its group is renamed");
        final String written = Flows.JSON.writeValueAsString(flow);
        assertEquals(1, written.split("announceRecording", -1).length - 1, written);
        assertEquals(false, Flows.JSON.writeValueAsString(Flows.parse(Flows.DEMO)).contains("announceRecording"),
            "absent from a transfer without it");
    }
}
