package hearth.plugins.gamification.awarding;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import java.time.Instant;
import java.time.LocalDate;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The plugin's tables and columns, named once. */
public final class Tables {

    public static final Field<Long> POSITION = Columns.id("position");
    public static final Field<Instant> AT = Columns.instant("at");
    public static final Field<String> KIND = Columns.text("kind");
    public static final Field<Long> MEMBER_ID = Columns.id("member_id");
    public static final Field<Long> OTHER_ID = Columns.id("other_id");
    public static final Field<Long> TARGET_ID = Columns.id("target_id");
    public static final Field<Long> TOPIC_ID = Columns.id("topic_id");
    public static final Field<Long> CATEGORY_ID = Columns.id("category_id");
    public static final Field<Integer> NUMBER = Columns.number("number");
    public static final Field<Boolean> YES = Columns.flag("yes");
    public static final Field<String> ACTION = Columns.text("action");
    public static final Field<Integer> POINTS = Columns.number("points");
    public static final Field<Long> TOTAL = DSL.field(DSL.name("points"), SQLDataType.BIGINT);
    public static final Field<Integer> UNITS = Columns.number("units");
    public static final Field<String> SUBJECT = Columns.text("subject");
    public static final Field<LocalDate> DAY = DSL.field(DSL.name("on_day"), SQLDataType.LOCALDATE);
    public static final Field<LocalDate> JOINED_ON = DSL.field(DSL.name("joined_on"), SQLDataType.LOCALDATE);
    public static final Field<LocalDate> LAST_VISIT = DSL.field(DSL.name("last_visit"), SQLDataType.LOCALDATE);
    public static final Field<Integer> LEVEL = Columns.number("level");
    public static final Field<Integer> STREAK = Columns.number("streak");
    public static final Field<Integer> BEST_STREAK = Columns.number("best_streak");
    public static final Field<Long> AUTHOR_ID = Columns.id("author_id");
    public static final Field<Boolean> FIRST_TOPIC = Columns.flag("first_topic");
    public static final Field<Boolean> WELCOMED = Columns.flag("welcomed");
    public static final Field<String> BADGE = Columns.text("badge");
    public static final Field<Instant> GRANTED_AT = Columns.instant("granted_at");
    public static final Field<Boolean> MANUAL = Columns.flag("manual");
    public static final Field<String> REASON = Columns.text("reason");
    public static final Field<Boolean> GRANTED = Columns.flag("granted");
    public static final Field<Long> BY_MEMBER_ID = Columns.id("by_member_id");
    public static final Field<Instant> DECIDED_AT = Columns.instant("decided_at");
    public static final Field<Integer> ORDINAL = Columns.number("ordinal");
    public static final Field<LocalDate> STARTS_ON = DSL.field(DSL.name("starts_on"), SQLDataType.LOCALDATE);
    public static final Field<Instant> STARTED_AT = Columns.instant("started_at");
    public static final Field<String> NAME = Columns.text("name");
    public static final Field<Long> ID = Columns.id("id");

    public final Table<Record> facts;
    public final Table<Record> ledger;
    public final Table<Record> members;
    public final Table<Record> daily;
    public final Table<Record> subjects;
    public final Table<Record> badges;
    public final Table<Record> decisions;
    public final Table<Record> featured;
    public final Table<Record> seasons;
    public final Table<Record> visits;

    public Tables(PluginDatabase db) {
        facts = table(db, "facts");
        ledger = table(db, "ledger");
        members = table(db, "members");
        daily = table(db, "daily");
        subjects = table(db, "subjects");
        badges = table(db, "badges");
        decisions = table(db, "decisions");
        featured = table(db, "featured");
        seasons = table(db, "seasons");
        visits = table(db, "visits");
    }

    private static Table<Record> table(PluginDatabase db, String name) {
        return DSL.table(DSL.name(db.table(name)));
    }
}
