package hearth.server.testing;

import hearth.server.Hearth;
import hearth.server.accounts.MemberAdmin;
import hearth.server.accounts.Members;
import hearth.server.accounts.Sessions;
import hearth.server.accounts.Tokens;
import hearth.server.config.ConfigLoader;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.server.discussions.Discussions;
import hearth.server.discussions.Markdown;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The core services on a test site's database, opened beside the running server in this JVM the way a second node
 * would open them (with the production event codec and its own session cache). For arranging what no route does yet
 * (writing topics and posts) and for calling services that only in-process callers use (setting a member's
 * standing, which the moderation plugin will do).
 */
public final class SecondNode implements AutoCloseable {

    private final Vertx vertx;
    private final Database db;
    private final Clock clock = Clock.systemUTC();

    private SecondNode(Vertx vertx, Database db) {
        this.vertx = vertx;
        this.db = db;
    }

    /** Opens the database (bringing its schema up to date, as the server does). */
    public static SecondNode on(TestDatabase database, Path dataDir) {
        List<String> flags = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        flags.addAll(database.flags());
        Vertx vertx = Vertx.vertx();
        try {
            return new SecondNode(vertx, Hearth.openDatabase(ConfigLoader.load(flags, java.util.Map.of()), vertx,
                    Clock.systemUTC()));
        } catch (RuntimeException e) {
            vertx.close().await();
            throw e;
        }
    }

    public <T> T transaction(Function<Tx, T> work) {
        return db.transaction(work);
    }

    public Members members() {
        return new Members(clock);
    }

    public Discussions discussions() {
        return new Discussions(clock, new Markdown());
    }

    public MemberAdmin memberAdmin() {
        return new MemberAdmin(db, members(), new Sessions(db, clock, new Tokens(new SecureRandom())), clock);
    }

    @Override
    public void close() {
        db.close();
        vertx.close().await();
    }
}
