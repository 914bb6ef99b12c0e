package hearth.server.events;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.EventRsvps.EVENT_RSVPS;
import static hearth.server.db.schema.tables.Events.EVENTS;
import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.api.errors.Forbidden;
import hearth.api.errors.NotFound;
import hearth.server.accounts.Viewer;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The lists of events a viewer may see: upcoming, past, a month, a category's, a member's. */
public final class EventLists {

    public static final int PAGE = 50;

    /** One day of the month grid with the events that start on it (in the viewer's zone). */
    public record Day(LocalDate date, boolean inMonth, List<Event> events) {
    }

    private final EventVisibility visibility;
    private final Clock clock;

    EventLists(EventVisibility visibility, Clock clock) {
        this.visibility = visibility;
        this.clock = clock;
    }

    /** Events that have not ended yet, soonest first, optionally of one category. */
    public List<Event> upcoming(DSLContext sql, Optional<Viewer> viewer, long categoryId) {
        Condition where = visibility.listable(sql, viewer).and(EVENTS.ENDS_AT.gt(clock.instant()));
        return EventRows.list(sql, categoryId == 0 ? where : where.and(EVENTS.CATEGORY_ID.eq(categoryId)), false,
                PAGE);
    }

    /** Events that have ended, latest first; {@code before} pages back (null: from now). */
    public List<Event> past(DSLContext sql, Optional<Viewer> viewer, Instant before) {
        Instant now = clock.instant();
        return EventRows.list(sql, visibility.listable(sql, viewer).and(EVENTS.ENDS_AT.le(now))
                .and(before == null ? DSL.trueCondition() : EVENTS.STARTS_AT.lt(before)), true, PAGE);
    }

    /** The month's grid, Monday-started weeks, in the viewer's zone. */
    public List<List<Day>> month(DSLContext sql, Optional<Viewer> viewer, YearMonth month, ZoneId zone,
                                 long categoryId) {
        LocalDate first = month.atDay(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate last = month.atEndOfMonth().with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        Condition where = visibility.listable(sql, viewer)
                .and(EVENTS.STARTS_AT.ge(first.atStartOfDay(zone).toInstant()))
                .and(EVENTS.STARTS_AT.lt(last.plusDays(1).atStartOfDay(zone).toInstant()));
        Map<LocalDate, List<Event>> byDay = EventRows.list(sql,
                        categoryId == 0 ? where : where.and(EVENTS.CATEGORY_ID.eq(categoryId)), false, 1000)
                .stream().collect(Collectors.groupingBy(e -> e.startsAt().atZone(zone).toLocalDate()));
        List<List<Day>> weeks = new ArrayList<>();
        for (LocalDate week = first; !week.isAfter(last); week = week.plusWeeks(1)) {
            List<Day> days = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                LocalDate day = week.plusDays(i);
                days.add(new Day(day, YearMonth.from(day).equals(month), byDay.getOrDefault(day, List.of())));
            }
            weeks.add(days);
        }
        return weeks;
    }

    /**
     * A member's events for their profile: those they host and those they go to (unless they hide their answers
     * from others), upcoming first and then the latest past ones.
     */
    public List<Event> ofMember(DSLContext sql, Optional<Viewer> viewer, long memberId) {
        boolean self = viewer.filter(v -> v.memberId() == memberId || v.isStaff()).isPresent();
        Condition going = DSL.exists(DSL.selectOne().from(EVENT_RSVPS).where(EVENT_RSVPS.EVENT_ID.eq(EVENTS.ID),
                EVENT_RSVPS.MEMBER_ID.eq(memberId), EVENT_RSVPS.STATUS.eq(Rsvps.GOING),
                self ? DSL.trueCondition() : EVENT_RSVPS.HIDDEN.isFalse()));
        Condition mine = visibility.listable(sql, viewer).and(EVENTS.HOST_ID.eq(memberId).or(going));
        Instant now = clock.instant();
        List<Event> events = new ArrayList<>(EventRows.list(sql, mine.and(EVENTS.ENDS_AT.gt(now)), false, PAGE));
        events.addAll(EventRows.list(sql, mine.and(EVENTS.ENDS_AT.le(now)), true, 10));
        return events;
    }

    /** A member's id and display name from their username, or a 404. */
    static Map<String, Object> member(DSLContext sql, String username) {
        return sql.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.DISPLAY_NAME).from(MEMBERS)
                .where(MEMBERS.USERNAME_KEY.eq(username.toLowerCase(Locale.ROOT)), MEMBERS.DELETED_AT.isNull())
                .fetchOptional(r -> Map.<String, Object>of("id", r.value1(), "username", r.value2(),
                        "displayName", r.value3()))
                .orElseThrow(() -> new NotFound("There is no such member."));
    }

    /** A category the viewer sees, by slug (id, name, slug), or a 404. */
    Map<String, Object> category(DSLContext sql, Optional<Viewer> viewer, String slug) {
        return sql.select(CATEGORIES.ID, CATEGORIES.NAME, CATEGORIES.SLUG).from(CATEGORIES)
                .where(CATEGORIES.SLUG.eq(slug)).fetchOptional()
                .filter(r -> visibility.seesCategory(viewer, r.value1()))
                .map(r -> Map.<String, Object>of("id", r.value1(), "name", r.value2(), "slug", r.value3()))
                .orElseThrow(() -> new NotFound("There is no such category."));
    }

    /** {@link #hostable}, or a 403 when there is none (the viewer may not host events at all). */
    List<Map<String, Object>> hostableOrRefuse(DSLContext sql, Viewer viewer) {
        List<Map<String, Object>> categories = hostable(sql, viewer);
        if (categories.isEmpty()) {
            throw new Forbidden("You may not host events.");
        }
        return categories;
    }

    /** The form's category choices by id and by slug, for {@link EventForm#parse}. */
    static Map<String, Long> ids(List<Map<String, Object>> categories) {
        Map<String, Long> ids = new HashMap<>();
        for (Map<String, Object> c : categories) {
            long id = Long.parseLong((String) c.get("value"));
            ids.put((String) c.get("value"), id);
            ids.put((String) c.get("slug"), id);
        }
        return ids;
    }

    /** The categories the viewer may host events in, for the form (id, name). */
    List<Map<String, Object>> hostable(DSLContext sql, Viewer viewer) {
        return sql.select(CATEGORIES.ID, CATEGORIES.NAME, CATEGORIES.SLUG).from(CATEGORIES)
                .orderBy(CATEGORIES.POSITION, CATEGORIES.NAME).fetch().stream()
                .filter(r -> visibility.mayHost(viewer.asMemberView(), r.value1()))
                .map(r -> Map.<String, Object>of("value", String.valueOf(r.value1()), "label", r.value2(),
                        "slug", r.value3()))
                .toList();
    }
}
