package hearth.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import hearth.server.config.ConfigException;
import hearth.server.config.HearthConfig;
import hearth.server.config.Setting;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, jOOQ and the worker threads that run JDBC. Request handlers use {@link #read} and
 * {@link #write}, which run on the database workers and answer with a {@link Future}; code that is already off the
 * event loop (start-up, listeners, commands) uses the blocking {@link #query} and {@link #transaction}.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private final HikariDataSource pool;
    private final DSLContext sql;
    private final SQLDialect dialect;
    private final WorkerExecutor workers;
    private final Journal journal;

    private Database(HikariDataSource pool, SQLDialect dialect, WorkerExecutor workers, Journal journal) {
        this.pool = pool;
        this.dialect = dialect;
        this.sql = DSL.using(pool, dialect, new Settings().withExecuteLogging(false));
        this.workers = workers;
        this.journal = journal;
    }

    /** Connects and checks the database; an unreachable or unsuitable one stops start-up with a {@link ConfigException}. */
    public static Database open(HearthConfig.Db db, Vertx vertx, Journal journal) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("hearth-db");
        hikari.setJdbcUrl(db.url());
        hikari.setUsername(db.user());
        hikari.setPassword(db.password());
        hikari.setMaximumPoolSize(db.poolSize());
        hikari.setMinimumIdle(Math.min(2, db.poolSize()));
        hikari.setConnectionTimeout(5_000);
        hikari.setValidationTimeout(2_000);
        hikari.setInitializationFailTimeout(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            throw new ConfigException(Setting.DB_URL, "Cannot connect to the database at " + redact(db.url()) + ": "
                    + rootMessage(e));
        } catch (RuntimeException e) {
            throw new ConfigException(Setting.DB_URL, "Cannot use the database at " + redact(db.url()) + ": "
                    + rootMessage(e));
        }
        SQLDialect dialect = db.isMariaDb() ? SQLDialect.MARIADB : SQLDialect.H2;
        if (dialect == SQLDialect.MARIADB) {
            requireUtf8mb4(pool);
        }
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("hearth-db", db.poolSize());
        return new Database(pool, dialect, workers, journal);
    }

    private static void requireUtf8mb4(HikariDataSource pool) {
        String charset = DSL.using(pool, SQLDialect.MARIADB)
                .resultQuery("SELECT @@character_set_database").fetchOne(0, String.class);
        if (charset == null || !charset.startsWith("utf8mb4")) {
            pool.close();
            throw new ConfigException(Setting.DB_URL, "The MariaDB database uses character set " + charset
                    + "; Hearth needs utf8mb4 (ALTER DATABASE <name> CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci)");
        }
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /** The pool's figures now: connections in use, idle, open, the most allowed, and threads waiting for one. */
    public record PoolUsage(int active, int idle, int total, int max, int waiting) {
    }

    public PoolUsage poolUsage() {
        var bean = pool.getHikariPoolMXBean();
        return new PoolUsage(bean.getActiveConnections(), bean.getIdleConnections(), bean.getTotalConnections(),
                pool.getMaximumPoolSize(), bean.getThreadsAwaitingConnection());
    }

    public DataSource dataSource() {
        return pool;
    }

    public Journal journal() {
        return journal;
    }

    /** Runs a read on a database worker; never call JDBC from an event loop directly. */
    public <T> Future<T> read(Function<DSLContext, T> work) {
        return workers.executeBlocking(() -> query(work), false);
    }

    /** Runs one transaction on a database worker. */
    public <T> Future<T> write(Function<Tx, T> work) {
        return workers.executeBlocking(() -> transaction(work), false);
    }

    /** Blocking read, for code that is already off the event loop. */
    public <T> T query(Function<DSLContext, T> work) {
        requireOffEventLoop();
        return work.apply(sql);
    }

    /**
     * Blocking transaction, for code that is already off the event loop. Events recorded on the {@link Tx} are
     * journaled inside it; listeners are woken only after the commit, never after a rollback, and so are the
     * {@link Tx#afterCommit} steps.
     */
    public <T> T transaction(Function<Tx, T> work) {
        requireOffEventLoop();
        Tx[] committed = {null};
        T result = sql.transactionResult(cfg -> {
            Tx tx = new Tx(cfg.dsl());
            Tx outer = Tx.OPEN.get();
            Tx.OPEN.set(tx);
            try {
                T value = work.apply(tx);
                journal.append(cfg.dsl(), tx.events());
                committed[0] = tx;
                return value;
            } finally {
                if (outer == null) {
                    Tx.OPEN.remove();
                } else {
                    Tx.OPEN.set(outer);
                }
            }
        });
        if (!committed[0].events().isEmpty()) {
            journal.signal().committed();
        }
        for (Runnable step : committed[0].afterCommitSteps()) {
            try {
                step.run();
            } catch (RuntimeException e) {
                log.warn("A step after a committed transaction failed; the change itself is saved", e);
            }
        }
        return result;
    }

    @Override
    public void close() {
        workers.close();
        pool.close();
    }

    private static void requireOffEventLoop() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("Blocking database call on an event loop; use Database.read/write");
        }
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // H2 appends the statement on the following lines; the first line says what went wrong.
        return message.lines().findFirst().orElse(message).replaceFirst("; SQL statement:$", "");
    }
}
