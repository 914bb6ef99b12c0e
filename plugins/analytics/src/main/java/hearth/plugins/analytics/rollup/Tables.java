package hearth.plugins.analytics.rollup;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import java.time.Instant;
import java.time.LocalDate;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The plugin's tables and their columns, named once (see the migrations, V001__rollups.sql on). */
public final class Tables {

    public static final Field<Long> POSITION = Columns.id("position");
    public static final Field<String> KIND = Columns.text("kind");
    public static final Field<Instant> AT = Columns.instant("at");
    public static final Field<Long> MEMBER_ID = Columns.id("member_id");
    public static final Field<Long> TOPIC_ID = Columns.id("topic_id");
    public static final Field<Long> CATEGORY_ID = Columns.id("category_id");
    public static final Field<Long> REF_ID = Columns.id("ref_id");
    public static final Field<String> ANSWER = Columns.text("answer");
    public static final Field<LocalDate> DAY = DSL.field(DSL.name("on_day"), SQLDataType.LOCALDATE);
    public static final Field<String> METRIC = Columns.text("metric");
    public static final Field<Long> AMOUNT = Columns.id("amount");
    public static final Field<Long> POSTS = Columns.id("posts");
    public static final Field<Boolean> STALE = Columns.flag("stale");
    public static final Field<Instant> JOINED_AT = Columns.instant("joined_at");
    public static final Field<Instant> FIRST_POST_AT = Columns.instant("first_post_at");
    public static final Field<Instant> VOLUNTEER_AT = Columns.instant("volunteer_at");
    public static final Field<LocalDate> FIRST_ACTIVE_ON = DSL.field(DSL.name("first_active_on"),
            SQLDataType.LOCALDATE);
    public static final Field<Long> AUTHOR_ID = Columns.id("author_id");
    public static final Field<Instant> CREATED_AT = Columns.instant("created_at");
    public static final Field<Instant> FIRST_REPLY_AT = Columns.instant("first_reply_at");
    public static final Field<Boolean> HIDDEN = Columns.flag("hidden");
    public static final Field<Boolean> QUESTION = Columns.flag("question");
    public static final Field<Long> ACCEPTED_POST_ID = Columns.id("accepted_post_id");
    public static final Field<Long> FLAG_ID = Columns.id("flag_id");
    public static final Field<Instant> RAISED_AT = Columns.instant("raised_at");
    public static final Field<Instant> RESOLVED_AT = Columns.instant("resolved_at");
    public static final Field<Integer> ID = Columns.number("id");
    public static final Field<String> ZONE = Columns.text("zone");
    public static final Field<Long> VIEWS = Columns.id("views");
    public static final Field<Long> EVENT_ID = Columns.id("event_id");
    public static final Field<Instant> STARTS_AT = Columns.instant("starts_at");
    public static final Field<Boolean> CANCELLED = Columns.flag("cancelled");
    public static final Field<Boolean> GOING = Columns.flag("going");
    public static final Field<Boolean> CHECKED_IN = Columns.flag("checked_in");
    public static final Field<String> VISITOR = Columns.text("visitor");
    public static final Field<Long> VISITORS = Columns.id("visitors");
    public static final Field<byte[]> ACTIVE_MEMBERS = DSL.field(DSL.name("active_members"), SQLDataType.BLOB);
    public static final Field<Long> STARTED = Columns.id("started");
    public static final Field<Long> ANSWERED = Columns.id("answered");
    public static final Field<Long> IN_TIME = Columns.id("in_time");
    public static final Field<Long> QUESTIONS = Columns.id("questions");
    public static final Field<Long> SOLVED = Columns.id("solved");
    public static final Field<byte[]> RESPONSES = DSL.field(DSL.name("responses"), SQLDataType.BLOB);

    public final Table<Record> facts;
    public final Table<Record> daily;
    public final Table<Record> active;
    public final Table<Record> members;
    public final Table<Record> topics;
    public final Table<Record> flags;
    public final Table<Record> state;
    public final Table<Record> subscribers;
    public final Table<Record> traffic;
    public final Table<Record> events;
    public final Table<Record> rsvps;
    public final Table<Record> visitors;
    public final Table<Record> days;

    public Tables(PluginDatabase db) {
        facts = table(db, "facts");
        daily = table(db, "daily");
        active = table(db, "active");
        members = table(db, "members");
        topics = table(db, "topics");
        flags = table(db, "flags");
        state = table(db, "state");
        subscribers = table(db, "subscribers");
        traffic = table(db, "traffic");
        events = table(db, "events");
        rsvps = table(db, "rsvps");
        visitors = table(db, "visitors");
        days = table(db, "days");
    }

    private static Table<Record> table(PluginDatabase db, String name) {
        return DSL.table(DSL.name(db.table(name)));
    }
}
