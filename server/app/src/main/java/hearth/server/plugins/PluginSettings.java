package hearth.server.plugins;

import hearth.api.errors.InvalidInput;
import hearth.api.settings.Setting;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current values of running plugins' settings, held in memory so {@link Setting#get} is a map read on any
 * thread, and saved to the database when an admin changes them. A stored value that no longer fits its setting
 * (the plugin changed it in an upgrade) falls back to the default.
 */
public final class PluginSettings {

    private final PluginRecords records;
    private final Map<String, Map<String, Object>> current = new ConcurrentHashMap<>();

    PluginSettings(PluginRecords records) {
        this.records = records;
    }

    /** Loads a starting plugin's stored values (blocking). */
    void load(String pluginId, List<SettingSpec> specs) {
        Map<String, String> stored = records.settings(pluginId);
        Map<String, Object> values = new HashMap<>();
        for (SettingSpec spec : specs) {
            Object value = spec.defaultValue();
            String raw = stored.get(spec.key());
            if (raw != null) {
                try {
                    value = spec.parse(raw);
                } catch (InvalidInput stale) {
                    // keep the default: the value was valid for an earlier version of the setting
                }
            }
            values.put(spec.key(), value);
        }
        current.put(pluginId, new ConcurrentHashMap<>(values));
    }

    void unload(String pluginId) {
        current.remove(pluginId);
    }

    /** The handle a plugin reads; it follows every later change. */
    <T> Setting<T> handle(String pluginId, SettingSpec spec, Class<T> type) {
        return new Setting<>() {
            @Override
            public String key() {
                return spec.key();
            }

            @Override
            public T get() {
                Map<String, Object> values = current.get(pluginId);
                Object value = values == null ? null : values.get(spec.key());
                return type.cast(value == null ? spec.defaultValue() : value);
            }
        };
    }

    /** The values to show in the form, in the declared order. */
    public Map<String, Object> values(String pluginId, List<SettingSpec> specs) {
        Map<String, Object> values = current.getOrDefault(pluginId, Map.of());
        Map<String, Object> out = new LinkedHashMap<>();
        specs.forEach(spec -> out.put(spec.key(), values.getOrDefault(spec.key(), spec.defaultValue())));
        return out;
    }

    /**
     * Checks every typed value and saves them all, or throws {@link InvalidInput} with one message per bad field and
     * saves nothing. An absent value keeps its current value, except that an absent toggle means off when
     * {@code absentTogglesAreOff} (an unchecked checkbox sends nothing). Blocking.
     */
    void update(String pluginId, List<SettingSpec> specs, Map<String, String> typed, boolean absentTogglesAreOff) {
        Map<String, Object> before = values(pluginId, specs);
        Map<String, Object> parsed = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (SettingSpec spec : specs) {
            boolean given = typed.containsKey(spec.key());
            if (!given && !(absentTogglesAreOff && spec.kind() == SettingSpec.Kind.TOGGLE)) {
                parsed.put(spec.key(), before.get(spec.key()));
                continue;
            }
            try {
                parsed.put(spec.key(), spec.parse(typed.get(spec.key())));
            } catch (InvalidInput invalid) {
                errors.putAll(invalid.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Map<String, String> stored = new LinkedHashMap<>();
        parsed.forEach((key, value) -> stored.put(key, SettingSpec.format(value)));
        records.saveSettings(pluginId, stored);
        current.put(pluginId, new ConcurrentHashMap<>(parsed));
    }
}
