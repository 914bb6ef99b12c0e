package hearth.server.discussions;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.util.Locale;

/** Members who sign up, confirm their address and log in through the pages, and rows read or written directly. */
final class Forum {

    static final String PASSWORD = Members.PASSWORD;

    private final TestSite site;

    Forum(TestSite site) {
        this.site = site;
    }

    /** A member who may post, logged in; joined long ago unless {@code newcomer}. */
    Browser member(String username, boolean newcomer) {
        return Members.member(site, username, newcomer);
    }

    Browser logIn(String username) {
        return Members.logIn(site, username);
    }

    long id(String username) {
        return number("SELECT id FROM members WHERE username_key = ?", username.toLowerCase(Locale.ROOT));
    }

    void execute(String sql, Object... params) {
        Sql.change(site.database(), sql, params);
    }

    long number(String sql, Object... params) {
        String value = text(sql, params);
        return value == null ? 0 : Long.parseLong(value);
    }

    String text(String sql, Object... params) {
        return Sql.value(site.database(), sql, params);
    }
}
