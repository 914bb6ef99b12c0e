package hearth.server.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.h2.tools.Server;

/**
 * A fresh, empty database for one test: an H2 file database by default, or a new MariaDB database on
 * 127.0.0.1:3306 when {@code HEARTH_TEST_DB=mariadb} (dropped again on close). Never silently falls back.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String MARIADB_ADMIN_URL = "jdbc:mariadb://127.0.0.1:3306/";

    private final String url;
    private final String name;
    private final Server h2Server;
    private final int port;

    private TestDatabase(String url, String name, Server h2Server, int port) {
        this.url = url;
        this.name = name;
        this.h2Server = h2Server;
        this.port = port;
    }

    public static boolean onMariaDb() {
        String choice = System.getenv().getOrDefault("HEARTH_TEST_DB", System.getProperty("hearth.test.db", "h2"));
        return switch (choice.toLowerCase()) {
            case "mariadb" -> true;
            case "h2", "" -> false;
            default -> throw new IllegalStateException("HEARTH_TEST_DB must be h2 or mariadb, not " + choice);
        };
    }

    /** A fresh database; {@code dir} holds H2's files. */
    public static TestDatabase fresh(Path dir) {
        return onMariaDb() ? mariadb() : h2(dir);
    }

    /** A fresh H2 file database in {@code dir}, whichever database the run is for (e.g. to move it to MariaDB). */
    public static TestDatabase h2(Path dir) {
        return new TestDatabase("jdbc:h2:file:" + dir.resolve("db/hearth"), null, null, -1);
    }

    /** A fresh database reached over TCP, so a {@link TcpProxy} can stand between it and the server. */
    public static TestDatabase networked(Path dir) {
        if (onMariaDb()) {
            return mariadb();
        }
        try {
            Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
            return new TestDatabase("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/hearth", null, server,
                    server.getPort());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestDatabase mariadb() {
        String name = "hearth_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (Connection c = DriverManager.getConnection(MARIADB_ADMIN_URL, "root", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("HEARTH_TEST_DB=mariadb but MariaDB at 127.0.0.1:3306 is not usable: "
                    + e.getMessage(), e);
        }
        return new TestDatabase(MARIADB_ADMIN_URL + name, name, null, 3306);
    }

    public String url() {
        return url;
    }

    public String user() {
        return name != null ? "root" : "";
    }

    /** The port the database listens on (networked databases only). */
    public int port() {
        return port;
    }

    /** The same database reached through another local port, e.g. a proxy's. */
    public String urlVia(int viaPort) {
        return url.replace("127.0.0.1:" + port + "/", "127.0.0.1:" + viaPort + "/");
    }

    /** Server flags that point Hearth at this database. */
    public List<String> flags() {
        return List.of("--db-url", url, "--db-user", user());
    }

    /** The URL with the options the server adds, for tests that connect directly. */
    public String directUrl() {
        return name != null ? url : url + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(directUrl(), user(), "");
    }

    @Override
    public void close() {
        if (h2Server != null) {
            h2Server.stop();
        }
        if (name != null) {
            try (Connection c = DriverManager.getConnection(MARIADB_ADMIN_URL, "root", "");
                 Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not drop test database " + name, e);
            }
        }
    }
}
