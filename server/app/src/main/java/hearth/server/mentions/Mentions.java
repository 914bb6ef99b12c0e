package hearth.server.mentions;

import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.api.errors.InvalidInput;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Which mentioned usernames belong to members, and the cap on how many one post may mention. */
public final class Mentions {

    /** More than this many members in one post looks like a broadcast (or spam): the post is refused. */
    public static final int MAX_PER_POST = 10;

    private Mentions() {
    }

    /** The lower-cased usernames among {@code names} that belong to members (deleted accounts do not count). */
    public static Set<String> existing(DSLContext sql, Set<String> names) {
        return members(sql, names).keySet();
    }

    /** Lower-cased username to member id, for the {@code names} that belong to members. */
    public static Map<String, Long> members(DSLContext sql, Set<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        return sql.select(MEMBERS.USERNAME_KEY, MEMBERS.ID).from(MEMBERS)
                .where(MEMBERS.USERNAME_KEY.in(names), MEMBERS.DELETED_AT.isNull())
                .fetch().stream().collect(Collectors.toMap(r -> r.value1(), r -> r.value2()));
    }

    /** Refuses (on {@code body}) a post that mentions more than {@link #MAX_PER_POST} distinct members. */
    public static void requireWithinLimit(DSLContext sql, Set<String> mentioned) {
        // Cheap first: only a post naming more than the cap can be over it.
        if (mentioned.size() <= MAX_PER_POST) {
            return;
        }
        int members = existing(sql, mentioned).size();
        if (members > MAX_PER_POST) {
            throw new InvalidInput("body", "Please mention at most " + MAX_PER_POST + " members in one post (this "
                    + "mentions " + members + ").");
        }
    }
}
