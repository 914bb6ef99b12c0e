package hearth.server.accounts;

import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.server.db.Database;
import hearth.server.db.Tx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Members' pictures: an upload is checked, re-encoded and resized by {@link AvatarImages} (which also strips its
 * metadata), then stored as files under {@code <data-dir>/uploads/avatars}; the member row names the current version.
 * Without an upload, members get their initials on a colour of their own.
 */
public final class Avatars {

    private static final Logger log = LoggerFactory.getLogger(Avatars.class);

    /** What to send for a member's avatar: an image file, or the initials picture as SVG text. */
    public sealed interface Picture {
        record Stored(Path file, String contentType) implements Picture {
        }

        record Initials(String svg) implements Picture {
        }
    }

    private final Vertx vertx;
    private final Database db;
    private final AvatarImages images;
    private final Path folder;

    public Avatars(Vertx vertx, Database db, AvatarImages images, Path folder) {
        this.vertx = vertx;
        this.db = db;
        this.images = images;
        this.folder = folder;
    }

    /** Replaces the member's avatar with the uploaded file; fails with {@link AvatarRefused} for anything unusable. */
    public Future<Void> upload(long memberId, Path uploadedFile) {
        return vertx.executeBlocking(() -> {
            if (Files.size(uploadedFile) > AvatarImages.MAX_BYTES) {
                throw new AvatarRefused(AvatarRefused.Reason.FILE_TOO_LARGE, "Avatars can be at most 2 MB.");
            }
            return images.fromUpload(Files.readAllBytes(uploadedFile));
        }, false).compose(avatar -> db.write(tx -> {
            int version = tx.sql().select(MEMBERS.AVATAR_VERSION).from(MEMBERS).where(MEMBERS.ID.eq(memberId))
                    .forUpdate().fetchSingle(MEMBERS.AVATAR_VERSION) + 1;
            // Files first, then the row: a crash in between leaves an unused file, never a row without its file.
            write(file(memberId, version, "large", avatar.format()), avatar.large());
            write(file(memberId, version, "small", avatar.format()), avatar.small());
            tx.sql().update(MEMBERS)
                    .set(MEMBERS.AVATAR_VERSION, version)
                    .set(MEMBERS.AVATAR_FORMAT, avatar.format().name().toLowerCase(Locale.ROOT))
                    .where(MEMBERS.ID.eq(memberId))
                    .execute();
            return null;
        }));
    }

    /**
     * The avatar of a member by username, if there is such a member. A private profile shows others only its
     * username's initials; {@code viewer} (null when anonymous) decides who counts as others.
     */
    public Future<Optional<Picture>> picture(String username, boolean small, Viewer viewer) {
        String key = username.toLowerCase(Locale.ROOT);
        return db.read(sql -> sql.select(MEMBERS.ID, MEMBERS.DISPLAY_NAME, MEMBERS.AVATAR_FORMAT, MEMBERS.AVATAR_VERSION,
                        MEMBERS.PROFILE_HIDDEN, MEMBERS.USERNAME)
                .from(MEMBERS).where(MEMBERS.USERNAME_KEY.eq(key))
                .fetchOptional(r -> {
                    boolean seesPrivate = viewer != null && (viewer.memberId() == r.value1() || viewer.isStaff());
                    if (Boolean.TRUE.equals(r.value5()) && !seesPrivate) {
                        return new Picture.Initials(images.initialsSvg(r.value6(), key));
                    }
                    if (r.value3() == null) {
                        return new Picture.Initials(images.initialsSvg(r.value2(), key));
                    }
                    AvatarImages.Format format = AvatarImages.Format.valueOf(r.value3().toUpperCase(Locale.ROOT));
                    return new Picture.Stored(file(r.value1(), r.value4(), small ? "small" : "large", format),
                            format.contentType());
                }));
    }

    /**
     * Drops the member's avatar inside {@code tx}, for deleting an account: the row goes back to initials, and once
     * the transaction has committed every file of the member's pictures is deleted (the files may show a face). A
     * crash between the two leaves files no row points at; nothing serves them.
     */
    public void forget(Tx tx, long memberId) {
        tx.sql().update(MEMBERS).setNull(MEMBERS.AVATAR_FORMAT).where(MEMBERS.ID.eq(memberId)).execute();
        tx.afterCommit(() -> vertx.executeBlocking(() -> {
            if (Files.isDirectory(folder)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, memberId + "-*")) {
                    for (Path file : files) {
                        Files.deleteIfExists(file);
                    }
                }
            }
            return null;
        }, false).onFailure(e -> log.warn("Could not delete the avatar files of deleted member {}: {}", memberId,
                e.toString())));
    }

    private Path file(long memberId, int version, String size, AvatarImages.Format format) {
        return folder.resolve(memberId + "-" + version + "-" + size + "." + format.extension());
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            Files.write(partial, bytes);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot store avatar " + file, e);
        }
    }
}
