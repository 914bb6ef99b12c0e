package hearth.server.events;

import hearth.api.access.Permissions;
import hearth.server.db.Database;
import hearth.server.discussions.CategoryGrants;
import hearth.server.discussions.Discussions;
import hearth.server.discussions.Markdown;
import hearth.server.mail.Mailer;
import hearth.server.notifications.MemberNotifications;
import hearth.server.site.SiteSettings;
import hearth.server.web.Pages;
import hearth.server.web.RateLimiter;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Community events: the service ({@link Events}), answers and the waitlist, attendance, reminders, and their pages
 * and API. Hearth runs {@link #runDue} periodically for the reminders and the no-shows.
 */
public final class EventsFeature implements Routes {

    /** Check-in codes: easy to read out at the door (no 0/O, 1/I). */
    private static final String CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** What the feature needs from the rest of the site. */
    public record Needs(Database db, Clock clock, Markdown markdown, Permissions permissions,
                        CategoryGrants categories, MemberNotifications notifications, Mailer mailer,
                        SiteSettings settings, Pages pages, URI baseUrl) {
    }

    private static final Logger log = LoggerFactory.getLogger(EventsFeature.class);

    private final Events events;
    private final EventReminders reminders;
    private final Attendance attendance;
    private final EventPages pages;
    private final EventEditPages editPages;
    private final AttendancePages attendancePages;
    private final EventApi api;
    private final DeletedMemberRsvps deletedMembers;
    private volatile boolean failing;

    public EventsFeature(Needs needs) {
        EventVisibility visibility = new EventVisibility(needs.permissions(), needs.categories());
        EventNotices notices = new EventNotices(needs.notifications());
        Waitlist waitlist = new Waitlist(notices, needs.clock());
        this.events = new Events(needs.db(), new Discussions(needs.clock(), needs.markdown()), needs.markdown(),
                visibility, waitlist, notices, needs.clock(), checkInCodes(new SecureRandom()));
        Rsvps rsvps = new Rsvps(needs.db(), visibility, waitlist, needs.clock());
        this.attendance = new Attendance(needs.db(), visibility, needs.clock());
        this.reminders = new EventReminders(needs.db(), needs.settings(), notices, needs.mailer(), needs.baseUrl(),
                needs.clock());
        EventLists lists = new EventLists(visibility, needs.clock());
        RateLimiter answers = new RateLimiter(30, Duration.ofMinutes(1), needs.clock());
        this.pages = new EventPages(needs.db(), needs.pages(), visibility, lists, attendance, needs.clock());
        this.editPages = new EventEditPages(needs.db(), needs.pages(), events, lists);
        this.attendancePages = new AttendancePages(needs.db(), needs.pages(), visibility, rsvps, attendance, pages,
                answers);
        this.deletedMembers = new DeletedMemberRsvps(needs.db(), waitlist, needs.clock());
        this.api = new EventApi(needs.db(), events, visibility, lists, rsvps, attendance, answers, needs.clock());
    }

    /** The service: {@link Events#create(EventDraft, long)} is how other code (an import) creates events. */
    public Events events() {
        return events;
    }

    /** The journal listener that gives up deleted members' seats. */
    public DeletedMemberRsvps deletedMembers() {
        return deletedMembers;
    }

    /** Sends due reminders and records no-shows (blocking: run it off the event loop). */
    public void runDue() {
        try {
            reminders.sendDue();
            attendance.recordNoShows();
            if (failing) {
                failing = false;
                log.info("Event reminders: working again");
            }
        } catch (RuntimeException e) {
            if (!failing) { // one line per outage, not one per run
                failing = true;
                log.warn("Event reminders: cannot send or record, will keep trying: {}", e.toString(), e);
            }
        }
    }

    @Override
    public void mount(Router router) {
        pages.mount(router);
        editPages.mount(router);
        attendancePages.mount(router);
        pages.mountEventPage(router);
        api.mount(router);
    }

    static Supplier<String> checkInCodes(SecureRandom random) {
        return () -> {
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                code.append(CODE_LETTERS.charAt(random.nextInt(CODE_LETTERS.length())));
            }
            return code.toString();
        };
    }
}
