package hearth.server.uploads;

import hearth.server.accounts.PostingRights;
import hearth.server.db.Database;
import hearth.server.web.Pages;
import hearth.server.web.RateLimiter;
import hearth.server.web.Routes;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Images in posts: the upload pages and API over {@link ImageUploads}, and the journal listener that settles a
 * deleted member's images ({@link DeletedMemberUploads}). Files live in {@code <data-dir>/uploads}.
 */
public final class UploadsFeature implements Routes {

    private final UploadPages pages;
    private final DeletedMemberUploads deletedMembers;

    /** @param imaging a worker executor for decoding and encoding images (one thread bounds their memory) */
    public UploadsFeature(Database db, WorkerExecutor imaging, PostingRights postingRights, Pages pages, Path folder,
                          Clock clock) {
        ImageUploads uploads = new ImageUploads(db, imaging, new PostImages(), postingRights,
                new RateLimiter(ImageUploads.PER_MINUTE, Duration.ofMinutes(1), clock), folder, clock);
        this.pages = new UploadPages(uploads, pages);
        this.deletedMembers = new DeletedMemberUploads(db, folder);
    }

    /** The listener to subscribe under {@link DeletedMemberUploads#ID}. */
    public DeletedMemberUploads deletedMembers() {
        return deletedMembers;
    }

    @Override
    public void mount(Router router) {
        pages.mount(router);
    }
}
