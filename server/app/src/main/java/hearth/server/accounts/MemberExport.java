package hearth.server.accounts;

import static hearth.server.db.schema.tables.ApiKeys.API_KEYS;
import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.LoginAttempts.LOGIN_ATTEMPTS;
import static hearth.server.db.schema.tables.MemberEmailPreferences.MEMBER_EMAIL_PREFERENCES;
import static hearth.server.db.schema.tables.MemberIgnores.MEMBER_IGNORES;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.PostRevisions.POST_REVISIONS;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.ProfileFieldValues.PROFILE_FIELD_VALUES;
import static hearth.server.db.schema.tables.ProfileFields.PROFILE_FIELDS;
import static hearth.server.db.schema.tables.Sessions.SESSIONS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Everything the site holds about one member, as one JSON document they can download (the right of access and to
 * data portability). See docs/data-rights.md for the format.
 *
 * <p>The profile and the sessions are exported column by column, minus secrets, so a column a later migration adds
 * to {@code members} appears in the export without anyone remembering to add it here. Features that store more about
 * a member (event RSVPs, notifications) fill their own section; until they exist those sections are empty arrays, so
 * the format does not change when they arrive.
 */
public final class MemberExport {

    /** Bumped when a field changes meaning or goes away; new fields do not bump it. */
    static final int FORMAT_VERSION = 1;

    /**
     * Columns never exported: secrets and lookup copies. Hashes of passwords and tokens are useless to the member and
     * would only help whoever stole the file; the {@code *_key} columns are lower-cased copies of what is exported.
     */
    private static boolean secret(String column) {
        return column.endsWith("_hash") || column.endsWith("_secret") || column.endsWith("_key")
                || column.contains("token");
    }

    private final Clock clock;

    public MemberExport(Clock clock) {
        this.clock = clock;
    }

    /** The member's data; a read, so call it off the event loop ({@code Database.read}). */
    public JsonObject of(DSLContext sql, long memberId) {
        Record member = sql.selectFrom(MEMBERS).where(MEMBERS.ID.eq(memberId)).fetchSingle();
        JsonArray topics = new JsonArray();
        sql.select(TOPICS.ID, TOPICS.TITLE, TOPICS.SLUG, CATEGORIES.NAME, TOPICS.REPLY_COUNT, TOPICS.CREATED_AT)
                .from(TOPICS).join(CATEGORIES).on(CATEGORIES.ID.eq(TOPICS.CATEGORY_ID))
                .where(TOPICS.AUTHOR_ID.eq(memberId))
                .orderBy(TOPICS.ID)
                .forEach(r -> topics.add(new JsonObject()
                        .put("id", r.value1())
                        .put("title", r.value2())
                        .put("slug", r.value3())
                        .put("category", r.value4())
                        .put("replyCount", r.value5())
                        .put("createdAt", text(r.value6()))));
        JsonArray posts = new JsonArray();
        sql.select(POSTS.ID, POSTS.TOPIC_ID, TOPICS.TITLE, POSTS.POST_NUMBER, POSTS.BODY_MARKDOWN, POSTS.CREATED_AT)
                .from(POSTS).join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID))
                .where(POSTS.AUTHOR_ID.eq(memberId))
                .orderBy(POSTS.ID)
                .forEach(r -> posts.add(new JsonObject()
                        .put("id", r.value1())
                        .put("topicId", r.value2())
                        .put("topicTitle", r.value3())
                        .put("postNumber", r.value4())
                        .put("bodyMarkdown", r.value5())
                        .put("createdAt", text(r.value6()))));
        // Earlier versions of their own posts: their words too, whoever edited them.
        JsonArray revisions = new JsonArray();
        sql.select(POST_REVISIONS.POST_ID, POST_REVISIONS.REVISION, POST_REVISIONS.PREVIOUS_MARKDOWN,
                        POST_REVISIONS.PREVIOUS_TITLE, POST_REVISIONS.REASON, POST_REVISIONS.CREATED_AT)
                .from(POST_REVISIONS).join(POSTS).on(POSTS.ID.eq(POST_REVISIONS.POST_ID))
                .where(POSTS.AUTHOR_ID.eq(memberId))
                .orderBy(POST_REVISIONS.POST_ID, POST_REVISIONS.REVISION)
                .forEach(r -> revisions.add(new JsonObject()
                        .put("postId", r.value1())
                        .put("revision", r.value2())
                        .put("previousMarkdown", r.value3())
                        .put("previousTitle", r.value4())
                        .put("reason", r.value5())
                        .put("editedAt", text(r.value6()))));
        JsonArray sessions = new JsonArray();
        sql.selectFrom(SESSIONS).where(SESSIONS.MEMBER_ID.eq(memberId)).orderBy(SESSIONS.ID).forEach(row -> {
            JsonObject session = columns(row, Set.of("member_id"));
            session.put("device", Devices.describe(row.get(SESSIONS.USER_AGENT)));
            sessions.add(session);
        });
        JsonArray apiKeys = new JsonArray();
        sql.selectFrom(API_KEYS).where(API_KEYS.MEMBER_ID.eq(memberId)).orderBy(API_KEYS.ID)
                .forEach(row -> apiKeys.add(columns(row, Set.of("member_id"))));
        JsonArray fields = new JsonArray();
        sql.select(PROFILE_FIELDS.LABEL, PROFILE_FIELD_VALUES.FIELD_VALUE, PROFILE_FIELD_VALUES.UPDATED_AT)
                .from(PROFILE_FIELD_VALUES).join(PROFILE_FIELDS).on(PROFILE_FIELDS.ID.eq(PROFILE_FIELD_VALUES.FIELD_ID))
                .where(PROFILE_FIELD_VALUES.MEMBER_ID.eq(memberId))
                .orderBy(PROFILE_FIELDS.POSITION, PROFILE_FIELDS.ID)
                .forEach(r -> fields.add(new JsonObject()
                        .put("label", r.value1())
                        .put("value", r.value2())
                        .put("updatedAt", text(r.value3()))));
        JsonObject emailPreferences = new JsonObject();
        sql.select(MEMBER_EMAIL_PREFERENCES.KIND, MEMBER_EMAIL_PREFERENCES.FREQUENCY).from(MEMBER_EMAIL_PREFERENCES)
                .where(MEMBER_EMAIL_PREFERENCES.MEMBER_ID.eq(memberId))
                .orderBy(MEMBER_EMAIL_PREFERENCES.KIND)
                .forEach(r -> emailPreferences.put(r.value1(), r.value2()));
        JsonArray ignoring = new JsonArray();
        sql.select(MEMBERS.USERNAME, MEMBER_IGNORES.CREATED_AT).from(MEMBER_IGNORES)
                .join(MEMBERS).on(MEMBERS.ID.eq(MEMBER_IGNORES.IGNORED_ID))
                .where(MEMBER_IGNORES.MEMBER_ID.eq(memberId))
                .orderBy(MEMBER_IGNORES.CREATED_AT)
                .forEach(r -> ignoring.add(new JsonObject().put("username", r.value1()).put("since", text(r.value2()))));
        JsonArray logins = new JsonArray();
        sql.select(LOGIN_ATTEMPTS.ATTEMPTED_AT, LOGIN_ATTEMPTS.IP, LOGIN_ATTEMPTS.SUCCEEDED).from(LOGIN_ATTEMPTS)
                .where(LOGIN_ATTEMPTS.ACCOUNT_KEY.eq("member:" + memberId))
                .orderBy(LOGIN_ATTEMPTS.ID)
                .forEach(r -> logins.add(new JsonObject()
                        .put("attemptedAt", text(r.value1()))
                        .put("ip", r.value2())
                        .put("succeeded", r.value3())));
        return new JsonObject()
                .put("format", "hearth-member-data")
                .put("formatVersion", FORMAT_VERSION)
                .put("exportedAt", text(clock.instant()))
                .put("profile", columns(member, Set.of()))
                .put("profileFields", fields)
                .put("emailPreferences", emailPreferences)
                .put("ignoring", ignoring)
                .put("topics", topics)
                .put("posts", posts)
                .put("postRevisions", revisions)
                .put("sessions", sessions)
                .put("loginAttempts", logins)
                .put("apiKeys", apiKeys)
                // Filled by the events and notifications features once they store anything about a member.
                .put("rsvps", new JsonArray())
                .put("notifications", new JsonArray());
    }

    /** Every column of the row but secrets and {@code omit}, named in camelCase; times as ISO-8601 UTC. */
    private static JsonObject columns(Record row, Set<String> omit) {
        JsonObject json = new JsonObject();
        for (Field<?> field : row.fields()) {
            String column = field.getName().toLowerCase(Locale.ROOT);
            if (secret(column) || omit.contains(column)) {
                continue;
            }
            Object value = row.get(field);
            json.put(camelCase(column), value instanceof Instant instant ? text(instant)
                    : value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                    ? value : value.toString());
        }
        return json;
    }

    static String camelCase(String column) {
        StringBuilder out = new StringBuilder(column.length());
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
