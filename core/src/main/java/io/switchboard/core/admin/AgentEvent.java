package io.switchboard.core.admin;

import java.util.List;

/**
 * A change to the agents, as the journal keeps it. The JSON of each record is what earlier versions wrote for the
 * same entry type (the agent as the administration shows it), so journals written before keep replaying.
 */
public sealed interface AgentEvent extends AdminEvent
{
    String CREATED = "agent.created";
    String UPDATED = "agent.updated";
    String DELETED = "agent.deleted";

    String staffNo();

    /** Reads a journal entry of one of the types above. */
    static AgentEvent read(final String type, final byte[] json)
    {
        return switch (type)
        {
            case CREATED -> AdminChanges.read(type, json, Created.class);
            case UPDATED -> AdminChanges.read(type, json, Updated.class);
            case DELETED -> AdminChanges.read(type, json, Deleted.class);
            default -> throw new IllegalArgumentException("not an agent entry: " + type);
        };
    }

    /** A new agent; its account is made alongside (the account's own entry). */
    record Created(String staffNo, String name, String email, String nickname, String extension, String mobile,
        String role, List<String> groups) implements AgentEvent
    {
        public Created
        {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        @Override
        public String type()
        {
            return CREATED;
        }
    }

    /** An agent's name, nickname, mobile and groups as they are now (e-mail, extension and role do not change). */
    record Updated(String staffNo, String name, String email, String nickname, String extension, String mobile,
        String role, List<String> groups) implements AgentEvent
    {
        public Updated
        {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        @Override
        public String type()
        {
            return UPDATED;
        }
    }

    record Deleted(String staffNo) implements AgentEvent
    {
        @Override
        public String type()
        {
            return DELETED;
        }
    }
}
