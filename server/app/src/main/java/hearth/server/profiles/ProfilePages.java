package hearth.server.profiles;

import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Profile pages: {@code /u/{username}} for everyone (privacy permitting) and {@code /u/{username}/edit} for the member
 * and admins. The avatar at {@code /u/{username}/avatar} belongs to the avatars feature.
 */
public final class ProfilePages implements Routes {

    private final Database db;
    private final Pages pages;
    private final Profiles profiles;
    private final CustomFields fields;
    private final ProfileCaches caches;

    public ProfilePages(Database db, Pages pages, Profiles profiles, CustomFields fields, ProfileCaches caches) {
        this.db = db;
        this.pages = pages;
        this.profiles = profiles;
        this.fields = fields;
        this.caches = caches;
    }

    @Override
    public void mount(Router router) {
        router.get("/u/:username").handler(this::show);
        router.get("/u/:username/edit").handler(this::editForm);
        router.post("/u/:username/edit").handler(this::save);
    }

    private void show(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        pages.respond(ctx, "profile", db.read(sql -> {
            MemberProfile member = profiles.require(sql, username);
            ProfileView profile = profiles.view(sql, Viewer.of(ctx), member);
            // what plugins' profile slots are about; none on a private profile, where nothing more should show
            return profile.restricted() ? Map.of("profile", profile)
                    : Map.of("profile", profile, "member", profiles.memberView(sql, member.id()));
        }));
    }

    private void editForm(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        String username = ctx.pathParam("username");
        pages.respond(ctx, "profile-edit", db.read(sql -> {
            MemberProfile member = profiles.require(sql, username);
            Profiles.requireMayEdit(viewer, member);
            return model(sql, viewer, member, stored(member, fields.values(sql, member.id())));
        }));
    }

    private void save(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        String username = ctx.pathParam("username");
        Map<String, Object> submitted = new HashMap<>();
        Map<Long, String> answers = new HashMap<>();
        for (String name : List.of("displayName", "bio", "location", "website", "pronouns", "timeZone")) {
            submitted.put(name, Forms.field(ctx, name));
        }
        submitted.put("hideProfile", Forms.checked(ctx, "hideProfile"));
        submitted.put("hidePresence", Forms.checked(ctx, "hidePresence"));
        ctx.request().formAttributes().names().stream().filter(n -> n.startsWith("fields.")).forEach(name -> {
            try {
                answers.put(Long.parseLong(name.substring("fields.".length())), Forms.field(ctx, name).strip());
                submitted.put(name, Forms.field(ctx, name));
            } catch (NumberFormatException e) {
                // not an input this page makes; ignore it
            }
        });
        ProfileEdit edit = new ProfileEdit((String) submitted.get("displayName"), (String) submitted.get("bio"),
                (String) submitted.get("location"), (String) submitted.get("website"),
                (String) submitted.get("pronouns"), (String) submitted.get("timeZone"),
                (Boolean) submitted.get("hideProfile"), (Boolean) submitted.get("hidePresence"), answers);
        db.write(tx -> {
            MemberProfile member = profiles.require(tx.sql(), username);
            Profiles.requireMayEdit(viewer, member);
            profiles.update(tx, member.id(), edit.withoutFieldsOtherThan(fields.all(tx.sql())));
            return member;
        }).onSuccess(member -> {
            caches.forget(member.id());
            Pages.redirect(ctx, "/u/" + member.username());
        }).onFailure(failure -> ProfileForms.showErrors(ctx, pages, "profile-edit", failure, () -> db.read(sql ->
                model(sql, viewer, profiles.require(sql, username), submitted))));
    }

    private Map<String, Object> model(DSLContext sql, Viewer viewer, MemberProfile member,
                                      Map<String, Object> values) {
        Map<String, Object> model = new HashMap<>();
        model.put("member", member);
        model.put("self", viewer.memberId() == member.id());
        model.put("customFields", fields.all(sql));
        model.put("values", values);
        model.put("zones", ProfileForms.ZONES);
        return model;
    }

    private static Map<String, Object> stored(MemberProfile member, Map<Long, String> answers) {
        Map<String, Object> values = new HashMap<>();
        values.put("displayName", member.displayName());
        values.put("bio", member.bio() == null ? "" : member.bio());
        values.put("location", member.location());
        values.put("website", member.website());
        values.put("pronouns", member.pronouns());
        values.put("timeZone", member.timeZone());
        values.put("hideProfile", member.profileHidden());
        values.put("hidePresence", member.presenceHidden());
        answers.forEach((id, value) -> values.put(CustomField.inputName(id), value));
        return values;
    }
}
