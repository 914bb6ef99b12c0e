package hearth.api.slots;

import hearth.api.web.Html;

/**
 * Renders a plugin's part of a slot while a page renders. It runs on the request's event loop: work from memory
 * (settings, the subject, caches the plugin fills from listeners), never block. An exception is contained: the slot
 * renders without this part, and admin shows the error.
 */
@FunctionalInterface
public interface SlotRenderer {

    /** The HTML for this slot on this page, or {@link Html#EMPTY}. */
    Html render(SlotContext context) throws Exception;
}
