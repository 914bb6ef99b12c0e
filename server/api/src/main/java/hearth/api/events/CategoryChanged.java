package hearth.api.events;

/**
 * An admin created or changed a category (name, place, colour or who may use it).
 *
 * @param categoryId the category
 * @param name       its name after the change
 * @param created    whether it is new
 */
public record CategoryChanged(long categoryId, String name, boolean created) implements DomainEvent {
}
