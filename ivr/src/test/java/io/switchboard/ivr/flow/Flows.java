package io.switchboard.ivr.flow;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Flows for tests, written as JSON the way administrators write them. */
public final class Flows
{
    public static final ObjectMapper JSON = new ObjectMapper();

    /** The demo flow: welcome, press 1 for support, 2 for sales, 0 to repeat. */
    public static final String DEMO = """
        {"name": "demo", "nodes": [
          {"type": "start", "id": "start", "next": "welcome"},
          {"type": "play", "id": "welcome", "label": "Welcome", "prompt": {"text": "Welcome to Switchboard."},
           "next": "menu"},
          {"type": "branch", "id": "menu", "label": "Main menu",
           "prompt": {"text": "For support press 1. For sales press 2. To hear this again press 0."},
           "keys": {"1": "support", "2": "sales", "0": "menu", "99#": "secret"}, "timeoutSeconds": 5,
           "timeoutPrompt": {"text": "We did not get your choice."},
           "errorPrompt": {"text": "That is not a choice."}, "maxErrors": 3},
          {"type": "transfer", "id": "support", "group": "support", "prompt": {"text": "Connecting you."},
           "announceSeconds": 30, "positionPrompt": {"text": "There are ${WaitNo} callers ahead of you."},
           "answerPrompt": {"text": "Agent ${StaffNo} will help you."}},
          {"type": "transfer", "id": "sales", "group": "sales"},
          {"type": "end", "id": "secret", "prompt": {"audio": "goodbye"}}
        ]}
        """;

    private Flows()
    {
    }

    public static Flow parse(final String json)
    {
        try
        {
            return JSON.readValue(json, Flow.class);
        }
        catch (final Exception ex)
        {
            throw new IllegalArgumentException(ex);
        }
    }

    /** A catalog with the groups support and sales, audio goodbye (approved) and draft (pending), speech on. */
    public static Catalog catalog()
    {
        return new Catalog()
        {
            @Override
            public boolean groupExists(final String name)
            {
                return "support".equals(name) || "sales".equals(name);
            }

            @Override
            public boolean audioExists(final String id)
            {
                return "goodbye".equals(id) || "draft".equals(id);
            }

            @Override
            public boolean audioApproved(final String id)
            {
                return "goodbye".equals(id);
            }

            @Override
            public boolean speechAvailable(final String voice)
            {
                return true;
            }
        };
    }
}
