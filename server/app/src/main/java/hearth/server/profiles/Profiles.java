package hearth.server.profiles;

import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.api.content.Draft;
import hearth.api.views.MemberView;
import hearth.api.content.Verdict;
import hearth.api.events.MemberProfileChanged;
import hearth.server.access.ContentGuards;
import hearth.server.accounts.MemberViews;
import hearth.server.accounts.Members.Role;
import hearth.server.accounts.Viewer;
import hearth.server.db.Tx;
import hearth.server.discussions.Markdown;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/** Members' profiles: finding one, showing it to a viewer, and changing it. */
public final class Profiles {

    private final Markdown markdown;
    private final CustomFields fields;
    private final MemberActivity activity;
    private final ContentGuards guards;
    private final Clock clock;

    public Profiles(Markdown markdown, CustomFields fields, MemberActivity activity, ContentGuards guards,
                    Clock clock) {
        this.guards = guards;
        this.clock = clock;
        this.markdown = markdown;
        this.fields = fields;
        this.activity = activity;
    }

    /** The member with this username, in any case. */
    public Optional<MemberProfile> find(DSLContext sql, String username) {
        if (username == null || username.isEmpty() || username.length() > 20) {
            return Optional.empty();
        }
        // Deleted accounts (anonymous tombstones, see AccountDeletion) have no profile to show.
        return load(sql, MEMBERS.USERNAME_KEY.eq(username.toLowerCase(Locale.ROOT)).and(MEMBERS.DELETED_AT.isNull()));
    }

    public MemberProfile require(DSLContext sql, String username) {
        return find(sql, username).orElseThrow(() -> new NotFound("There is no member called " + username + "."));
    }

    public MemberProfile require(DSLContext sql, long memberId) {
        return load(sql, MEMBERS.ID.eq(memberId)).orElseThrow(() -> new NotFound("That member no longer exists."));
    }

    /** The profile as this viewer may see it. */
    public ProfileView view(DSLContext sql, Optional<Viewer> viewer, MemberProfile member) {
        Audience audience = Audience.of(viewer, member.id());
        if (!audience.seesProfile(member.profileHidden())) {
            return ProfileView.restricted(member);
        }
        boolean editable = viewer.map(v -> mayEdit(v, member)).orElse(false);
        return ProfileView.of(member, audience, editable, activity.counts(sql, member.id()),
                activity.recent(sql, member.id()), fields.all(sql), fields.values(sql, member.id()));
    }

    /** The member themself, or an admin, may change a profile. */
    public static boolean mayEdit(Viewer viewer, MemberProfile member) {
        return viewer.memberId() == member.id() || viewer.role() == Role.ADMIN;
    }

    public static void requireMayEdit(Viewer viewer, MemberProfile member) {
        if (!mayEdit(viewer, member)) {
            throw new Forbidden("Only " + member.username() + " and the site's admins can change this profile.");
        }
    }

    /** The member as plugins' slots see them. */
    public Optional<MemberView> memberView(DSLContext sql, long memberId) {
        return MemberViews.find(sql, MEMBERS.ID.eq(memberId), clock.instant());
    }

    /**
     * What the content guards say against a bio. A profile has no review queue, so text a guard would hold for
     * review is refused with the guard's reason too.
     */
    private Optional<String> guardsRefusal(Tx tx, long memberId, String bio) {
        return MemberViews.find(tx.sql(), MEMBERS.ID.eq(memberId), clock.instant())
                .map(author -> guards.review(new Draft(Draft.Kind.PROFILE, author, 0, 0, 0, "", bio, 0)))
                .filter(verdict -> verdict.outcome() != Verdict.Outcome.ACCEPT)
                .map(Verdict::reason);
    }

    /**
     * Checks every change and applies them all, or none: fails with {@link InvalidInput} naming each bad field
     * ({@code displayName}, {@code bio}, ..., {@code fields.<id>}). The bio's HTML is rendered here, once.
     */
    public void update(Tx tx, long memberId, ProfileEdit edit) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<Field<?>, Object> changes = new HashMap<>();
        if (edit.displayName() != null) {
            String name = edit.displayName().strip();
            ProfileRules.displayNameProblem(name).ifPresent(m -> errors.put("displayName", m));
            changes.put(MEMBERS.DISPLAY_NAME, name);
        }
        if (edit.bio() != null) {
            String bio = edit.bio().strip();
            ProfileRules.bioProblem(bio).or(() -> bio.isEmpty() ? Optional.empty() : guardsRefusal(tx, memberId, bio))
                    .ifPresent(m -> errors.put("bio", m));
            changes.put(MEMBERS.BIO, bio.isEmpty() ? null : bio);
            changes.put(MEMBERS.BIO_HTML, bio.isEmpty() || errors.containsKey("bio") ? null : markdown.toHtml(bio));
        }
        line(edit.location(), "location", ProfileRules.LOCATION_MAX, "The location", MEMBERS.LOCATION, errors, changes);
        if (edit.website() != null) {
            String website = edit.website().strip();
            ProfileRules.linkProblem(website).ifPresent(m -> errors.put("website", m));
            changes.put(MEMBERS.WEBSITE, website);
        }
        line(edit.pronouns(), "pronouns", ProfileRules.PRONOUNS_MAX, "Pronouns", MEMBERS.PRONOUNS, errors, changes);
        if (edit.timeZone() != null) {
            String zone = edit.timeZone().strip();
            ProfileRules.zoneProblem(zone).ifPresentOrElse(m -> errors.put("timeZone", m),
                    () -> changes.put(MEMBERS.TIME_ZONE, ZoneId.of(zone).getId()));
        }
        if (edit.hideProfile() != null) {
            changes.put(MEMBERS.PROFILE_HIDDEN, edit.hideProfile());
        }
        if (edit.hidePresence() != null) {
            changes.put(MEMBERS.PRESENCE_HIDDEN, edit.hidePresence());
        }
        errors.putAll(fields.problems(tx.sql(), edit.fields()));
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (!changes.isEmpty()) {
            tx.sql().update(MEMBERS).set(changes).where(MEMBERS.ID.eq(memberId)).execute();
        }
        if (changes.containsKey(MEMBERS.DISPLAY_NAME) || changes.containsKey(MEMBERS.BIO)
                || changes.containsKey(MEMBERS.PROFILE_HIDDEN)) {
            tx.record(new MemberProfileChanged(memberId)); // for what shows or indexes profiles
        }
        fields.store(tx, memberId, edit.fields());
    }

    private static void line(String value, String name, int max, String what, Field<String> column,
                             Map<String, String> errors, Map<Field<?>, Object> changes) {
        if (value != null) {
            String clean = value.strip();
            ProfileRules.lineProblem(clean, max, what).ifPresent(m -> errors.put(name, m));
            changes.put(column, clean);
        }
    }

    private static Optional<MemberProfile> load(DSLContext sql, Condition which) {
        return sql.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.DISPLAY_NAME, MEMBERS.ROLE, MEMBERS.BIO,
                        MEMBERS.BIO_HTML, MEMBERS.LOCATION, MEMBERS.WEBSITE, MEMBERS.PRONOUNS, MEMBERS.TIME_ZONE,
                        MEMBERS.PROFILE_HIDDEN, MEMBERS.PRESENCE_HIDDEN, MEMBERS.CREATED_AT, MEMBERS.LAST_SEEN_AT)
                .from(MEMBERS).where(which)
                .fetchOptional(Profiles::profile);
    }

    private static MemberProfile profile(Record r) {
        return new MemberProfile(r.get(MEMBERS.ID), r.get(MEMBERS.USERNAME), r.get(MEMBERS.DISPLAY_NAME),
                Role.valueOf(r.get(MEMBERS.ROLE).toUpperCase(Locale.ROOT)), r.get(MEMBERS.BIO), r.get(MEMBERS.BIO_HTML),
                r.get(MEMBERS.LOCATION), r.get(MEMBERS.WEBSITE), r.get(MEMBERS.PRONOUNS), r.get(MEMBERS.TIME_ZONE),
                r.get(MEMBERS.PROFILE_HIDDEN), r.get(MEMBERS.PRESENCE_HIDDEN), r.get(MEMBERS.CREATED_AT),
                r.get(MEMBERS.LAST_SEEN_AT));
    }
}
