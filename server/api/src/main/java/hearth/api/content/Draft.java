package hearth.api.content;

import hearth.api.views.MemberView;

/**
 * Text a member is about to save.
 *
 * @param kind       what it is
 * @param author     who wrote it
 * @param categoryId the category of the topic (0 for profile text)
 * @param title      a new topic's title; empty otherwise
 * @param body       the Markdown source
 */
public record Draft(Kind kind, MemberView author, long categoryId, String title, String body) {

    /** The kinds of text guards see. */
    public enum Kind { TOPIC, REPLY, PROFILE }
}
