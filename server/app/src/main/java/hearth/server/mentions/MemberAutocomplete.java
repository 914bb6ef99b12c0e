package hearth.server.mentions;

import static hearth.server.db.schema.tables.Members.MEMBERS;

import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Members whose username or display name starts with what was typed after "@", for the composers. A display name
 * is matched and shown only when the member's profile is not hidden (or the one asking is staff), as in the
 * directory; usernames are public anyway, since posts show them.
 */
public final class MemberAutocomplete {

    /** How many suggestions one answer holds. */
    public static final int LIMIT = 8;
    static final int MAX_PREFIX = 20;

    /** One suggestion; {@code displayName} is null when the member's profile is hidden from the asker. */
    public record Suggestion(long id, String username, String displayName) {
    }

    public List<Suggestion> suggest(DSLContext sql, String typed, boolean staff) {
        String prefix = typed == null ? "" : typed.strip();
        if (prefix.startsWith("@")) {
            prefix = prefix.substring(1);
        }
        if (prefix.isEmpty() || prefix.length() > MAX_PREFIX) {
            return List.of();
        }
        String pattern = prefix.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_")
                + "%";
        Condition shown = staff ? DSL.trueCondition() : MEMBERS.PROFILE_HIDDEN.isFalse();
        Condition byUsername = MEMBERS.USERNAME_KEY.like(pattern, '!');
        return sql.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.DISPLAY_NAME, DSL.field(shown))
                .from(MEMBERS)
                .where(MEMBERS.DELETED_AT.isNull(),
                        byUsername.or(shown.and(DSL.lower(MEMBERS.DISPLAY_NAME).like(pattern, '!'))))
                // Username matches first: that is what the person is most likely typing.
                .orderBy(DSL.when(byUsername, DSL.inline(0)).otherwise(DSL.inline(1)), MEMBERS.USERNAME_KEY)
                .limit(LIMIT)
                .fetch(r -> new Suggestion(r.value1(), r.value2(),
                        Boolean.TRUE.equals(r.value4()) ? r.value3() : null));
    }
}
