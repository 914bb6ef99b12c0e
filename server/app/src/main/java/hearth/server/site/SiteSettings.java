package hearth.server.site;

import static hearth.server.db.schema.tables.SiteSettings.SITE_SETTINGS;

import hearth.server.db.Database;
import hearth.server.db.Tx;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * Settings admins change while the site runs (unlike start-up configuration). Reads come from memory; the database
 * is the truth, loaded at start and written through on change.
 */
public final class SiteSettings {

    /** A setting with its default; the value is stored as text. */
    public enum Key {
        /** Members must confirm their email address before they may post. */
        REQUIRE_VERIFIED_EMAIL_TO_POST("accounts.require-verified-email-to-post", "true"),
        /** New accounts need an invite link. */
        INVITE_ONLY("accounts.invite-only", "false"),
        /** What happens to a deleted member's posts: anonymise (kept, shown as a deleted member) or remove. */
        DELETED_MEMBER_POSTS("accounts.deleted-member-posts", "anonymise"),
        /** Moderators and admins must use two-factor authentication. */
        REQUIRE_2FA_FOR_STAFF("accounts.require-2fa-for-staff", "false"),
        /** Members who opted in get a digest of popular topics after staying away (notification email). */
        ABSENT_DIGEST("notifications.absent-digest", "false"),
        /** After how many days away, and at most how often, that digest goes out (1 to 365). */
        ABSENT_DIGEST_DAYS("notifications.absent-digest-days", "7"),
        /** Who creates tags: {@code free} (members, while posting) or {@code admin-only} (members use existing ones). */
        TAG_MODE("discussions.tag-mode", "free"),
        /** How old (in hours) a member's account must be before they may start private conversations; staff exempt. */
        MESSAGES_MIN_ACCOUNT_HOURS("messages.min-account-hours", "24"),
        /** How many minutes before an event its reminders go out: a comma-separated list, e.g. 1440,60. */
        EVENT_REMINDER_MINUTES("events.reminder-minutes", "1440,60"),
        /** The site's theme; empty until an admin chooses one, so the {@code --theme} setting applies. */
        SITE_THEME("appearance.theme", ""),
        /** The themes members may pick for themselves, comma-separated. */
        ENABLED_THEMES("appearance.enabled-themes", ""),
        /** The accent colour (#rrggbb) in light mode; empty keeps the theme's. */
        ACCENT_LIGHT("appearance.accent-light", ""),
        /** The accent colour (#rrggbb) in dark mode; empty keeps the theme's. */
        ACCENT_DARK("appearance.accent-dark", ""),
        /** A system font stack by key ({@code theme} keeps the theme's). */
        FONT("appearance.font", "theme"),
        /** CSS added after the theme's, at most 2000 characters (the column's size). */
        CUSTOM_CSS("appearance.custom-css", ""),
        /** The logo's file name in {@code <data-dir>/appearance}, empty for the site name in text. */
        LOGO("appearance.logo", ""),
        /** The favicon's file name in {@code <data-dir>/appearance}, empty for the theme's. */
        FAVICON("appearance.favicon", "");

        private final String name;
        private final String defaultValue;

        Key(String name, String defaultValue) {
            this.name = name;
            this.defaultValue = defaultValue;
        }

        public String settingName() {
            return name;
        }
    }

    private final Database db;
    private final Clock clock;
    private final Map<Key, String> values = new ConcurrentHashMap<>();

    public SiteSettings(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.query(sql -> sql.selectFrom(SITE_SETTINGS).fetch()).forEach(row -> {
            for (Key key : Key.values()) {
                if (key.name.equals(row.getName())) {
                    values.put(key, row.getSettingValue());
                }
            }
        });
    }

    public String get(Key key) {
        return values.getOrDefault(key, key.defaultValue);
    }

    /**
     * The value as stored now (or the default), read from the database rather than this node's memory: for jobs
     * that may run on another node than the one where an admin changed it.
     */
    public String stored(DSLContext sql, Key key) {
        String value = sql.select(SITE_SETTINGS.SETTING_VALUE).from(SITE_SETTINGS)
                .where(SITE_SETTINGS.NAME.eq(key.name)).fetchOne(SITE_SETTINGS.SETTING_VALUE);
        return value == null ? key.defaultValue : value;
    }

    /** {@link Key#ABSENT_DIGEST_DAYS} as a number; a value that is not one counts as the default. */
    public static int absentDigestDays(String value) {
        return absentDigestDaysProblem(value).isEmpty() ? Integer.parseInt(value.strip()) : 7;
    }

    /** Why a typed {@link Key#ABSENT_DIGEST_DAYS} is refused, if it is. */
    public static java.util.Optional<String> absentDigestDaysProblem(String value) {
        String typed = value == null ? "" : value.strip();
        if (!typed.matches("[0-9]{1,3}") || Integer.parseInt(typed) < 1 || Integer.parseInt(typed) > 365) {
            return java.util.Optional.of("Enter a number of days from 1 to 365.");
        }
        return java.util.Optional.empty();
    }

    /** {@link Key#EVENT_REMINDER_MINUTES} as minutes, longest first; a value that is not valid counts as the default. */
    public static java.util.List<Integer> eventReminderMinutes(String value) {
        String valid = eventReminderMinutesProblem(value).isEmpty() ? String.valueOf(value == null ? "" : value)
                : Key.EVENT_REMINDER_MINUTES.defaultValue;
        return java.util.Arrays.stream(valid.split(",")).map(String::strip).filter(m -> !m.isEmpty())
                .map(Integer::parseInt).distinct().sorted(java.util.Comparator.reverseOrder()).toList();
    }

    /** Why a typed {@link Key#EVENT_REMINDER_MINUTES} is refused, if it is (empty turns reminders off). */
    public static java.util.Optional<String> eventReminderMinutesProblem(String value) {
        String typed = value == null ? "" : value.strip();
        if (!typed.matches("([0-9]{1,5}(\\s*,\\s*[0-9]{1,5}){0,4})?")
                || java.util.Arrays.stream(typed.split(",")).map(String::strip).filter(m -> !m.isEmpty())
                .mapToInt(Integer::parseInt).anyMatch(m -> m < 1 || m > 20160)) {
            return java.util.Optional.of("Enter up to five numbers of minutes from 1 to 20160, separated by commas.");
        }
        return java.util.Optional.empty();
    }

    /**
     * Reads these settings again from the database (blocking), for changes made on another node; returns whether
     * any of them changed here.
     */
    public boolean refresh(java.util.Collection<Key> keys) {
        Map<String, Key> byName = new java.util.HashMap<>();
        keys.forEach(key -> byName.put(key.name, key));
        Map<Key, String> stored = new java.util.EnumMap<>(Key.class);
        db.query(sql -> sql.selectFrom(SITE_SETTINGS).where(SITE_SETTINGS.NAME.in(byName.keySet())).fetch())
                .forEach(row -> stored.put(byName.get(row.getName()), row.getSettingValue()));
        boolean changed = false;
        for (Key key : keys) {
            String value = stored.getOrDefault(key, key.defaultValue);
            if (!value.equals(get(key))) {
                values.put(key, value);
                changed = true;
            }
        }
        return changed;
    }

    public boolean isOn(Key key) {
        return Boolean.parseBoolean(get(key));
    }

    /** Stores a value in its own transaction; readers here see it once that has committed. */
    public Future<Void> update(Key key, String value) {
        return db.write(tx -> {
            store(tx, key, value);
            return null;
        }).onSuccess(done -> values.put(key, value)).mapEmpty();
    }

    private void store(Tx tx, Key key, String value) {
        int updated = tx.sql().update(SITE_SETTINGS)
                .set(SITE_SETTINGS.SETTING_VALUE, value)
                .set(SITE_SETTINGS.UPDATED_AT, clock.instant())
                .where(SITE_SETTINGS.NAME.eq(key.name))
                .execute();
        if (updated == 0) {
            tx.sql().insertInto(SITE_SETTINGS)
                    .set(SITE_SETTINGS.NAME, key.name)
                    .set(SITE_SETTINGS.SETTING_VALUE, value)
                    .set(SITE_SETTINGS.UPDATED_AT, clock.instant())
                    .execute();
        }
    }
}
