package hearth.server;

import hearth.server.config.ConfigException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command's own options, taken out of the argument list before the shared settings are read from the rest. */
final class CommandOptions {

    private CommandOptions() {
    }

    /** Removes {@code --name value} / {@code --name=value} for the given names from {@code args}; returns them. */
    static Map<String, String> take(List<String> args, String... names) {
        Set<String> wanted = Set.of(names);
        Map<String, String> taken = new HashMap<>();
        for (int i = 0; i < args.size(); ) {
            String arg = args.get(i);
            String name = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : "";
            if (!wanted.contains(name)) {
                i++;
            } else if (arg.contains("=")) {
                taken.put(name, arg.substring(arg.indexOf('=') + 1));
                args.remove(i);
            } else if (i + 1 < args.size()) {
                taken.put(name, args.get(i + 1));
                args.subList(i, i + 2).clear();
            } else {
                throw new ConfigException("Option --" + name + " needs a value; see --help");
            }
        }
        return taken;
    }

    static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new ConfigException("Option --" + name + " is required; see --help");
        }
        return value.strip();
    }

    /** Reads a secret without echo from a terminal, or one line from standard input when piped. */
    static String readSecret(String prompt) {
        Console console = System.console();
        if (console != null) {
            char[] secret = console.readPassword(prompt);
            return secret == null ? "" : new String(secret);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
