package hearth.server.plugins;

/**
 * A contribution together with the plugin it came from, so a call into it can be contained and attributed, and run
 * with the plugin's class loader as the thread's context class loader (libraries such as Lucene look there).
 */
public record Owned<T>(String pluginId, ClassLoader classLoader, T value) {
}
