package hearth.server.questions;

import hearth.api.errors.InvalidInput;
import java.util.Locale;

/** What a topic is, chosen when it is started: a discussion, or a question that can have an accepted answer. */
public enum TopicKind {
    DISCUSSION, QUESTION;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The submitted kind; blank means a discussion. */
    public static TopicKind parse(String typed) {
        String kind = typed == null ? "" : typed.strip();
        if (kind.isEmpty()) {
            return DISCUSSION;
        }
        for (TopicKind value : values()) {
            if (value.key().equals(kind)) {
                return value;
            }
        }
        throw new InvalidInput("kind", "Choose whether this is a discussion or a question.");
    }
}
