package hearth.server.messages;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.WelcomeMessage.WELCOME_MESSAGE;
import static hearth.server.db.schema.tables.WelcomesSent.WELCOMES_SENT;

import hearth.api.errors.InvalidInput;
import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import hearth.api.events.MemberJoined;
import hearth.server.db.Database;
import hearth.server.discussions.PostRules;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The welcome message: a private conversation sent to each new member when {@link MemberJoined} reaches this journal
 * listener, exactly once per member (the {@code welcomes_sent} row is claimed first, in the same transaction as the
 * conversation), from the designated sender or else the first admin. Admins edit it, or turn it off, at
 * {@code /admin/messages}.
 */
public final class WelcomeMessages implements EventListener {

    /** The listener's cursor id in the journal. */
    public static final String ID = "core.messages.welcome";
    static final String DEFAULT_TITLE = "Welcome to the community!";
    static final String DEFAULT_BODY = """
            Hello and welcome! We are glad you joined.

            A few tips to get started:

            - Say hello and tell us a little about yourself in one of the categories.
            - Read a few recent topics on the [latest](/latest) list to get a feel for the place.
            - Fill in your profile and pick your time zone in your preferences.

            If you have a question, just reply to this message.""";

    /** The welcome message as stored (or the defaults). {@code sender} is a username, or empty for the first admin. */
    public record Welcome(boolean enabled, String title, String body, String sender) {
    }

    private final Database db;
    private final Conversations conversations;
    private final PostRules rules;
    private final Clock clock;

    public WelcomeMessages(Database db, Conversations conversations, PostRules rules, Clock clock) {
        this.db = db;
        this.conversations = conversations;
        this.rules = rules;
        this.clock = clock;
    }

    public Welcome current(DSLContext sql) {
        return sql.selectFrom(WELCOME_MESSAGE).where(WELCOME_MESSAGE.ID.eq(1)).fetchOptional()
                .map(r -> new Welcome(r.getEnabled(), r.getTitle(), r.getBodyMarkdown(), r.getSender()))
                .orElse(new Welcome(true, DEFAULT_TITLE, DEFAULT_BODY, ""));
    }

    /** Checks and stores a new welcome message; errors name the fields {@code title}, {@code body}, {@code sender}. */
    public Future<Welcome> save(boolean enabled, String rawTitle, String rawBody, String rawSender) {
        return db.write(tx -> {
            Map<String, String> errors = new LinkedHashMap<>();
            String title = check(errors, () -> rules.title(rawTitle));
            String body = check(errors, () -> rules.body(rawBody));
            String sender = rawSender == null ? "" : rawSender.strip().replaceFirst("^@", "");
            if (!sender.isEmpty() && sender(tx.sql(), sender).isEmpty()) {
                errors.put("sender", "There is no moderator or admin called " + sender + ".");
            }
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
            int updated = tx.sql().update(WELCOME_MESSAGE)
                    .set(WELCOME_MESSAGE.ENABLED, enabled).set(WELCOME_MESSAGE.TITLE, title)
                    .set(WELCOME_MESSAGE.BODY_MARKDOWN, body).set(WELCOME_MESSAGE.SENDER, sender)
                    .set(WELCOME_MESSAGE.UPDATED_AT, clock.instant())
                    .where(WELCOME_MESSAGE.ID.eq(1)).execute();
            if (updated == 0) {
                tx.sql().insertInto(WELCOME_MESSAGE)
                        .set(WELCOME_MESSAGE.ID, 1).set(WELCOME_MESSAGE.ENABLED, enabled)
                        .set(WELCOME_MESSAGE.TITLE, title).set(WELCOME_MESSAGE.BODY_MARKDOWN, body)
                        .set(WELCOME_MESSAGE.SENDER, sender).set(WELCOME_MESSAGE.UPDATED_AT, clock.instant())
                        .execute();
            }
            return new Welcome(enabled, title, body, sender);
        });
    }

    @Override
    public void on(JournalEntry entry) {
        if (!(entry.event() instanceof MemberJoined joined)) {
            return;
        }
        db.transaction(tx -> {
            Welcome welcome = current(tx.sql());
            if (!welcome.enabled()) {
                return null;
            }
            // Claim first: a replayed entry, or another node, finds the row and sends nothing.
            int claimed = tx.sql().insertInto(WELCOMES_SENT, WELCOMES_SENT.MEMBER_ID, WELCOMES_SENT.SENT_AT)
                    .select(DSL.select(DSL.val(joined.memberId(), WELCOMES_SENT.MEMBER_ID),
                                    DSL.val(clock.instant(), WELCOMES_SENT.SENT_AT))
                            .whereNotExists(DSL.selectOne().from(WELCOMES_SENT)
                                    .where(WELCOMES_SENT.MEMBER_ID.eq(joined.memberId()))))
                    .execute();
            boolean present = tx.sql().fetchExists(MEMBERS, MEMBERS.ID.eq(joined.memberId()),
                    MEMBERS.DELETED_AT.isNull());
            Optional<Long> sender = welcome.sender().isEmpty() ? Optional.empty() : sender(tx.sql(), welcome.sender());
            sender = sender.or(() -> firstAdmin(tx.sql()));
            // The site's first member is its first admin: nobody is there yet to welcome them.
            if (claimed == 1 && present && sender.isPresent() && sender.get() != joined.memberId()) {
                long topicId = conversations.send(tx, sender.get(), joined.memberId(), welcome.title(),
                        welcome.body()).topicId();
                tx.sql().update(WELCOMES_SENT).set(WELCOMES_SENT.TOPIC_ID, topicId)
                        .where(WELCOMES_SENT.MEMBER_ID.eq(joined.memberId())).execute();
            }
            return null;
        });
    }

    /** Whether the conversation is a welcome message (it raises no notification: the member just arrived). */
    static boolean isWelcome(DSLContext sql, long topicId) {
        return sql.fetchExists(WELCOMES_SENT, WELCOMES_SENT.TOPIC_ID.eq(topicId));
    }

    private static Optional<Long> sender(DSLContext sql, String username) {
        return sql.select(MEMBERS.ID).from(MEMBERS)
                .where(MEMBERS.USERNAME_KEY.eq(username.toLowerCase(Locale.ROOT)), MEMBERS.DELETED_AT.isNull(),
                        MEMBERS.ROLE.in("admin", "moderator"))
                .fetchOptional(MEMBERS.ID);
    }

    private static Optional<Long> firstAdmin(DSLContext sql) {
        return sql.select(MEMBERS.ID).from(MEMBERS).where(MEMBERS.ROLE.eq("admin"), MEMBERS.DELETED_AT.isNull())
                .orderBy(MEMBERS.ID).limit(1).fetchOptional(MEMBERS.ID);
    }

    private static <T> T check(Map<String, String> errors, java.util.function.Supplier<T> rule) {
        try {
            return rule.get();
        } catch (InvalidInput invalid) {
            errors.putAll(invalid.errors());
            return null;
        }
    }
}
