package hearth.server.db;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hearth.server.config.HearthConfig;
import hearth.server.testing.TestDatabase;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxAfterCommitTest {

    @TempDir
    Path dir;
    TestDatabase testDb;
    Vertx vertx;
    Database db;

    @BeforeEach
    void open() {
        testDb = TestDatabase.fresh(dir);
        vertx = Vertx.vertx();
        db = Database.open(new HearthConfig.Db(testDb.directUrl(), testDb.user(), "", 4), vertx,
                new Journal(new EventCodec(), Clock.systemUTC()));
        new Migrations("schema_history", Migrations.fromClasspath(getClass().getClassLoader(), "db/migration"),
                db.dialect(), Clock.systemUTC()).apply(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
        vertx.close().await();
        testDb.close();
    }

    @Test
    void stepsRunAfterTheCommitInOrderAndSeeTheCommittedChange() {
        List<String> seen = new ArrayList<>();
        db.transaction(tx -> {
            insertMember(tx, "ada");
            tx.afterCommit(() -> seen.add("first: " + countFromAnotherConnection()));
            tx.afterCommit(() -> seen.add("second"));
            seen.add("inside");
            return null;
        });
        assertEquals(List.of("inside", "first: 1", "second"), seen);
    }

    @Test
    void stepsNeverRunAfterARollback() {
        List<String> seen = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> db.transaction(tx -> {
            insertMember(tx, "ada");
            tx.afterCommit(() -> seen.add("ran"));
            throw new IllegalStateException("rolled back");
        }));
        assertEquals(List.of(), seen);
        assertEquals(0, countFromAnotherConnection());
    }

    @Test
    void aFailingStepDoesNotFailTheCommittedTransactionNorStopTheNextStep() {
        List<String> seen = new ArrayList<>();
        String result = db.transaction(tx -> {
            insertMember(tx, "ada");
            tx.afterCommit(() -> {
                throw new IllegalStateException("wake-up failed");
            });
            tx.afterCommit(() -> seen.add("next"));
            return "done";
        });
        assertEquals("done", result);
        assertEquals(List.of("next"), seen);
        assertEquals(1, countFromAnotherConnection());
    }

    private static void insertMember(Tx tx, String name) {
        tx.sql().insertInto(MEMBERS)
                .set(MEMBERS.USERNAME, name)
                .set(MEMBERS.USERNAME_KEY, name)
                .set(MEMBERS.EMAIL, name + "@example.org")
                .set(MEMBERS.EMAIL_KEY, name + "@example.org")
                .set(MEMBERS.DISPLAY_NAME, name)
                .set(MEMBERS.CREATED_AT, Instant.now())
                .execute();
    }

    private int countFromAnotherConnection() {
        return db.query(sql -> sql.fetchCount(MEMBERS));
    }
}
