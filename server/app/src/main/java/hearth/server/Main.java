package hearth.server;

import hearth.server.config.ConfigException;
import hearth.server.config.ConfigLoader;
import hearth.server.config.HearthConfig;
import hearth.server.config.Setting;
import hearth.server.db.MigrationFailed;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** The command line: {@code java -jar hearth.jar [serve] [options]}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(List.of(args), System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Starts the site, or prints help; returns the process exit status (0 while the server keeps running). */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(usage());
            return 0;
        }
        if (args.contains("--version")) {
            out.println("Hearth " + Version.current());
            return 0;
        }
        List<String> flags = !args.isEmpty() && args.getFirst().equals("serve") ? args.subList(1, args.size()) : args;
        if (!flags.isEmpty() && !flags.getFirst().startsWith("-")) {
            err.println("hearth: unknown command '" + flags.getFirst() + "'; see --help");
            return 2;
        }
        try {
            HearthConfig config = ConfigLoader.load(flags, env);
            Hearth hearth = Hearth.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                hearth.stop();
                LoggerFactory.getLogger(Main.class).info("Hearth stopped");
                stopLogging();
            }, "hearth-shutdown"));
            out.println(banner(hearth, config));
            return 0;
        } catch (ConfigException e) {
            err.println("hearth: " + e.getMessage());
            return 2;
        } catch (MigrationFailed e) {
            err.println("hearth: " + e.getMessage());
            return 3;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Main.class).error("Start-up failed", e);
            err.println("hearth: start-up failed: " + e + " (details in the log above)");
            return 1;
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
                Usage: java -jar hearth.jar [serve] [options]

                Runs the Hearth community server. Settings come from, in rising priority: defaults,
                <data-dir>/hearth.yml, HEARTH_* environment variables, these options.

                Options:
                """);
        Arrays.stream(Setting.values()).forEach(s -> help.append(String.format("  %-26s %s%n",
                s.flag() + (s == Setting.DEMO ? ", --no-demo" : " <value>"),
                s.description() + (s.defaultValue().isEmpty() || s == Setting.DEMO ? "" : " [" + s.defaultValue() + "]"))));
        help.append(String.format("  %-26s %s%n  %-26s %s%n", "--help", "Show this help", "--version",
                "Show the version"));
        return help.toString();
    }

    private static void stopLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.stop();
        }
    }
}
