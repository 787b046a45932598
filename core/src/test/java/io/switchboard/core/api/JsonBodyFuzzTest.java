package io.switchboard.core.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.chat.flow.ChatFlow;
import io.switchboard.chat.flow.ChatFlowValidator;
import io.switchboard.ivr.flow.Catalog;
import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.flow.FlowValidator;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzz targets for the HTTP API's JSON bodies (issue 19): the largest bodies an administrator sends, a voice flow
 * ({@code PUT /api/flows/{name}}) and a chat session flow, are read by {@link StoreChangeAnswers#parse} into their
 * records or refused with a 400 {@link ApiException}, never another exception (which would be a 500); a body that
 * reads is checked by its validator (draft and publishing) into a list of problems, again without an exception.
 * Corpus: the demo's flows and broken ones in {@code JsonBodyFuzzTestInputs/<method>/}; fuzzing: README, "Fuzzing".
 */
class JsonBodyFuzzTest
{
    private static final Catalog EVERYTHING = new Catalog()
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
            return true;
        }
    };

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void voiceFlowBodyReadsOrIs400(final byte[] input)
    {
        final Flow flow = read(input, Flow.class);
        if (flow != null)
        {
            assertNotNull(FlowValidator.validate(flow, EVERYTHING, false));
            assertNotNull(FlowValidator.validate(flow, EVERYTHING, true));
        }
    }

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void chatFlowBodyReadsOrIs400(final byte[] input)
    {
        final ChatFlow flow = read(input, ChatFlow.class);
        if (flow != null)
        {
            assertNotNull(ChatFlowValidator.validate(flow, group -> true));
            assertNotNull(ChatFlowValidator.validate(flow, group -> false));
        }
    }

    /** The body as the endpoint reads it, or null after checking its refusal is a 400 with a code. */
    private static <T> T read(final byte[] body, final Class<T> type)
    {
        final ApiRequest request = new ApiRequest(HttpMethod.PUT, "/api/flows/fuzz", Map.of("name", "fuzz"),
            Map.of(), body, null, null, "127.0.0.1");
        try
        {
            return StoreChangeAnswers.parse(request, type, "a flow");
        }
        catch (final ApiException refused)
        {
            assertEquals(HttpResponseStatus.BAD_REQUEST, refused.status());
            assertEquals("bad_request", refused.code());
            assertNotNull(refused.getMessage());
            return null;
        }
    }
}
