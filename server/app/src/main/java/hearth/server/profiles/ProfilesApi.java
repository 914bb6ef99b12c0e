package hearth.server.profiles;

import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.api.errors.InvalidInput;
import hearth.server.web.Json;
import hearth.server.web.SiteThemes;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Profiles, the directory and preferences in JSON under {@code /api/v1}, with the same rules as the pages. Writes
 * from a browser session need the {@code X-CSRF-Token} header.
 */
public final class ProfilesApi implements Routes {

    private static final Set<String> PROFILE_FIELDS = Set.of("displayName", "bio", "location", "website",
            "pronouns", "timeZone", "hideProfile", "hidePresence", "fields");
    private static final Set<String> PREFERENCE_FIELDS = Set.of("email", "theme", "timeZone", "ignored",
            "siteTheme");

    private final Database db;
    private final Profiles profiles;
    private final CustomFields fields;
    private final MemberDirectory directory;
    private final MemberPreferences preferences;
    private final SiteThemes siteThemes;
    private final ProfileCaches caches;

    public ProfilesApi(Database db, Profiles profiles, CustomFields fields, MemberDirectory directory,
                       MemberPreferences preferences, ProfileCaches caches, SiteThemes siteThemes) {
        this.siteThemes = siteThemes;
        this.db = db;
        this.profiles = profiles;
        this.fields = fields;
        this.directory = directory;
        this.preferences = preferences;
        this.caches = caches;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/members").handler(this::list);
        router.get("/api/v1/members/:username").handler(this::member);
        router.get("/api/v1/me/profile").handler(this::ownProfile);
        router.patch("/api/v1/me/profile").handler(this::changeProfile);
        router.get("/api/v1/me/preferences").handler(this::ownPreferences);
        router.put("/api/v1/me/preferences").handler(this::changePreferences);
    }

    private void list(RoutingContext ctx) {
        DirectoryQuery query = DirectoryQuery.parse(ctx.request().getParam("sort"), ctx.request().getParam("q"),
                ctx.request().getParam("page"));
        Json.respond(ctx, 200, db.read(sql -> directory.list(sql, Viewer.of(ctx), query).toJson()));
    }

    private void member(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        Json.respond(ctx, 200, db.read(sql ->
                profiles.view(sql, Viewer.of(ctx), profiles.require(sql, username)).toJson()));
    }

    private void ownProfile(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        Json.respond(ctx, 200, db.read(sql -> ownProfile(sql, viewer)));
    }

    private void changeProfile(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        JsonObject body = Json.body(ctx);
        JsonInput.onlyKnown(body, PROFILE_FIELDS);
        Map<Long, String> answers = new HashMap<>();
        Map<String, String> given = JsonInput.strings(body, "fields");
        if (given != null) {
            given.forEach((key, value) -> {
                try {
                    answers.put(Long.parseLong(key), value.strip());
                } catch (NumberFormatException e) {
                    throw new InvalidInput("fields." + key, "Name custom fields by their id.");
                }
            });
        }
        ProfileEdit edit = new ProfileEdit(JsonInput.string(body, "displayName"), JsonInput.string(body, "bio"),
                JsonInput.string(body, "location"), JsonInput.string(body, "website"),
                JsonInput.string(body, "pronouns"), JsonInput.string(body, "timeZone"),
                JsonInput.bool(body, "hideProfile"), JsonInput.bool(body, "hidePresence"), answers);
        db.write(tx -> {
            profiles.update(tx, viewer.memberId(), edit);
            return null;
        }).onSuccess(done -> caches.forget(viewer.memberId()))
                .compose(done -> db.read(sql -> ownProfile(sql, viewer)))
                .onSuccess(json -> Json.send(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    private void ownPreferences(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        Json.respond(ctx, 200, db.read(sql -> preferencesJson(sql, viewer)));
    }

    private JsonObject preferencesJson(DSLContext sql, Viewer viewer) {
        return preferences.load(sql, viewer.memberId()).toJson()
                .put("siteTheme", preferences.siteTheme(sql, viewer.memberId()));
    }

    private void changePreferences(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        JsonObject body = Json.body(ctx);
        JsonInput.onlyKnown(body, PREFERENCE_FIELDS);
        Map<String, String> email = JsonInput.strings(body, "email");
        PreferencesUpdate update = PreferencesUpdate.parse(email == null ? Map.of() : email,
                JsonInput.string(body, "theme"), JsonInput.string(body, "timeZone"),
                JsonInput.stringList(body, "ignored"));
        String siteTheme = JsonInput.string(body, "siteTheme");
        if (siteTheme != null && !siteTheme.isEmpty() && !siteThemes.enabled().contains(siteTheme)) {
            throw new InvalidInput("siteTheme", "Choose one of the themes admins enabled; " + siteTheme
                    + " is not offered to members.");
        }
        db.write(tx -> {
            preferences.update(tx, viewer.memberId(), update);
            if (siteTheme != null) {
                preferences.pickSiteTheme(tx, viewer.memberId(), siteTheme.isEmpty() ? null : siteTheme);
            }
            return null;
        }).onSuccess(done -> caches.forget(viewer.memberId()))
                .compose(done -> db.read(sql -> preferencesJson(sql, viewer)))
                .onSuccess(json -> Json.send(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    /** The member's own profile: what others may see, plus what only the member edits. */
    private JsonObject ownProfile(DSLContext sql, Viewer viewer) {
        MemberProfile member = profiles.require(sql, viewer.memberId());
        Map<Long, String> values = fields.values(sql, member.id());
        JsonArray custom = new JsonArray();
        fields.all(sql).forEach(f -> custom.add(new JsonObject().put("id", f.id()).put("label", f.label())
                .put("kind", f.kindKey()).put("options", new JsonArray(f.options()))
                .put("visibility", f.visibilityKey()).put("value", values.getOrDefault(f.id(), ""))));
        return profiles.view(sql, java.util.Optional.of(viewer), member).toJson()
                .put("bio", member.bio() == null ? "" : member.bio())
                .put("hideProfile", member.profileHidden())
                .put("hidePresence", member.presenceHidden())
                .put("fields", custom);
    }
}
