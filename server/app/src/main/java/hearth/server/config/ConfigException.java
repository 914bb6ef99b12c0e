package hearth.server.config;

/**
 * A setting that keeps the server from starting. The message is one line for the operator that names the setting, its
 * flag and its environment variable; never a stack trace.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message, null, false, false);
    }

    public ConfigException(Setting setting, String message) {
        this(message + " (setting " + setting.key() + ": " + setting.flag() + ", " + setting.envVar() + ")");
    }
}
