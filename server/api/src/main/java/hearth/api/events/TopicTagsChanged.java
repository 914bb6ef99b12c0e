package hearth.api.events;

import java.util.List;

/**
 * A topic's tags were set: when it was started with tags, or when its author or a moderator changed them.
 *
 * @param topicId  the topic
 * @param tags     its tags now, by name, in the order given
 * @param memberId who set them
 */
public record TopicTagsChanged(long topicId, List<String> tags, long memberId) implements DomainEvent {

    public TopicTagsChanged {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
