package hearth.server.messages;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Members for the messaging tests: signed up through the pages, confirmed, and aged or promoted in the database. */
final class Correspondents {

    private final TestSite site;

    Correspondents(TestSite site) {
        this.site = site;
    }

    /** A confirmed member who joined a month ago, logged in. */
    Browser member(String username) {
        Browser browser = Members.signUp(site, username);
        joinedHoursAgo(username, 30 * 24);
        return Members.logIn(site, username);
    }

    /** A confirmed admin who joined a month ago, logged in. */
    Browser admin(String username) {
        member(username);
        sql("UPDATE members SET role = 'admin' WHERE username_key = '" + key(username) + "'");
        return Members.logIn(site, username);
    }

    /** A confirmed member who joined just now, logged in. */
    Browser newcomer(String username) {
        Members.signUp(site, username);
        sql("UPDATE members SET email_verified_at = created_at WHERE username_key = '" + key(username) + "'");
        return Members.logIn(site, username);
    }

    /** Dates the member's sign-up (and confirmation) {@code hours} back. */
    void joinedHoursAgo(String username, long hours) {
        String at = LocalDateTime.ofInstant(Instant.now().minus(Duration.ofHours(hours)), ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        sql("UPDATE members SET created_at = '" + at + "', email_verified_at = '" + at + "' WHERE username_key = '"
                + key(username) + "'");
    }

    Browser logIn(String username) {
        return Members.logIn(site, username);
    }

    void sql(String statement) {
        try {
            Sql.execute(site.database(), statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    long number(String query) {
        try {
            return Sql.number(site.database(), query);
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
