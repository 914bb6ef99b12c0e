package hearth.server.config;

import hearth.server.web.ClientAddresses;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the configuration in layers, each overriding the one before: defaults, {@code hearth.yml} in the data dir,
 * {@code HEARTH_*} environment variables, command-line flags. Every value is validated here, so a wrong one stops
 * start-up with one line that names it.
 */
public final class ConfigLoader {

    public static final String CONFIG_FILE = "hearth.yml";
    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
    private static final Set<String> SMTP_SECURITY = Set.of("starttls", "tls", "none");
    // WRITE_DELAY=0: a commit reaches the file at once, so a killed process loses no committed change.
    private static final String H2_OPTIONS = ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

    private ConfigLoader() {
    }

    public static HearthConfig load(List<String> flags, Map<String, String> env) {
        Map<Setting, String> fromFlags = parseFlags(flags);
        Map<Setting, String> fromEnv = parseEnv(env);

        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            values.put(s, s.defaultValue());
        }
        // The data dir locates the config file, so it comes from the layers above the file only.
        String dataDirValue = fromFlags.getOrDefault(Setting.DATA_DIR,
                fromEnv.getOrDefault(Setting.DATA_DIR, Setting.DATA_DIR.defaultValue()));
        Path dataDir = dataDir(dataDirValue);
        values.putAll(readFile(dataDir.resolve(CONFIG_FILE)));
        values.putAll(fromEnv);
        values.putAll(fromFlags);
        return build(values, dataDir);
    }

    static Map<Setting, String> parseFlags(List<String> args) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new ConfigException("Unexpected argument '" + arg + "'; see --help");
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("no-demo") && inline == null) {
                values.put(Setting.DEMO, "false");
                continue;
            }
            Setting setting = Setting.byKey(name)
                    .orElseThrow(() -> new ConfigException("Unknown option '" + arg + "'; see --help"));
            boolean nextIsBoolean = i + 1 < args.size() && args.get(i + 1).matches("(?i)true|false|yes|no|on|off");
            if (setting.isSwitch() && inline == null && !nextIsBoolean) {
                values.put(setting, "true");
            } else if (inline != null) {
                values.put(setting, inline);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                values.put(setting, args.get(++i));
            } else {
                throw new ConfigException("Option " + setting.flag() + " needs a value; see --help");
            }
        }
        return values;
    }

    private static Map<Setting, String> parseEnv(Map<String, String> env) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        env.forEach((name, value) -> {
            if (!name.startsWith("HEARTH_")) {
                return;
            }
            Setting.byEnvVar(name).ifPresentOrElse(
                    s -> values.put(s, value),
                    () -> {
                        if (!name.startsWith("HEARTH_TEST_")) {
                            log.warn("Ignoring unknown environment variable {}", name);
                        }
                    });
        });
        return values;
    }

    private static Map<Setting, String> readFile(Path file) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        if (!Files.isRegularFile(file)) {
            return values;
        }
        Object root;
        try (Reader in = Files.newBufferedReader(file)) {
            root = new Yaml().load(in);
        } catch (IOException | YAMLException e) {
            throw new ConfigException("Cannot read " + file + ": " + firstLine(e.getMessage()));
        }
        if (root == null) {
            return values;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException(file + " must be a map of settings, e.g. 'port: 8080'");
        }
        flatten("", map, file, values);
        return values;
    }

    /** Accepts both {@code db-url: x} and {@code db: {url: x}}. */
    private static void flatten(String prefix, Map<?, ?> map, Path file, Map<Setting, String> values) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                flatten(key + "-", nested, file, values);
                continue;
            }
            Setting setting = Setting.byKey(key)
                    .orElseThrow(() -> new ConfigException(file + ": unknown setting '" + key + "'"));
            if (setting == Setting.DATA_DIR) {
                throw new ConfigException(file + ": data-dir cannot be set inside the data dir; use "
                        + Setting.DATA_DIR.flag() + " or " + Setting.DATA_DIR.envVar());
            }
            values.put(setting, e.getValue() == null ? "" : String.valueOf(e.getValue()));
        }
    }

    private static HearthConfig build(Map<Setting, String> v, Path dataDir) {
        int port = intIn(v, Setting.PORT, 0, 65535);
        String host = v.get(Setting.HOST).trim();
        if (host.isEmpty()) {
            throw new ConfigException(Setting.HOST, "host must not be empty");
        }
        URI baseUrl = baseUrl(v.get(Setting.BASE_URL), port);
        HearthConfig.Db db = new HearthConfig.Db(dbUrl(v.get(Setting.DB_URL), dataDir), v.get(Setting.DB_USER),
                v.get(Setting.DB_PASSWORD), intIn(v, Setting.DB_POOL_SIZE, 1, 200));
        String security = v.get(Setting.SMTP_SECURITY).toLowerCase(Locale.ROOT);
        if (!SMTP_SECURITY.contains(security)) {
            throw new ConfigException(Setting.SMTP_SECURITY,
                    "smtp-security is '" + security + "'; use starttls, tls or none");
        }
        String from = v.get(Setting.SMTP_FROM).isBlank() ? "noreply@" + baseUrl.getHost() : v.get(Setting.SMTP_FROM);
        HearthConfig.Smtp smtp = new HearthConfig.Smtp(v.get(Setting.SMTP_HOST).trim(),
                intIn(v, Setting.SMTP_PORT, 1, 65535), v.get(Setting.SMTP_USER), v.get(Setting.SMTP_PASSWORD), from,
                security);
        String theme = v.get(Setting.THEME).trim();
        if (!theme.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new ConfigException(Setting.THEME, "theme '" + theme + "' is not a theme name (a-z, 0-9, -)");
        }
        return new HearthConfig(port, host, dataDir, baseUrl, db, smtp, theme, bool(v, Setting.DEMO),
                Duration.ofSeconds(intIn(v, Setting.SHUTDOWN_TIMEOUT, 0, 3600)), bool(v, Setting.SAFE_MODE),
                bool(v, Setting.IMPORT_PRIVATE_ADDRESSES),
                new HearthConfig.Backups(Duration.ofHours(intIn(v, Setting.BACKUP_EVERY, 0, 24 * 365)),
                        intIn(v, Setting.BACKUP_KEEP, 1, 1000)),
                metricsToken(v.get(Setting.METRICS_TOKEN).trim()), trustedProxies(v.get(Setting.TRUSTED_PROXIES)));
    }

    private static Path dataDir(String value) {
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(Setting.DATA_DIR, "data-dir '" + value + "' is not a valid path");
        }
    }

    private static URI baseUrl(String value, int port) {
        if (value.isBlank()) {
            return URI.create("http://localhost" + (port == 80 || port == 0 ? "" : ":" + port));
        }
        String trimmed = value.trim().replaceAll("/+$", "");
        try {
            URI uri = new URI(trimmed);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(value, "not an http(s) address");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(Setting.BASE_URL,
                    "base-url '" + value + "' is not an http:// or https:// address like https://forum.example.org");
        }
    }

    private static String dbUrl(String value, Path dataDir) {
        String url = value.trim();
        if (url.isEmpty()) {
            return "jdbc:h2:file:" + dataDir.resolve("db").resolve("hearth") + H2_OPTIONS;
        }
        if (url.startsWith("jdbc:mariadb:")) {
            return url;
        }
        if (url.startsWith("jdbc:h2:")) {
            // Hearth's SQL needs H2's MariaDB mode; add the options the user left out.
            String upper = url.toUpperCase(Locale.ROOT);
            StringBuilder full = new StringBuilder(url);
            for (String option : H2_OPTIONS.substring(1).split(";")) {
                if (!upper.contains(";" + option.substring(0, option.indexOf('=') + 1))) {
                    full.append(';').append(option);
                }
            }
            return full.toString();
        }
        throw new ConfigException(Setting.DB_URL,
                "db-url '" + url + "' is not supported; use jdbc:mariadb://host:3306/database or jdbc:h2:file:path");
    }

    private static String metricsToken(String token) {
        if (!token.isEmpty() && token.length() < 16) {
            throw new ConfigException(Setting.METRICS_TOKEN, "metrics-token is too short to be a secret; use at least"
                    + " 16 characters (e.g. openssl rand -hex 24)");
        }
        return token;
    }

    private static String trustedProxies(String list) {
        try {
            ClientAddresses.trusting(list);
            return list.strip();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Setting.TRUSTED_PROXIES, "trusted-proxies: " + e.getMessage());
        }
    }

    private static int intIn(Map<Setting, String> v, Setting s, int min, int max) {
        String raw = v.get(s).trim();
        try {
            int n = Integer.parseInt(raw);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the allowed range
        }
        throw new ConfigException(s, s.key() + " is '" + raw + "'; it must be a whole number from " + min + " to " + max);
    }

    private static boolean bool(Map<Setting, String> v, Setting s) {
        return switch (v.get(s).trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(s, s.key() + " is '" + v.get(s) + "'; use true or false");
        };
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }
}
