package io.switchboard.ivr.store;

import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.flow.Flows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowStoreTest
{
    private final Flow demo = Flows.parse(Flows.DEMO);
    private FlowStore store;

    @BeforeEach
    void setUp()
    {
        store = new FlowStore(Flows.catalog());
        store.save(demo);
        store.number("4000", NumberDirection.INBOUND);
    }

    private static FlowStoreException.Reason refused(final Runnable change)
    {
        return assertThrows(FlowStoreException.class, change::run).reason();
    }

    @Test
    void aSavedFlowIsUnpublishedAndEditableThenPublishedThenInUse()
    {
        assertEquals(FlowState.UNPUBLISHED, store.state("demo"));
        store.save(demo);
        assertEquals(FlowStoreException.Reason.WRONG_STATE, refused(() -> store.bind("4000", "demo")));
        store.publish("demo");
        assertEquals(FlowState.PUBLISHED, store.state("demo"));
        assertEquals(FlowStoreException.Reason.WRONG_STATE, refused(() -> store.save(demo)), "no edit published");
        assertEquals(FlowStoreException.Reason.WRONG_STATE, refused(() -> store.delete("demo")));
        store.bind("4000", "demo");
        assertEquals(FlowState.IN_USE, store.state("demo"));
        assertSame(demo, store.flowForNumber("4000"));
    }

    @Test
    void aFlowInUseCannotBeUnpublishedUntilItsNumbersAreRebound()
    {
        store.publish("demo");
        store.number("4002", NumberDirection.BOTH);
        store.bind("4000", "demo");
        store.bind("4002", "demo");
        assertEquals(List.of("4000", "4002"), store.numbersOf("demo"), "one flow serves many numbers");
        final FlowStoreException ex = assertThrows(FlowStoreException.class, () -> store.unpublish("demo"));
        assertTrue(ex.getMessage().contains("4000"), ex.getMessage());
        store.bind("4000", null);
        store.bind("4002", null);
        store.unpublish("demo");
        store.delete("demo");
        assertEquals(FlowStoreException.Reason.UNKNOWN_FLOW, refused(() -> store.state("demo")));
    }

    @Test
    void aFlowWithProblemsIsSavedAsADraftAndOnlyPublishingRefusesIt()
    {
        final Flow broken = Flows.parse(Flows.DEMO.replace("\"name\": \"demo\"", "\"name\": \"broken\"")
            .replace("\"group\": \"sales\"", "\"group\": \"billing\""));
        store.save(broken);
        assertEquals(FlowState.UNPUBLISHED, store.state("broken"));
        assertEquals("sales", store.problems("broken").get(0).node());
        final FlowStoreException ex = assertThrows(FlowStoreException.class, () -> store.publish("broken"));
        assertEquals(FlowStoreException.Reason.INVALID, ex.reason());
        assertEquals("sales", ex.problems().get(0).node());
        assertEquals(FlowStoreException.Reason.INVALID, refused(() -> store.save(new Flow(" ", broken.nodes()))),
            "a draft still needs a name");
        store.save(Flows.parse(Flows.DEMO.replace("\"name\": \"demo\"", "\"name\": \"broken\"")));
        assertTrue(store.problems("broken").isEmpty(), "fixed");
    }

    @Test
    void publishingNeedsApprovedAudioAndAudioInUseIsKnown()
    {
        final Flow draft = Flows.parse(Flows.DEMO.replace("\"name\": \"demo\"", "\"name\": \"draft\"")
            .replace("\"audio\": \"goodbye\"", "\"audio\": \"draft\""));
        store.save(draft);
        assertEquals(FlowStoreException.Reason.INVALID, refused(() -> store.publish("draft")));
        assertTrue(store.audioInUse("draft"));
        assertTrue(store.audioInUse("goodbye"));
        assertFalse(store.audioInUse("other"));
    }

    @Test
    void outboundNumbersAndUnboundNumbersRunNoFlow()
    {
        store.publish("demo");
        store.number("5000", NumberDirection.OUTBOUND);
        store.bind("5000", "demo");
        assertNull(store.flowForNumber("5000"));
        assertNull(store.flowForNumber("4000"));
        assertEquals(FlowStoreException.Reason.INVALID, refused(() -> store.number("12a", NumberDirection.BOTH)));
        assertEquals(FlowStoreException.Reason.UNKNOWN_NUMBER, refused(() -> store.bind("999", "demo")));
    }

    @Test
    void aRefusedBindingLeavesTheNumbersAsTheyWere()
    {
        assertEquals(FlowStoreException.Reason.WRONG_STATE,
            refused(() -> store.numberBoundTo("4001", NumberDirection.INBOUND, "demo")));
        assertEquals(FlowStoreException.Reason.UNKNOWN_FLOW,
            refused(() -> store.numberBoundTo("4000", NumberDirection.OUTBOUND, "nothing")));
        assertEquals(List.of(new FlowStore.PhoneNumber("4000", NumberDirection.INBOUND, null)), store.numbers());
        store.publish("demo");
        store.numberBoundTo("4001", NumberDirection.BOTH, "demo");
        assertEquals(new FlowStore.PhoneNumber("4001", NumberDirection.BOTH, "demo"), store.numbers().stream()
            .filter(n -> "4001".equals(n.number())).findFirst().orElseThrow());
    }
}
