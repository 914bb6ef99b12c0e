package hearth.server.accounts;

import hearth.server.Hearth;
import hearth.server.config.HearthConfig;
import hearth.server.db.Database;
import hearth.api.errors.InvalidInput;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * {@code hearth api-key}: makes an API key from the command line, for provisioning scripts and for a site whose
 * admins cannot log in. The same rules as the admin page apply; the key is recorded as made on the command line.
 */
public final class CreateApiKey {

    private CreateApiKey() {
    }

    /** Creates the key and returns it (the only time it can be seen); throws {@link InvalidInput} naming the flag. */
    public static String run(HearthConfig config, String username, ApiKeyScope scope, String name) {
        Clock clock = Clock.systemUTC();
        Vertx vertx = Vertx.vertx();
        try (Database db = Hearth.openDatabase(config, vertx, clock)) {
            ApiKeys apiKeys = new ApiKeys(db, clock, new Tokens(new SecureRandom()));
            return db.transaction(tx -> apiKeys.create(tx, name, username, scope, null)).key();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
