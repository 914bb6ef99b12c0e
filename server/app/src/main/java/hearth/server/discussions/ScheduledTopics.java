package hearth.server.discussions;

import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.profiles.DisplayPreferences;
import hearth.server.web.Forms;
import hearth.server.web.Json;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topics staff schedule for later: until their time only staff and the author see them (with a "Scheduled for"
 * badge). {@link #publishDue} runs every few seconds on every node; publishing re-checks the topic under its row lock,
 * so each is published once, by whichever node gets there first, and {@code TopicCreated} is recorded then. Staff
 * may publish one at once or move its time ({@code POST /t/<slug>/<id>/publish}, {@code /schedule}, or
 * {@code POST /api/v1/topics/{id}/publish} with an optional {@code publishAt}).
 */
public final class ScheduledTopics implements Routes {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTopics.class);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final Database db;
    private final Discussions discussions;
    private final TopicReader reader;
    private final Clock clock;

    public ScheduledTopics(Database db, Discussions discussions, TopicReader reader, Clock clock) {
        this.db = db;
        this.discussions = discussions;
        this.reader = reader;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.post("/t/:slug/:id/publish").handler(ctx -> redirect(ctx, publish(Viewer.required(ctx),
                Forms.pathId(ctx, "id", "topic"), null)));
        router.post("/t/:slug/:id/schedule").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            Instant at = fromForm(Forms.field(ctx, "publishAt"), DisplayPreferences.of(ctx).zone());
            if (at == null) {
                throw new InvalidInput("publishAt", "Choose when to publish it.");
            }
            redirect(ctx, publish(viewer, Forms.pathId(ctx, "id", "topic"), at));
        });
        router.post("/api/v1/topics/:id/publish").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            JsonObject body = ctx.body().isEmpty() ? new JsonObject() : Json.body(ctx);
            Instant at = fromApi(body.getValue("publishAt"));
            long id = Forms.pathId(ctx, "id", "topic");
            Json.respond(ctx, 200, publish(viewer, id, at).compose(done -> db.read(sql -> {
                TopicReader.Topic topic = reader.findAny(sql, id).orElseThrow(TopicReader::noSuchTopic);
                return new JsonObject().put("id", topic.id()).put("url", topic.path())
                        .put("publishAt", topic.publishAt() == null ? null : topic.publishAt().toString());
            })));
        });
    }

    /** Checks a requested publication time: staff only, in the future. Null stays null (publish at once). */
    public Instant check(Viewer viewer, Instant publishAt) {
        if (publishAt == null) {
            return null;
        }
        if (!viewer.isStaff()) {
            throw new Forbidden("Only moderators and admins can schedule topics.");
        }
        if (!publishAt.isAfter(clock.instant())) {
            throw new InvalidInput("publishAt", "Choose a time in the future, or leave it empty to publish now.");
        }
        return publishAt;
    }

    /** Publishes the scheduled topic now ({@code at} null) or moves it to {@code at}; staff only. */
    Future<Void> publish(Viewer viewer, long topicId, Instant at) {
        if (!viewer.isStaff()) {
            throw new Forbidden("Only moderators and admins can publish scheduled topics.");
        }
        Instant when = check(viewer, at);
        return db.write(tx -> {
            TopicReader.Topic topic = reader.findAny(tx.sql(), topicId).filter(t -> !t.isPrivate())
                    .orElseThrow(TopicReader::noSuchTopic);
            if (!topic.scheduled()) {
                throw new InvalidInput("publishAt", "This topic is already published.");
            }
            if (when == null) {
                discussions.publish(tx, topicId);
            } else {
                tx.sql().update(TOPICS).set(TOPICS.PUBLISH_AT, when)
                        .where(TOPICS.ID.eq(topicId), TOPICS.PUBLISH_AT.isNotNull()).execute();
            }
            return null;
        });
    }

    /** Publishes every topic whose time has come (blocking); returns how many this node published. */
    public int publishDue() {
        List<Long> due = db.query(sql -> sql.select(TOPICS.ID).from(TOPICS)
                .where(TOPICS.PUBLISH_AT.le(clock.instant())).orderBy(TOPICS.PUBLISH_AT).limit(100)
                .fetch(TOPICS.ID));
        int published = 0;
        for (long id : due) {
            try {
                if (db.transaction(tx -> discussions.publish(tx, id))) {
                    published++;
                }
            } catch (RuntimeException e) {
                log.warn("Could not publish scheduled topic {}: {}", id, e.toString());
            }
        }
        return published;
    }

    /** A form's local date and time in the viewer's zone; null when empty. */
    static Instant fromForm(String raw, ZoneId zone) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, LOCAL).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput("publishAt", "Give a date and time like 2026-12-24T18:00.");
        }
    }

    /** The API's UTC time; null when absent. */
    static Instant fromApi(Object raw) {
        if (raw == null || (raw instanceof String text && text.isBlank())) {
            return null;
        }
        try {
            return Instant.parse(String.valueOf(raw));
        } catch (DateTimeParseException e) {
            throw new InvalidInput("publishAt", "Give the time in UTC, like 2026-12-24T18:00:00Z.");
        }
    }

    private static void redirect(RoutingContext ctx, Future<Void> done) {
        String back = "/t/" + ctx.pathParam("slug") + "/" + ctx.pathParam("id");
        done.onSuccess(ok -> Pages.redirect(ctx, back)).onFailure(ctx::fail);
    }
}
