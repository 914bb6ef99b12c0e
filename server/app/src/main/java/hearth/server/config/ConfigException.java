package hearth.server.config;

/**
 * A setting that keeps the server from starting. The message is one line for the operator; it names the setting and
 * where its value came from, never a stack trace.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message, null, false, false);
    }

    public ConfigException(Setting setting, String message) {
        this(message + " (setting " + setting.key() + ": " + setting.flag() + ", " + setting.envVar() + ")");
    }
}
