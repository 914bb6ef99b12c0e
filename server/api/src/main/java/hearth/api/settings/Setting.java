package hearth.api.settings;

/**
 * A handle on one typed setting. {@link #get} is a memory read of the current value: admins' changes apply at once,
 * without a restart, so read it each time instead of keeping the value.
 *
 * @param <T> the value's type
 */
public interface Setting<T> {

    /** The setting's key within the plugin. */
    String key();

    /** The current value (the default until an admin changes it). */
    T get();
}
