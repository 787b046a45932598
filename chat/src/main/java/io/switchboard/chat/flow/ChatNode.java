package io.switchboard.chat.flow;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.switchboard.ivr.flow.GraphNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of a session flow (会话服务流), with its id (what edges name) and a label for people. Texts may use
 * {@code ${WaitNo}} (visitors ahead in the queue) and {@code ${StaffNo}} (the agent who took the visitor).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ChatNode.Start.class, name = "start"),
    @JsonSubTypes.Type(value = ChatNode.Message.class, name = "message"),
    @JsonSubTypes.Type(value = ChatNode.Branch.class, name = "branch"),
    @JsonSubTypes.Type(value = ChatNode.Transfer.class, name = "transfer"),
    @JsonSubTypes.Type(value = ChatNode.End.class, name = "end")
})
public sealed interface ChatNode extends GraphNode
{
    String label();

    /** Where a visitor enters the flow. */
    record Start(String id, String label, String next) implements ChatNode
    {
        @Override
        public List<String> edges()
        {
            return next == null ? List.of() : List.of(next);
        }
    }

    /** Sends {@code text} to the visitor (消息发送), then goes on. */
    record Message(String id, String label, String text, String next) implements ChatNode
    {
        @Override
        public List<String> edges()
        {
            return next == null ? List.of() : List.of(next);
        }
    }

    /**
     * Sends {@code text} (the options) and waits for the visitor's reply (分支): the first option with a keyword the
     * reply matches is taken; any other reply gets {@code wrongInput} and the question again; after
     * {@code maxErrors} wrong replies the flow goes to {@code errorNext} (an end, or a transfer to a person).
     */
    record Branch(String id, String label, String text, List<Option> options, String wrongInput, int maxErrors,
        String errorNext) implements ChatNode
    {
        @Override
        public List<String> edges()
        {
            final List<String> edges = new ArrayList<>();
            if (options != null)
            {
                options.forEach(option -> edges.add(option == null ? null : option.next()));
            }
            if (errorNext != null)
            {
                edges.add(errorNext);
            }
            return edges;
        }
    }

    /** Keywords (one or more, e.g. "1" and "咨询") that lead to one node. */
    record Option(List<String> keywords, String next)
    {
    }

    /**
     * Hands the visitor to a person of skill group {@code group} (转人工): {@code queueMessage} while everyone is
     * busy (with {@code ${WaitNo}}), {@code failureMessage} when nobody of the group is online, {@code
     * successMessage} when an agent takes the visitor (with {@code ${StaffNo}}). {@code next} is the end node whose
     * settings govern the conversation with the agent (reply timeout, end messages).
     */
    record Transfer(String id, String label, String group, String queueMessage, String failureMessage,
        String successMessage, String next) implements ChatNode
    {
        @Override
        public List<String> edges()
        {
            return next == null ? List.of() : List.of(next);
        }
    }

    /**
     * Ends the flow (结束): after an agent's message, a visitor who does not reply within {@code replyTimeoutSeconds}
     * (0: never) is sent {@code timeoutMessage} and the session ends; {@code endMessage} is sent when the agent ends
     * the session, or when the flow reaches this node without a person.
     */
    record End(String id, String label, int replyTimeoutSeconds, String timeoutMessage, String endMessage)
        implements ChatNode
    {
        @Override
        public List<String> edges()
        {
            return List.of();
        }
    }
}
