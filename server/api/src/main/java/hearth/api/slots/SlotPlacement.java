package hearth.api.slots;

/**
 * Orders a plugin's part of a slot relative to other plugins: parts render in an order where each comes after the
 * plugins it names (ties by plugin id). A name of a plugin that is not enabled is ignored.
 */
public interface SlotPlacement {

    /** Renders this part after the parts of {@code pluginId}. */
    SlotPlacement after(String pluginId);
}
