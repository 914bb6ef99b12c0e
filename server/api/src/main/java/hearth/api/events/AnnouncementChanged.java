package hearth.api.events;

/**
 * An admin saved the site's announcement banner.
 *
 * @param version   the banner's new version (dismissals of older versions no longer hide it)
 * @param enabled   whether it is shown
 * @param audience  {@code everyone}, {@code members} or {@code visitors}
 * @param adminId   who saved it
 */
public record AnnouncementChanged(int version, boolean enabled, String audience, long adminId)
        implements DomainEvent {
}
