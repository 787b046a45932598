package io.switchboard.core.admin;

/**
 * A change to the skill groups, as the journal keeps it. The JSON of each record is what earlier versions wrote
 * for the same entry type, so journals written before keep replaying.
 */
public sealed interface GroupEvent extends AdminEvent
{
    String CREATED = "group.created";
    String UPDATED = "group.updated";
    String DELETED = "group.deleted";
    String MEMBER_ADDED = "group.member.added";
    String MEMBER_REMOVED = "group.member.removed";
    String RENAMED = "group.renamed";

    /** The group the event is about. */
    String group();

    /** Reads a journal entry of one of the types above. */
    static GroupEvent read(final String type, final byte[] json)
    {
        return switch (type)
        {
            case CREATED -> AdminChanges.read(type, json, Created.class);
            case UPDATED -> AdminChanges.read(type, json, Updated.class);
            case DELETED -> AdminChanges.read(type, json, Deleted.class);
            case MEMBER_ADDED -> AdminChanges.read(type, json, MemberAdded.class);
            case MEMBER_REMOVED -> AdminChanges.read(type, json, MemberRemoved.class);
            case RENAMED -> AdminChanges.read(type, json, Renamed.class);
            default -> throw new IllegalArgumentException("not a group entry: " + type);
        };
    }

    /**
     * A group's settings: policy {@code longest-idle}, {@code fewest-calls} or null (the tenant's); fallback
     * {@code hangup} or another group's name; the chat settings {@code concurrency} (1-100) and {@code
     * chatAcceptTimeoutSeconds} (0 or 1-90), {@code chatPool} (the unassigned pool on) and {@code postCallSurvey},
     * null in entries written before they could be changed here (the group then keeps what it had); {@code
     * recording} likewise (a group created by such an entry records, the default).
     */
    record Settings(String name, String policy, int maxQueueLength, int maxWaitSeconds, String fallback,
        Integer concurrency, Integer chatAcceptTimeoutSeconds, Boolean chatPool, Boolean postCallSurvey,
        Boolean recording)
    {
    }

    record Created(String name, String policy, int maxQueueLength, int maxWaitSeconds, String fallback,
        Integer concurrency, Integer chatAcceptTimeoutSeconds, Boolean chatPool, Boolean postCallSurvey,
        Boolean recording) implements GroupEvent
    {
        Created(final Settings settings)
        {
            this(settings.name(), settings.policy(), settings.maxQueueLength(), settings.maxWaitSeconds(),
                settings.fallback(), settings.concurrency(), settings.chatAcceptTimeoutSeconds(), settings.chatPool(),
                settings.postCallSurvey(), settings.recording());
        }

        Settings settings()
        {
            return new Settings(name, policy, maxQueueLength, maxWaitSeconds, fallback, concurrency,
                chatAcceptTimeoutSeconds, chatPool, postCallSurvey, recording);
        }

        @Override
        public String group()
        {
            return name;
        }

        @Override
        public String type()
        {
            return CREATED;
        }
    }

    record Updated(String name, String policy, int maxQueueLength, int maxWaitSeconds, String fallback,
        Integer concurrency, Integer chatAcceptTimeoutSeconds, Boolean chatPool, Boolean postCallSurvey,
        Boolean recording) implements GroupEvent
    {
        Updated(final Settings settings)
        {
            this(settings.name(), settings.policy(), settings.maxQueueLength(), settings.maxWaitSeconds(),
                settings.fallback(), settings.concurrency(), settings.chatAcceptTimeoutSeconds(), settings.chatPool(),
                settings.postCallSurvey(), settings.recording());
        }

        Settings settings()
        {
            return new Settings(name, policy, maxQueueLength, maxWaitSeconds, fallback, concurrency,
                chatAcceptTimeoutSeconds, chatPool, postCallSurvey, recording);
        }

        @Override
        public String group()
        {
            return name;
        }

        @Override
        public String type()
        {
            return UPDATED;
        }
    }

    record Deleted(String name) implements GroupEvent
    {
        @Override
        public String group()
        {
            return name;
        }

        @Override
        public String type()
        {
            return DELETED;
        }
    }

    /** The agent (by staff number) joined the group. */
    record MemberAdded(String group, String agent) implements GroupEvent
    {
        @Override
        public String type()
        {
            return MEMBER_ADDED;
        }
    }

    /** The agent (by staff number) left the group. */
    record MemberRemoved(String group, String agent) implements GroupEvent
    {
        @Override
        public String type()
        {
            return MEMBER_REMOVED;
        }
    }

    /** The group {@code name} is called {@code to} from now on; what names it by name follows. */
    record Renamed(String name, String to) implements GroupEvent
    {
        @Override
        public String group()
        {
            return name;
        }

        @Override
        public String type()
        {
            return RENAMED;
        }
    }
}
