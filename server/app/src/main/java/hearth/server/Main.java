package hearth.server;

import hearth.server.accounts.ApiKeyScope;
import hearth.server.accounts.CreateAdmin;
import hearth.server.accounts.CreateApiKey;
import hearth.server.backup.BackupCommand;
import hearth.server.backup.Restore;
import hearth.server.config.ConfigException;
import hearth.server.config.ConfigLoader;
import hearth.server.config.HearthConfig;
import hearth.server.config.Setting;
import hearth.server.db.MigrationFailed;
import hearth.server.plugins.Contribution;
import hearth.server.plugins.Owned;
import hearth.api.errors.InvalidInput;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** The command line: {@code java -jar hearth.jar [serve] [options]}. */
public final class Main {

    private Main() {
    }

    /** What {@link #run} answers when the server is up: the process lives on until it is stopped. */
    static final int KEEP_RUNNING = -1;

    public static void main(String[] args) {
        int status = run(List.of(args), System.getenv(), System.out, System.err);
        if (status != KEEP_RUNNING) {
            System.exit(status);
        }
    }

    /** Runs a command; returns the process exit status, or {@link #KEEP_RUNNING} for a started server. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(usage());
            return 0;
        }
        if (args.contains("--version")) {
            out.println("Hearth " + Version.current());
            return 0;
        }
        boolean named = !args.isEmpty() && !args.getFirst().startsWith("-");
        String command = named ? args.getFirst() : "serve";
        List<String> flags = new ArrayList<>(named ? args.subList(1, args.size()) : args);
        try {
            return switch (command) {
                case "serve" -> serve(ConfigLoader.load(flags, env), out);
                case "create-admin" -> createAdmin(flags, env, out);
                case "api-key" -> apiKey(flags, env, out);
                case "backup" -> backup(flags, env, out);
                case "restore" -> restore(flags, env, out);
                default -> pluginCommand(command, flags, env, out, err);
            };
        } catch (ConfigException e) {
            err.println("hearth: " + e.getMessage());
            return 2;
        } catch (InvalidInput e) {
            e.errors().forEach((field, message) -> err.println("hearth: --" + field + ": " + message));
            return 2;
        } catch (MigrationFailed e) {
            err.println("hearth: " + e.getMessage());
            return 3;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Main.class).error("{} failed", command, e);
            err.println("hearth: " + command + " failed: " + e + " (details in the log above)");
            return 1;
        }
    }

    private static int serve(HearthConfig config, PrintStream out) {
        Hearth hearth = Hearth.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hearth.stop();
            LoggerFactory.getLogger(Main.class).info("Hearth stopped");
            stopLogging();
        }, "hearth-shutdown"));
        out.println(banner(hearth, config));
        return KEEP_RUNNING;
    }

    private static int createAdmin(List<String> flags, Map<String, String> env, PrintStream out) {
        Map<String, String> own = CommandOptions.take(flags, "username", "email", "password");
        String username = CommandOptions.required(own, "username");
        String email = CommandOptions.required(own, "email");
        String password = own.containsKey("password") ? own.get("password") : CommandOptions.readSecret("Password: ");
        CreateAdmin.run(ConfigLoader.load(flags, env), username, email, password);
        out.println("Created admin " + username + ". Log in at the site with that username or email.");
        return 0;
    }

    /** Prints the new key alone on stdout, for scripts to capture; logging moves to stderr. */
    private static int apiKey(List<String> flags, Map<String, String> env, PrintStream out) {
        logToStandardError();
        Map<String, String> own = CommandOptions.take(flags, "user", "scope", "name");
        String user = CommandOptions.required(own, "user");
        ApiKeyScope scope = ApiKeyScope.parse(own.getOrDefault("scope", "read"));
        String name = own.getOrDefault("name", "Command line key");
        out.println(CreateApiKey.run(ConfigLoader.load(flags, env), user, scope, name));
        return 0;
    }

    private static int backup(List<String> flags, Map<String, String> env, PrintStream out) {
        Map<String, String> own = CommandOptions.take(flags, "out");
        Path archive = Path.of(CommandOptions.required(own, "out"));
        out.println(BackupCommand.run(ConfigLoader.load(flags, env), archive, Clock.systemUTC()));
        return 0;
    }

    private static int restore(List<String> flags, Map<String, String> env, PrintStream out) {
        Map<String, String> own = CommandOptions.take(flags, "from");
        Path archive = Path.of(CommandOptions.required(own, "from"));
        new Restore(ConfigLoader.load(flags, env), Clock.systemUTC(), out).from(archive);
        out.println("Start the site as usual; a newer Hearth migrates the restored database at its start.");
        return 0;
    }

    /**
     * A command a plugin declared ({@code reindex}, say): the site starts as usual but on a free port, the running
     * plugin that declares the command runs it with its class loader as the context class loader, and the site stops.
     */
    private static int pluginCommand(String command, List<String> flags, Map<String, String> env, PrintStream out,
                                     PrintStream err) {
        if (!command.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            err.println("hearth: unknown command '" + command + "'; see --help");
            return 2;
        }
        List<String> onFreePort = new ArrayList<>(flags);
        onFreePort.addAll(List.of("--port", "0", "--host", "127.0.0.1"));
        Hearth hearth = Hearth.start(ConfigLoader.load(onFreePort, env));
        try {
            Optional<Owned<Contribution.CommandSpec>> found = hearth.plugins().command(command);
            if (found.isEmpty()) {
                err.println("hearth: unknown command '" + command + "': neither the core nor an enabled plugin has it;"
                        + " see --help");
                return 2;
            }
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(found.get().classLoader());
            try {
                return found.get().value().command().run(out);
            } catch (Exception e) {
                throw new IllegalStateException("Plugin " + found.get().pluginId() + " failed", e);
            } finally {
                thread.setContextClassLoader(before);
            }
        } finally {
            hearth.stop();
        }
    }

    private static String banner(Hearth hearth, HearthConfig config) {
        String database = (config.db().isMariaDb() ? "MariaDB " : "H2 ")
                + config.db().url().replaceAll("[?;].*$", ""); // options may carry credentials
        return """

                  Hearth %s is running at %s
                    data dir  %s
                    database  %s
                  Stop it with Ctrl+C (or SIGTERM); in-flight requests get %d s to finish.
                """.formatted(Version.current(), hearth.url(), config.dataDir(), database,
                config.shutdownTimeout().toSeconds());
    }

    static String usage() {
        StringBuilder help = new StringBuilder("""
                Usage: java -jar hearth.jar [command] [options]

                Commands:
                  serve          Run the site (the default)
                  create-admin   Create an administrator: --username U --email E [--password P]
                                 (without --password it is read from the terminal or standard input)
                  api-key        Create an API key and print it: --user U [--scope read|write|admin] [--name N]
                                 (scope read by default; only admins' keys may have the admin scope)
                  backup         Write a backup archive of the database and the data dir: --out FILE.zip
                                 (while the site runs; with H2 the running server writes it)
                  restore        Restore a backup into an empty data dir and database: --from FILE.zip
                                 (the target may be another database: H2 to MariaDB works)
                  <other>        A command of an enabled plugin, e.g. reindex (search-lucene: rebuild the search
                                 index, showing progress). It starts the site on a free port, runs, and stops; stop
                                 a site on an H2 file first.

                Settings come from, in rising priority: defaults, <data-dir>/hearth.yml, HEARTH_* environment
                variables, these options. Every command takes them (e.g. --data-dir, --db-url).

                Options:
                """);
        Arrays.stream(Setting.values()).forEach(s -> help.append(String.format("  %-26s %s%n",
                s.flag() + (s == Setting.DEMO ? ", --no-demo" : " <value>"),
                s.description() + (s.defaultValue().isEmpty() || s == Setting.DEMO ? "" : " [" + s.defaultValue() + "]"))));
        help.append(String.format("  %-26s %s%n  %-26s %s%n", "--help", "Show this help", "--version",
                "Show the version"));
        return help.toString();
    }

    private static void logToStandardError() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(appender -> {
                if (appender instanceof ch.qos.logback.core.ConsoleAppender<?> console) {
                    console.stop();
                    console.setTarget("System.err");
                    console.start();
                }
            });
        }
    }

    private static void stopLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.stop();
        }
    }
}
