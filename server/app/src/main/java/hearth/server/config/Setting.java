package hearth.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every start-up setting, in one place: its key in {@code hearth.yml}, its {@code HEARTH_*} environment variable,
 * its command-line flag, its default and what it is for. {@code --help} and the README table are written from this.
 */
public enum Setting {
    PORT("port", "8080", "HTTP port to listen on (0 picks a free one)"),
    HOST("host", "0.0.0.0", "Address to listen on"),
    DATA_DIR("data-dir", "./data", "Directory for hearth.yml, the H2 database, installed themes and caches"),
    BASE_URL("base-url", "", "Public address of the site, used in links and emails (default http://localhost:<port>)"),
    DB_URL("db-url", "", "JDBC URL, e.g. jdbc:mariadb://127.0.0.1:3306/hearth (default: H2 file database in <data-dir>/db)"),
    DB_USER("db-user", "", "Database user"),
    DB_PASSWORD("db-password", "", "Database password"),
    DB_POOL_SIZE("db-pool-size", "10", "Database connections to keep (1-200); also the number of database worker threads"),
    SMTP_HOST("smtp-host", "", "SMTP server for outgoing mail (verification, password resets, notifications)"),
    SMTP_PORT("smtp-port", "587", "SMTP port"),
    SMTP_USER("smtp-user", "", "SMTP user name"),
    SMTP_PASSWORD("smtp-password", "", "SMTP password"),
    SMTP_FROM("smtp-from", "", "Sender address of outgoing mail (default noreply@<base-url host>)"),
    SMTP_SECURITY("smtp-security", "starttls", "SMTP transport security: starttls, tls or none"),
    THEME("theme", "default", "Theme until an admin chooses one under /admin/appearance: a folder in <data-dir>/themes or a bundled theme"),
    DEMO("demo", "true", "Seed a demo community on the first start of an empty site (--no-demo to skip)"),
    SHUTDOWN_TIMEOUT("shutdown-timeout", "10", "Seconds that in-flight requests get to finish when the server stops"),
    SAFE_MODE("safe-mode", "false", "Start with every plugin off (to recover from a plugin that breaks the site)"),
    IMPORT_PRIVATE_ADDRESSES("import-private-addresses", "false",
            "Let admins import calendars from private and loopback addresses (closed networks and tests)"),
    BACKUP_EVERY("backup-every", "0", "Hours between scheduled backups into <data-dir>/backups (0: no scheduled backups)"),
    BACKUP_KEEP("backup-keep", "7", "How many scheduled backups to keep; older ones are deleted"),
    METRICS_TOKEN("metrics-token", "", "Bearer token that GET /metrics (Prometheus) requires; empty turns the endpoint off"),
    TRUSTED_PROXIES("trusted-proxies", "",
            "Reverse proxies whose X-Forwarded-For names the client: addresses or ranges, e.g. 127.0.0.1,172.16.0.0/12");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The name in {@code hearth.yml}, e.g. {@code db-url}. */
    public String key() {
        return key;
    }

    /** The command-line flag, e.g. {@code --db-url}. */
    public String flag() {
        return "--" + key;
    }

    /** The environment variable, e.g. {@code HEARTH_DB_URL}. */
    public String envVar() {
        return "HEARTH_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    boolean isSwitch() {
        return this == DEMO || this == SAFE_MODE || this == IMPORT_PRIVATE_ADDRESSES;
    }

    static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    static Optional<Setting> byEnvVar(String name) {
        return Arrays.stream(values()).filter(s -> s.envVar().equals(name)).findFirst();
    }
}
