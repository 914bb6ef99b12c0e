package hearth.server.events;

import static hearth.server.db.schema.tables.EventInvitees.EVENT_INVITEES;
import static hearth.server.db.schema.tables.EventSeries.EVENT_SERIES;
import static hearth.server.db.schema.tables.Events.EVENTS;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.events.EventCancelled;
import hearth.api.events.EventChanged;
import hearth.api.events.EventCreated;
import hearth.api.views.MemberView;
import hearth.server.accounts.MemberViews;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.server.discussions.Discussions;
import hearth.server.discussions.Markdown;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * Creating, editing and cancelling events. A new event gets its discussion topic (through {@link Discussions}, in
 * the same transaction); a recurring one gets a series row and one events row per occurrence, all sharing the topic.
 * Editing "this occurrence" detaches it from the series; editing "the series" changes this and every later
 * occurrence still attached, moving each by the same shift in time.
 */
public final class Events {

    private final Database db;
    private final EventTopics topics;
    private final Markdown markdown;
    private final EventVisibility visibility;
    private final Waitlist waitlist;
    private final EventNotices notices;
    private final Clock clock;
    private final Supplier<String> checkInCodes;

    Events(Database db, Discussions discussions, Markdown markdown, EventVisibility visibility, Waitlist waitlist,
           EventNotices notices, Clock clock, Supplier<String> checkInCodes) {
        this.db = db;
        this.topics = new EventTopics(discussions, clock);
        this.markdown = markdown;
        this.visibility = visibility;
        this.waitlist = waitlist;
        this.notices = notices;
        this.clock = clock;
        this.checkInCodes = checkInCodes;
    }

    /**
     * Creates an event (a series when the draft repeats) hosted by {@code hostId}, with its discussion topic, if the
     * host may host events in the draft's category; returns the id of the (first) occurrence. The one way in for
     * pages, the API and imports.
     */
    public Future<Long> create(EventDraft draft, long hostId) {
        draft.check();
        return db.write(tx -> create(tx, draft, hostId));
    }

    /** {@link #create(EventDraft, long)} inside the caller's transaction. */
    public long create(Tx tx, EventDraft draft, long hostId) {
        draft.check();
        DSLContext sql = tx.sql();
        Instant now = clock.instant();
        MemberView host = MemberViews.find(sql, MEMBERS.ID.eq(hostId), now)
                .orElseThrow(() -> new Forbidden("Only members can host events."));
        if (!visibility.mayHost(host, draft.categoryId())) {
            throw new Forbidden("You may not host events in this category.");
        }
        List<Long> invitees = inviteeIds(sql, draft.invitees());
        List<Instant> starts = draft.recurrence() == null ? List.of(draft.startsAt())
                : draft.recurrence().starts(LocalDateTime.ofInstant(draft.startsAt(), draft.zone()), draft.zone());
        if (starts.isEmpty()) {
            throw new InvalidInput("repeat", "The repetition gives no occurrence; check its end.");
        }
        Long seriesId = draft.recurrence() == null ? null : sql.insertInto(EVENT_SERIES)
                .set(EVENT_SERIES.RRULE, draft.recurrence().toRrule()).set(EVENT_SERIES.TIME_ZONE, draft.zone().getId())
                .set(EVENT_SERIES.CREATED_AT, now).returning(EVENT_SERIES.ID).fetchSingle(EVENT_SERIES.ID);
        long topicId = topics.start(tx, draft, hostId, invitees, topicBody(draft));
        String html = markdown.toHtml(draft.description());
        Duration length = Duration.between(draft.startsAt(), draft.endsAt());
        Duration deadline = draft.rsvpDeadline() == null ? null : Duration.between(draft.rsvpDeadline(),
                draft.startsAt());
        long first = 0;
        for (Instant start : starts) {
            long id = sql.insertInto(EVENTS)
                    .set(EVENTS.SERIES_ID, seriesId).set(EVENTS.TOPIC_ID, topicId)
                    .set(EVENTS.CATEGORY_ID, draft.categoryId()).set(EVENTS.HOST_ID, hostId)
                    .set(EVENTS.TITLE, draft.title()).set(EVENTS.DESCRIPTION_MARKDOWN, draft.description())
                    .set(EVENTS.DESCRIPTION_HTML, html).set(EVENTS.STARTS_AT, start)
                    .set(EVENTS.ENDS_AT, start.plus(length)).set(EVENTS.TIME_ZONE, draft.zone().getId())
                    .set(EVENTS.ALL_DAY, draft.allDay()).set(EVENTS.ONLINE_URL, draft.onlineUrl())
                    .set(EVENTS.VENUE, draft.venue()).set(EVENTS.CAPACITY, draft.capacity())
                    .set(EVENTS.GUEST_LIMIT, draft.guestLimit())
                    .set(EVENTS.RSVP_DEADLINE, deadline == null ? null : start.minus(deadline))
                    .set(EVENTS.COVER_UPLOAD_ID, draft.coverUploadId())
                    .set(EVENTS.VISIBILITY, draft.visibility().key()).set(EVENTS.CHECK_IN_CODE, checkInCodes.get())
                    .set(EVENTS.IMPORT_UID, first == 0 ? draft.importUid() : null)
                    .set(EVENTS.CREATED_AT, now).set(EVENTS.UPDATED_AT, now)
                    .returning(EVENTS.ID).fetchSingle(EVENTS.ID);
            first = first == 0 ? id : first;
            storeInvitees(sql, id, invitees, now);
            tx.record(new EventCreated(id, seriesId == null ? 0 : seriesId, topicId, draft.categoryId(), hostId, start,
                    draft.capacity() == null ? 0 : draft.capacity()));
        }
        for (long invitee : invitees) {
            if (invitee != hostId) {
                notices.invited(sql, first, draft.title(), invitee, hostId);
            }
        }
        return first;
    }

    /**
     * Saves an edit of one occurrence (which then no longer follows the series) or, with {@code wholeSeries}, of it
     * and every later occurrence still following the series. The draft's recurrence is ignored: a series keeps its
     * rule. Moving the time or place tells everyone who answered; added seats go to the waitlist.
     */
    public Future<Void> update(Viewer viewer, long eventId, EventDraft draft, boolean wholeSeries) {
        draft.check();
        return db.write(tx -> {
            DSLContext sql = tx.sql();
            Rsvps.lock(sql, eventId);
            Event event = changeable(sql, viewer, eventId);
            if (draft.categoryId() != event.categoryId() && !visibility.mayHost(viewer.asMemberView(),
                    draft.categoryId())) {
                throw new Forbidden("You may not host events in that category.");
            }
            List<Long> invitees = inviteeIds(sql, draft.invitees());
            Duration shift = Duration.between(event.startsAt(), draft.startsAt());
            Duration length = Duration.between(draft.startsAt(), draft.endsAt());
            Duration deadline = draft.rsvpDeadline() == null ? null
                    : Duration.between(draft.rsvpDeadline(), draft.startsAt());
            List<Event> targets = new ArrayList<>(List.of(event));
            if (wholeSeries && event.recurring()) {
                for (Event later : EventRows.list(sql, EVENTS.SERIES_ID.eq(event.seriesId())
                        .and(EVENTS.STARTS_AT.gt(event.startsAt())).and(EVENTS.DETACHED.isFalse())
                        .and(EVENTS.STATUS.eq(Event.SCHEDULED)), false, Recurrence.MAX_OCCURRENCES)) {
                    Rsvps.lock(sql, later.id());
                    targets.add(later);
                }
            }
            String html = markdown.toHtml(draft.description());
            Instant now = clock.instant();
            for (Event target : targets) {
                Instant start = target.startsAt().plus(shift);
                boolean moved = !shift.isZero() || !start.plus(length).equals(target.endsAt())
                        || !Objects.equals(draft.venue(), target.venue())
                        || !Objects.equals(draft.onlineUrl(), target.onlineUrl());
                int sequence = target.sequence() + (moved ? 1 : 0);
                sql.update(EVENTS).set(EVENTS.TITLE, draft.title())
                        .set(EVENTS.DESCRIPTION_MARKDOWN, draft.description()).set(EVENTS.DESCRIPTION_HTML, html)
                        .set(EVENTS.CATEGORY_ID, draft.categoryId())
                        .set(EVENTS.STARTS_AT, start).set(EVENTS.ENDS_AT, start.plus(length))
                        .set(EVENTS.TIME_ZONE, draft.zone().getId()).set(EVENTS.ALL_DAY, draft.allDay())
                        .set(EVENTS.ONLINE_URL, draft.onlineUrl()).set(EVENTS.VENUE, draft.venue())
                        .set(EVENTS.CAPACITY, draft.capacity()).set(EVENTS.GUEST_LIMIT, draft.guestLimit())
                        .set(EVENTS.RSVP_DEADLINE, deadline == null ? null : start.minus(deadline))
                        .set(EVENTS.COVER_UPLOAD_ID, draft.coverUploadId())
                        .set(EVENTS.VISIBILITY, draft.visibility().key()).set(EVENTS.SEQUENCE, sequence)
                        .set(EVENTS.DETACHED, target.detached() || (!wholeSeries && target.recurring()))
                        .set(EVENTS.UPDATED_AT, now)
                        .where(EVENTS.ID.eq(target.id())).execute();
                // The discussion moves with its event, once no date of a series is left behind (an invite-only
                // event's conversation has no category to move).
                topics.follow(tx, target.topicId(), draft.visibility(), draft.categoryId(), target.hostId(), invitees);
                if (draft.categoryId() != target.categoryId() && draft.visibility() != Visibility.INVITE
                        && !sql.fetchExists(EVENTS,
                        EVENTS.TOPIC_ID.eq(target.topicId()), EVENTS.CATEGORY_ID.ne(draft.categoryId()))) {
                    sql.update(TOPICS).set(TOPICS.CATEGORY_ID, draft.categoryId())
                            .where(TOPICS.ID.eq(target.topicId())).execute();
                }
                List<Long> before = sql.select(EVENT_INVITEES.MEMBER_ID).from(EVENT_INVITEES)
                        .where(EVENT_INVITEES.EVENT_ID.eq(target.id())).fetch(EVENT_INVITEES.MEMBER_ID);
                sql.deleteFrom(EVENT_INVITEES).where(EVENT_INVITEES.EVENT_ID.eq(target.id())).execute();
                storeInvitees(sql, target.id(), invitees, now);
                if (target == event) { // newly invited members hear of it once, not once per date
                    invitees.stream().filter(m -> !before.contains(m) && m != target.hostId())
                            .forEach(m -> notices.invited(sql, target.id(), draft.title(), m, viewer.memberId()));
                }
                tx.record(new EventChanged(target.id(), viewer.memberId(), start, moved));
                if (moved) {
                    notices.moved(sql, target, viewer.memberId(), sequence);
                }
                waitlist.promote(tx, target.id());
            }
            return null;
        });
    }

    /** Cancels one occurrence or, with {@code wholeSeries}, it and every later one; everyone who answered is told. */
    public Future<Void> cancel(Viewer viewer, long eventId, boolean wholeSeries) {
        return db.write(tx -> {
            DSLContext sql = tx.sql();
            Rsvps.lock(sql, eventId);
            Event event = changeable(sql, viewer, eventId);
            List<Event> targets = new ArrayList<>(List.of(event));
            if (wholeSeries && event.recurring()) {
                targets.addAll(EventRows.list(sql, EVENTS.SERIES_ID.eq(event.seriesId())
                        .and(EVENTS.STARTS_AT.gt(event.startsAt())).and(EVENTS.STATUS.eq(Event.SCHEDULED)),
                        false, Recurrence.MAX_OCCURRENCES));
            }
            for (Event target : targets) {
                if (target.cancelled()) {
                    continue;
                }
                Rsvps.lock(sql, target.id());
                sql.update(EVENTS).set(EVENTS.STATUS, Event.CANCELLED).set(EVENTS.SEQUENCE, target.sequence() + 1)
                        .set(EVENTS.UPDATED_AT, clock.instant()).where(EVENTS.ID.eq(target.id())).execute();
                tx.record(new EventCancelled(target.id(), viewer.memberId()));
                notices.cancelled(sql, target, viewer.memberId(), target.sequence() + 1);
            }
            return null;
        });
    }

    /** The event if the viewer may see it and change it: else a 404 (unseen) or a 403. */
    Event changeable(DSLContext sql, Viewer viewer, long eventId) {
        Event event = visibility.visible(sql, Optional.of(viewer), eventId);
        if (!visibility.mayChange(viewer, event)) {
            throw new Forbidden("Only the event's host and event managers can change it.");
        }
        return event;
    }

    private static String topicBody(EventDraft draft) {
        String about = draft.description().isEmpty() ? "" : draft.description() + "\n\n";
        return about + "_This topic is the discussion of the event \"" + draft.title()
                + "\": times, place and RSVPs are on the event's page._";
    }

    private static List<Long> inviteeIds(DSLContext sql, List<String> usernames) {
        Set<String> keys = new LinkedHashSet<>();
        usernames.stream().map(u -> u.strip().replaceFirst("^@", "").toLowerCase(Locale.ROOT))
                .filter(u -> !u.isEmpty()).forEach(keys::add);
        if (keys.isEmpty()) {
            return List.of();
        }
        var found = sql.select(MEMBERS.USERNAME_KEY, MEMBERS.ID).from(MEMBERS)
                .where(MEMBERS.USERNAME_KEY.in(keys), MEMBERS.DELETED_AT.isNull()).fetchMap(MEMBERS.USERNAME_KEY,
                        MEMBERS.ID);
        List<String> unknown = keys.stream().filter(k -> !found.containsKey(k)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInput("invitees", "No member is called " + String.join(", ", unknown) + ".");
        }
        return List.copyOf(found.values());
    }

    private static void storeInvitees(DSLContext sql, long eventId, List<Long> members, Instant now) {
        for (long member : members) {
            sql.insertInto(EVENT_INVITEES).set(EVENT_INVITEES.EVENT_ID, eventId)
                    .set(EVENT_INVITEES.MEMBER_ID, member).set(EVENT_INVITEES.INVITED_AT, now).execute();
        }
    }
}
