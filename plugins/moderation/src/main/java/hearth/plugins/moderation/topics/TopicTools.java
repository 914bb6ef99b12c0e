package hearth.plugins.moderation.topics;

import hearth.api.PluginContext;
import hearth.api.data.PluginTransaction;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.moderation.ModerationActions;
import hearth.api.views.MemberView;
import hearth.api.views.TopicView;
import hearth.plugins.moderation.AuditLog;
import hearth.plugins.moderation.Staff;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What moderators do to whole topics: close, lock, pin, unlist, move, merge, split and change the owner. Each is
 * authorised in the topic's category (a move also in the target category), made through the core in one transaction
 * with its audit entry, and answered with where the moderator should look next.
 */
final class TopicTools {

    /** The tools, by the name used in URLs. */
    static final List<String> ACTIONS = List.of("close", "open", "lock", "unlock", "pin", "unlist", "list", "move",
            "merge", "split", "owner");

    private static final Pattern TOPIC_REF = Pattern.compile("(?:.*/t/(?:[^/]+/)?)?(\\d+)(?:[/?#].*)?");
    private static final int REASON_MAX = 500;

    private final PluginContext context;
    private final Staff staff;
    private final AuditLog audit;

    TopicTools(PluginContext context, Staff staff, AuditLog audit) {
        this.context = context;
        this.staff = staff;
        this.audit = audit;
    }

    /** The topic, if the viewer may use the tools on it. */
    TopicView topic(Optional<MemberView> viewer, long topicId) {
        TopicView topic = context.topics().topic(topicId).orElseThrow(() -> new NotFound("There is no such topic."));
        staff.requireTopicTools(viewer, topic.categoryId());
        return topic;
    }

    /** Applies one tool; {@code fields} are the form's. Returns the id of the topic to show afterwards. */
    long apply(MemberView moderator, long topicId, String action, Map<String, String> fields) {
        Optional<MemberView> viewer = Optional.of(moderator);
        TopicView topic = topic(viewer, topicId);
        String reason = reason(fields.get("reason"));
        ModerationActions core = context.moderation();
        long by = moderator.id();
        return context.database().transaction(tx -> switch (action) {
            case "close", "open" -> {
                core.closeTopic(tx, topicId, action.equals("close"), by);
                yield done(tx, moderator, action, topic, reason, state(topic.state().closed(), "closed", "open"),
                        action.equals("close") ? "closed" : "open");
            }
            case "lock", "unlock" -> {
                core.lockTopic(tx, topicId, action.equals("lock"), by);
                yield done(tx, moderator, action, topic, reason, state(topic.state().locked(), "locked", "unlocked"),
                        action.equals("lock") ? "locked" : "unlocked");
            }
            case "pin" -> {
                String scope = fields.getOrDefault("scope", "").strip().toLowerCase(Locale.ROOT);
                core.pinTopic(tx, topicId, scope, by);
                yield done(tx, moderator, "pin", topic, reason, topic.state().pinned(), scope);
            }
            case "unlist", "list" -> {
                core.unlistTopic(tx, topicId, action.equals("unlist"), by);
                yield done(tx, moderator, action, topic, reason, state(topic.state().unlisted(), "unlisted",
                        "listed"), action.equals("unlist") ? "unlisted" : "listed");
            }
            case "move" -> {
                long target = number(fields.get("categoryId"), "categoryId", "Please choose a category.");
                staff.requireTopicTools(viewer, target);
                core.moveTopic(tx, topicId, target, by);
                yield done(tx, moderator, "move", topic, reason, categoryName(topic.categoryId()),
                        categoryName(target));
            }
            case "merge" -> {
                long into = topicRef(fields.get("into"));
                TopicView target = context.topics().topic(into)
                        .orElseThrow(() -> new InvalidInput("into", "There is no such topic to merge into."));
                staff.requireTopicTools(viewer, target.categoryId());
                core.mergeTopics(tx, topicId, into, by);
                done(tx, moderator, "merge", topic, reason, "topic " + topicId, "merged into topic " + into
                        + " (" + target.title() + ")");
                yield into;
            }
            case "split" -> {
                List<Long> posts = postIds(fields.get("posts"));
                long created = core.splitTopic(tx, topicId, posts, fields.getOrDefault("title", ""), by);
                done(tx, moderator, "split", topic, reason, posts.size() + " replies in topic " + topicId,
                        "new topic " + created);
                yield created;
            }
            case "owner" -> {
                String username = fields.getOrDefault("owner", "").strip().replaceFirst("^@", "");
                MemberView owner = context.members().byUsername(username)
                        .orElseThrow(() -> new InvalidInput("owner", "There is no member called " + username + "."));
                core.changeTopicOwner(tx, topicId, owner.id(), by);
                yield done(tx, moderator, "owner", topic, reason, memberName(topic.authorId()), owner.username());
            }
            default -> throw new NotFound("There is no such topic tool.");
        });
    }

    private long done(PluginTransaction tx, MemberView moderator, String action, TopicView topic, String reason,
                      String before, String after) {
        audit.record(tx, moderator.id(), "topic." + action, "topic", topic.id(), topic.categoryId(), reason, before,
                after);
        return topic.id();
    }

    private static String state(boolean on, String yes, String no) {
        return on ? yes : no;
    }

    private String categoryName(long categoryId) {
        return context.topics().categories().stream().filter(c -> c.id() == categoryId).findFirst()
                .map(c -> c.name()).orElse("category " + categoryId);
    }

    private String memberName(long memberId) {
        return context.members().byId(memberId).map(MemberView::username).orElse("member " + memberId);
    }

    private static String reason(String raw) {
        String reason = raw == null ? "" : raw.strip();
        if (reason.length() > REASON_MAX) {
            throw new InvalidInput("reason", "Keep the reason under " + REASON_MAX + " characters.");
        }
        return reason;
    }

    private static long number(String raw, String field, String message) {
        try {
            return Long.parseLong(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, message);
        }
    }

    /** A topic given as its id or its address (as moderators copy it from the browser). */
    static long topicRef(String raw) {
        Matcher m = TOPIC_REF.matcher(raw == null ? "" : raw.strip());
        if (!m.matches()) {
            throw new InvalidInput("into", "Enter the address or the number of the topic to merge into.");
        }
        return Long.parseLong(m.group(1));
    }

    /** The chosen posts: ids separated by commas (a form's checkboxes arrive joined, see the page handler). */
    static List<Long> postIds(String raw) {
        List<Long> ids = new ArrayList<>();
        for (String part : (raw == null ? "" : raw).split("[,\\s]+")) {
            if (!part.isBlank()) {
                try {
                    ids.add(Long.parseLong(part));
                } catch (NumberFormatException e) {
                    throw new InvalidInput("posts", "Choose the replies to move.");
                }
            }
        }
        if (ids.isEmpty()) {
            throw new InvalidInput("posts", "Choose the replies to move.");
        }
        return ids;
    }
}
