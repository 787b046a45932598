package io.switchboard.chat.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chat.flow.ChatFlow;
import io.switchboard.ivr.store.FlowState;
import io.switchboard.ivr.store.FlowStoreException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session flows live as voice flows do; channels bind to published flows, at once. */
class ChatFlowStoreTest
{
    private final ChatFlowStore store = new ChatFlowStore("support"::equals);
    private ChatFlow website;

    @BeforeEach
    void read() throws Exception
    {
        try (InputStream in = getClass().getResourceAsStream("/website-flow.json"))
        {
            website = new ObjectMapper().readValue(in, ChatFlow.class);
        }
    }

    @Test
    void aChannelRunsItsPublishedFlowAndHoldsItInUse()
    {
        store.flows().save(website);
        final WebsiteChannel site = new WebsiteChannel("shop", "www.example.com", "website");
        assertEquals(FlowStoreException.Reason.WRONG_STATE,
            assertThrows(FlowStoreException.class, () -> store.channel(site)).reason(), "unpublished: refused");
        store.flows().publish("website");
        store.channel(site);
        assertSame(website, store.flowForChannel("shop"));
        assertEquals(FlowState.IN_USE, store.state("website"));
        assertThrows(FlowStoreException.class, () -> store.flows().unpublish("website"));

        store.channel(new WebsiteChannel("shop", "www.example.com", null));
        assertNull(store.flowForChannel("shop"), "unbound at once");
        store.flows().unpublish("website");
        store.flows().delete("website");
        assertEquals(FlowStoreException.Reason.UNKNOWN_FLOW,
            assertThrows(FlowStoreException.class, () -> store.state("website")).reason());
    }

    @Test
    void aChannelNeedsAHostNameAndAllowsOnlyItsOwnPages()
    {
        for (final String bad : new String[] {"https://www.example.com", "www.example.com/chat", "", "a b.com"})
        {
            assertEquals(FlowStoreException.Reason.INVALID, assertThrows(FlowStoreException.class,
                () -> store.channel(new WebsiteChannel("shop", bad, null))).reason(), bad);
        }
        final WebsiteChannel site = new WebsiteChannel("shop", "WWW.Example.com", null);
        store.channel(site);
        assertTrue(site.allows("https://www.example.com"));
        assertTrue(site.allows("http://www.example.com:8080"));
        assertFalse(site.allows("https://www.example.com.evil.net"));
        assertFalse(site.allows("https://example.com"));
        assertFalse(site.allows(null));
        store.deleteChannel("shop");
        assertEquals(FlowStoreException.Reason.UNKNOWN_CHANNEL,
            assertThrows(FlowStoreException.class, () -> store.deleteChannel("shop")).reason());
    }

    @Test
    void aFlowWithProblemsIsSavedAsADraftNotPublishedAndAPublishedOneNotEdited()
    {
        final ChatFlow broken = new ChatFlow("website", website.nodes().subList(1, website.nodes().size()));
        store.flows().save(broken);
        assertFalse(store.flows().problems("website").isEmpty(), "a draft keeps its problems");
        assertEquals(FlowStoreException.Reason.INVALID,
            assertThrows(FlowStoreException.class, () -> store.flows().publish("website")).reason());
        store.flows().save(website);
        store.flows().publish("website");
        assertEquals(FlowStoreException.Reason.WRONG_STATE,
            assertThrows(FlowStoreException.class, () -> store.flows().save(website)).reason());
    }
}
