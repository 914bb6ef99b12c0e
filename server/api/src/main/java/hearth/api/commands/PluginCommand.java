package hearth.api.commands;

import java.io.PrintStream;

/**
 * A command a plugin adds to the command line: {@code java -jar hearth.jar <name> [site options]}. The server starts
 * the site as usual (on a free port), runs the command once the plugin has started, and stops; a site on an H2 file
 * must not be running at the same time. Declared with {@link hearth.api.Contributions#command}.
 *
 * @since 1.2.0
 */
@FunctionalInterface
public interface PluginCommand {

    /** Does the work, writing progress for the person at the terminal to {@code out}; returns the exit status. */
    int run(PrintStream out) throws Exception;
}
