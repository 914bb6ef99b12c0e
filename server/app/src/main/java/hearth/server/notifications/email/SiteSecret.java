package hearth.server.notifications.email;

import static hearth.server.db.schema.tables.SiteSecrets.SITE_SECRETS;

import hearth.server.db.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * A random 256-bit secret the site keeps in its database under a name, made on first use. Every node reads the same
 * one, so a link signed on one node is accepted by the others and after restarts.
 */
public final class SiteSecret {

    private SiteSecret() {
    }

    /** The secret called {@code name}, creating it if there is none yet (blocking; call at start-up). */
    public static byte[] load(Database db, String name, Clock clock) {
        String stored = db.query(sql -> sql.select(SITE_SECRETS.SECRET_VALUE).from(SITE_SECRETS)
                .where(SITE_SECRETS.NAME.eq(name)).fetchOne(SITE_SECRETS.SECRET_VALUE));
        if (stored == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                db.transaction(tx -> tx.sql().insertInto(SITE_SECRETS)
                        .set(SITE_SECRETS.NAME, name)
                        .set(SITE_SECRETS.SECRET_VALUE, HexFormat.of().formatHex(fresh))
                        .set(SITE_SECRETS.CREATED_AT, clock.instant())
                        .execute());
            } catch (IntegrityConstraintViolationException e) {
                // Another node starting at the same moment made it first; theirs is the one to use.
            }
            stored = db.query(sql -> sql.select(SITE_SECRETS.SECRET_VALUE).from(SITE_SECRETS)
                    .where(SITE_SECRETS.NAME.eq(name)).fetchSingle(SITE_SECRETS.SECRET_VALUE));
        }
        return HexFormat.of().parseHex(stored);
    }
}
