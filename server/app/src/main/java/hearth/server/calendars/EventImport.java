package hearth.server.calendars;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Imports an iCalendar file into a category, for admins: from an upload or fetched from an address. The whole file
 * is one transaction, so a file with any bad event writes nothing.
 */
final class EventImport {

    static final String REFUSAL = "Only admins can import events.";

    /** How many events the file added, changed, and left as they were. */
    record Summary(int created, int updated, int unchanged) {
    }

    private final Database db;
    private final IcsFetcher fetcher;
    private final ImportedEventWriter writer;
    private final Clock clock;

    EventImport(Database db, IcsFetcher fetcher, ImportedEventWriter writer, Clock clock) {
        this.db = db;
        this.fetcher = fetcher;
        this.writer = writer;
        this.clock = clock;
    }

    /** Imports uploaded calendar text. */
    Future<Summary> fromText(Viewer admin, String text, long categoryId) {
        admin.mustBeAdmin(REFUSAL);
        return write(admin, text, categoryId, "file");
    }

    /** Fetches the calendar at {@code url} (off the event loop) and imports it. */
    Future<Summary> fromUrl(Viewer admin, String url, long categoryId) {
        admin.mustBeAdmin(REFUSAL);
        return Future.fromCompletionStage(fetcher.fetch(url))
                .recover(failure -> Future.failedFuture(unwrap(failure)))
                .compose(text -> write(admin, text, categoryId, "url"));
    }

    private Future<Summary> write(Viewer admin, String text, long categoryId, String field) {
        return db.write(tx -> {
            if (!tx.sql().fetchExists(CATEGORIES, CATEGORIES.ID.eq(categoryId))) {
                throw new InvalidInput("category", "Choose the category the events go to.");
            }
            List<ImportedEvent> events = IcsParser.parse(text, clock.instant(), field);
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            for (ImportedEvent event : events) {
                switch (writer.write(tx, event, categoryId, admin.memberId())) {
                    case CREATED -> created++;
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                }
            }
            return new Summary(created, updated, unchanged);
        }).recover(failure -> Future.failedFuture(failure instanceof IntegrityConstraintViolationException
                // two imports of the same UIDs at once: the unique import_uid lets one in, this one rolled back
                ? new InvalidInput(field, "Another import was adding the same events just now, so nothing was "
                        + "imported. Import again to update them.")
                : failure));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return new InvalidInput("url", "Fetching the calendar took too long.");
        }
        return cause;
    }
}
