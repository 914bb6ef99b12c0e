package hearth.api.slots;

import hearth.api.views.MemberView;
import java.util.Optional;

/**
 * Where a slot is being rendered.
 *
 * @param slot    the slot's name, one of {@link Slots}
 * @param path    the request's path
 * @param viewer  the signed-in member, or empty
 * @param subject what the slot is about (a post, topic or member view, see {@link Slots}), or empty
 */
public record SlotContext(String slot, String path, Optional<MemberView> viewer, Optional<Object> subject) {
}
