package hearth.server.accounts;

import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.server.Hearth;
import hearth.server.config.HearthConfig;
import hearth.server.db.Database;
import hearth.api.errors.InvalidInput;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code hearth create-admin}: makes an administrator from the command line, for a new site or a locked-out one.
 * The same rules as the sign-up form apply; the email counts as verified, since the operator vouches for it.
 */
public final class CreateAdmin {

    private CreateAdmin() {
    }

    /** Creates the admin; throws {@link InvalidInput} naming what is wrong. */
    public static void run(HearthConfig config, String username, String email, String password) {
        Map<String, String> errors = new LinkedHashMap<>(SignUpRules.check(username, email, true));
        new PasswordPolicy().problem(password, username, email).ifPresent(m -> errors.put("password", m));
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String hash = new Passwords(Passwords.Argon2Params.OWASP, new SecureRandom()).hash(password.toCharArray());
        Clock clock = Clock.systemUTC();
        Vertx vertx = Vertx.vertx();
        try (Database db = Hearth.openDatabase(config, vertx, clock)) {
            Members members = new Members(clock);
            db.transaction(tx -> {
                if (members.usernameTaken(tx, username)) {
                    throw new InvalidInput("username", "A member named " + username + " already exists.");
                }
                if (members.emailTaken(tx, email)) {
                    throw new InvalidInput("email", "A member with the email " + email + " already exists.");
                }
                long id = members.register(tx, username, email, hash, Members.Role.ADMIN);
                tx.sql().update(MEMBERS).set(MEMBERS.EMAIL_VERIFIED_AT, clock.instant()).where(MEMBERS.ID.eq(id))
                        .execute();
                return id;
            });
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
