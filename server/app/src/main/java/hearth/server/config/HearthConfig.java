package hearth.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** The validated start-up configuration. Build it with {@link ConfigLoader}. */
public record HearthConfig(
        int port,
        String host,
        Path dataDir,
        URI baseUrl,
        Db db,
        Smtp smtp,
        String theme,
        boolean demo,
        Duration shutdownTimeout,
        boolean safeMode,
        boolean importPrivateAddresses,
        Backups backups,
        String metricsToken,
        String trustedProxies) {

    /** Scheduled backups: every {@code every} (zero: none), keeping the newest {@code keep}. */
    public record Backups(Duration every, int keep) {
    }

    /** Database connection settings; {@code url} is always a complete JDBC URL (H2 or MariaDB). */
    public record Db(String url, String user, String password, int poolSize) {

        public boolean isMariaDb() {
            return url.startsWith("jdbc:mariadb:");
        }

        @Override
        public String toString() {
            return "Db[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
        }
    }

    /** Outgoing mail; with an empty host nothing is sent and mail waits in the outbox for admins to read. */
    public record Smtp(String host, int port, String user, String password, String from, String security) {

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", user=" + user + ", from=" + from + ", security="
                    + security + "]";
        }
    }
}
