package hearth.server.uploads;

import static hearth.server.db.schema.tables.Uploads.UPLOADS;

import hearth.server.accounts.PostingRights;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.exception.DataAccessException;

/**
 * Images members upload for their posts. Each upload is checked and re-encoded by {@link PostImages}, then stored
 * under the SHA-256 of the re-encoded bytes as {@code <folder>/<sha256>.<ext>} with a row in {@code uploads}: the
 * same picture uploaded again (by anyone) is the same file and the same address, stored once. Files never change,
 * so they can be cached for a year.
 */
public final class ImageUploads {

    /** How many images a member may upload per minute. */
    public static final int PER_MINUTE = 10;

    private static final Pattern FILE_NAME = Pattern.compile("[0-9a-f]{64}\\.(png|jpg)");

    /** A stored image and how to show it. */
    public record Stored(String sha256, String extension, int width, int height, long bytes) {

        /** Where it is served, relative to the site. */
        public String url() {
            return "/uploads/" + sha256 + "." + extension;
        }

        /** The Markdown that shows it in a post, with {@code alt} as its description. */
        public String markdown(String alt) {
            return "![" + alt + "](" + url() + ")";
        }

        public String contentType() {
            return contentTypeOf(extension);
        }
    }

    private final Database db;
    private final WorkerExecutor imaging;
    private final PostImages images;
    private final PostingRights postingRights;
    private final RateLimiter pace;
    private final Path folder;
    private final Clock clock;

    /**
     * @param imaging where images are decoded and encoded; one thread is enough and bounds the memory the largest
     *                photos take while being scaled
     */
    public ImageUploads(Database db, WorkerExecutor imaging, PostImages images, PostingRights postingRights,
                        RateLimiter pace, Path folder, Clock clock) {
        this.db = db;
        this.imaging = imaging;
        this.images = images;
        this.postingRights = postingRights;
        this.pace = pace;
        this.folder = folder;
        this.clock = clock;
    }

    /**
     * Stores an uploaded file for {@code viewer}, who must be allowed to post; fails with {@link UploadRefused} for
     * anything unusable or when they upload too quickly.
     */
    public Future<Stored> upload(Viewer viewer, Path uploadedFile) {
        Optional<String> whyNot = postingRights.whyNot(viewer);
        if (whyNot.isPresent()) {
            return Future.failedFuture(new UploadRefused(403, whyNot.get()));
        }
        if (!pace.tryAcquire("member:" + viewer.memberId())) {
            return Future.failedFuture(new UploadRefused(429, "You are uploading quickly: at most " + PER_MINUTE
                    + " images a minute. Please wait a moment and try again."));
        }
        return imaging.executeBlocking(() -> {
            long size = Files.size(uploadedFile);
            if (size > PostImages.MAX_BYTES) {
                throw PostImages.tooLarge(size);
            }
            return images.fromUpload(Files.readAllBytes(uploadedFile));
        }, false).compose(image -> {
            String sha256 = sha256(image.bytes());
            return db.write(tx -> store(tx.sql(), viewer.memberId(), sha256, image))
                    // Two members storing the same new picture at once: the second insert hits the unique key and
                    // the first one's row is the answer.
                    .recover(failure -> failure instanceof DataAccessException
                            ? db.read(sql -> find(sql, sha256)).compose(found -> found.map(Future::succeededFuture)
                                    .orElseGet(() -> Future.failedFuture(failure)))
                            : Future.failedFuture(failure));
        });
    }

    /** The stored file for a served name such as {@code <sha256>.png}; empty for any other name. */
    public Optional<Path> file(String name) {
        return FILE_NAME.matcher(name).matches() ? Optional.of(folder.resolve(name)) : Optional.empty();
    }

    static String contentTypeOf(String extension) {
        return "png".equals(extension) ? "image/png" : "image/jpeg";
    }

    private Stored store(org.jooq.DSLContext sql, long memberId, String sha256, PostImages.Image image) {
        // Files first, then the row: a crash in between leaves an unused file, never a row without its file. The
        // file is written even when the row exists, in case it went missing (restored backup, lost disk): its content
        // is fixed by its name, so writing it again changes nothing for anyone.
        write(folder.resolve(sha256 + "." + image.extension()), image.bytes());
        Optional<Stored> existing = find(sql, sha256);
        if (existing.isPresent()) {
            return existing.get();
        }
        sql.insertInto(UPLOADS)
                .set(UPLOADS.SHA256, sha256)
                .set(UPLOADS.EXTENSION, image.extension())
                .set(UPLOADS.UPLOADER_ID, memberId)
                .set(UPLOADS.WIDTH, image.width())
                .set(UPLOADS.HEIGHT, image.height())
                .set(UPLOADS.BYTES, (long) image.bytes().length)
                .set(UPLOADS.CREATED_AT, clock.instant())
                .execute();
        return new Stored(sha256, image.extension(), image.width(), image.height(), image.bytes().length);
    }

    private static Optional<Stored> find(org.jooq.DSLContext sql, String sha256) {
        return sql.select(UPLOADS.SHA256, UPLOADS.EXTENSION, UPLOADS.WIDTH, UPLOADS.HEIGHT, UPLOADS.BYTES)
                .from(UPLOADS).where(UPLOADS.SHA256.eq(sha256))
                .fetchOptional(r -> new Stored(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
            Files.write(partial, bytes);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store upload " + file, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
