package hearth.server.profiles;

import hearth.api.errors.InvalidInput;
import hearth.server.web.Pages;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What the profile pages share: the time zones to offer, and showing a form again with errors. */
final class ProfileForms {

    /** Every time zone java.time knows, for the time zone inputs' suggestions. */
    static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted().toList();

    private ProfileForms() {
    }

    /**
     * After a failed form: with {@link InvalidInput} shows the form again (400) with the messages, using a model the
     * caller loads; anything else goes to the error pages.
     */
    static void showErrors(RoutingContext ctx, Pages pages, String template, Throwable failure,
                           Supplier<Future<Map<String, Object>>> model) {
        Pages.formFailure(ctx, invalid -> model.get()
                .onSuccess(loaded -> pages.showErrors(ctx, template, loaded, invalid))
                .onFailure(ctx::fail)).handle(failure);
    }
}
