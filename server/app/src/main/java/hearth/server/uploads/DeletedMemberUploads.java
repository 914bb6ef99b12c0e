package hearth.server.uploads;

import static hearth.server.db.schema.tables.Events.EVENTS;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Uploads.UPLOADS;

import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import hearth.api.events.MemberDeleted;
import hearth.server.db.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a deleted member's images. A journal listener on {@link MemberDeleted}: their uploads stop naming
 * them, images that some post or profile still shows stay (a post that stays keeps its pictures, whoever wrote
 * it), and the rest, no longer shown anywhere (their posts were removed, or never used the image), are deleted with
 * their files. Running twice finds nothing more to do.
 */
public final class DeletedMemberUploads implements EventListener {

    /** The listener's cursor id in the journal. */
    public static final String ID = "core.uploads.deleted-members";

    private static final Logger log = LoggerFactory.getLogger(DeletedMemberUploads.class);

    private final Database db;
    private final Path folder;

    public DeletedMemberUploads(Database db, Path folder) {
        this.db = db;
        this.folder = folder;
    }

    @Override
    public void on(JournalEntry entry) {
        if (!(entry.event() instanceof MemberDeleted deleted)) {
            return;
        }
        List<String> unused = db.transaction(tx -> {
            List<Record2<String, String>> theirs = tx.sql().select(UPLOADS.SHA256, UPLOADS.EXTENSION).from(UPLOADS)
                    .where(UPLOADS.UPLOADER_ID.eq(deleted.memberId())).forUpdate().fetch();
            List<Record2<String, String>> gone = theirs.stream()
                    .filter(upload -> !tx.sql().fetchExists(POSTS, POSTS.BODY_MARKDOWN.contains(upload.value1()))
                            && !tx.sql().fetchExists(MEMBERS, MEMBERS.BIO.contains(upload.value1()))
                            && !tx.sql().fetchExists(DSL.selectOne().from(EVENTS).join(UPLOADS)
                                    .on(UPLOADS.ID.eq(EVENTS.COVER_UPLOAD_ID))
                                    .where(UPLOADS.SHA256.eq(upload.value1()))))
                    .toList();
            tx.sql().deleteFrom(UPLOADS).where(UPLOADS.SHA256.in(gone.stream().map(Record2::value1).toList()))
                    .execute();
            tx.sql().update(UPLOADS).setNull(UPLOADS.UPLOADER_ID).where(UPLOADS.UPLOADER_ID.eq(deleted.memberId()))
                    .execute();
            return gone.stream().map(Record2::value1).toList();
        });
        // After the commit: a crash in between leaves a file no row names, which nothing links to any more. A file
        // someone uploaded again meanwhile has its row back and stays.
        for (String sha256 : unused) {
            if (db.query(sql -> sql.fetchExists(UPLOADS, UPLOADS.SHA256.eq(sha256)))) {
                continue;
            }
            try {
                for (String extension : List.of("png", "jpg")) {
                    Files.deleteIfExists(folder.resolve(sha256 + "." + extension));
                }
            } catch (IOException e) {
                log.warn("Could not delete the unused upload {} of deleted member {}: {}", sha256,
                        deleted.memberId(), e.toString());
            }
        }
    }
}
