package hearth.server.plugins;

import hearth.server.Hearth;
import hearth.server.config.ConfigLoader;
import hearth.server.db.Database;
import hearth.server.testing.TestDatabase;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fresh test database (H2 or MariaDB) with the core schema, opened as the server opens it (same event codec,
 * migrations applied); {@link #another} opens it again the way a second node would, with a pool of its own.
 */
final class MigratedDatabase implements AutoCloseable {

    private final Path dir;
    private final TestDatabase testDb;
    private final Vertx vertx = Vertx.vertx();
    private final List<Database> opened = new ArrayList<>();
    final Database db;

    MigratedDatabase(Path dir) {
        this.dir = dir;
        this.testDb = TestDatabase.fresh(dir);
        this.db = another();
    }

    Database another() {
        List<String> flags = new ArrayList<>(List.of("--data-dir", dir.resolve("node" + opened.size()).toString()));
        flags.addAll(testDb.flags());
        Database database = Hearth.openDatabase(ConfigLoader.load(flags, Map.of()), vertx, Clock.systemUTC());
        opened.add(database);
        return database;
    }

    TestDatabase testDatabase() {
        return testDb;
    }

    Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() {
        opened.forEach(Database::close);
        vertx.close().await();
        testDb.close();
    }
}
