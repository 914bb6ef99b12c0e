package hearth.plugins.moderation.admin;

import hearth.api.Contributions;
import hearth.api.PluginContext;
import hearth.api.errors.InvalidInput;
import hearth.api.views.CategoryView;
import hearth.api.views.MemberView;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.moderation.Toolkit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugin's admin section, {@code /admin/x/moderation/}: category moderators (appointed and dismissed here,
 * audited) and links to the other moderation pages admins configure.
 */
public final class AdminFeature {

    /** One category moderator with their categories' names, for the page. */
    public record Appointed(long memberId, String username, List<CategoryView> categories) {
    }

    private final PluginContext context;
    private final Toolkit kit;

    private AdminFeature(Toolkit kit) {
        this.context = kit.context();
        this.kit = kit;
    }

    public static void contribute(Contributions site, Toolkit kit) {
        AdminFeature feature = new AdminFeature(kit);
        site.adminSection("Moderation")
                .get("/", feature::page)
                .post("/category-moderators", feature::appoint)
                .post("/category-moderators/remove", feature::dismiss);
    }

    private PageResponse page(PageRequest request) {
        return PageResponse.page("moderation::admin", model(Map.of(), Map.of(), request.query("done").orElse("")));
    }

    private PageResponse appoint(PageRequest request) {
        MemberView admin = request.viewer().orElseThrow();
        String username = request.form("username").orElse("").strip().replaceFirst("^@", "");
        String rawCategory = request.form("categoryId").orElse("");
        try {
            MemberView member = context.members().byUsername(username)
                    .orElseThrow(() -> new InvalidInput("username", username.isEmpty() ? "Enter a username."
                            : "There is no member called " + username + "."));
            if (member.isStaff()) {
                throw new InvalidInput("username", member.username() + " is a site moderator or admin already: "
                        + "they moderate every category.");
            }
            CategoryView category = category(rawCategory);
            context.database().transaction(tx -> {
                kit.audit().record(tx, admin.id(), "appoint", "member", member.id(), category.id(),
                        "Category moderator of " + category.name(), null, category.name());
                return null;
            });
            kit.staff().appoint(member.id(), category.id());
            return PageResponse.redirect("/admin/x/moderation/?done=appointed");
        } catch (InvalidInput invalid) {
            return PageResponse.page("moderation::admin", model(invalid.errors(),
                    Map.of("username", username, "categoryId", rawCategory), "")).withStatus(400);
        }
    }

    private PageResponse dismiss(PageRequest request) {
        MemberView admin = request.viewer().orElseThrow();
        long memberId = parse(request.form("memberId").orElse(""), "memberId");
        CategoryView category = category(request.form("categoryId").orElse(""));
        context.database().transaction(tx -> {
            kit.audit().record(tx, admin.id(), "dismiss", "member", memberId, category.id(),
                    "No longer category moderator of " + category.name(), category.name(), null);
            return null;
        });
        kit.staff().dismiss(memberId, category.id());
        return PageResponse.redirect("/admin/x/moderation/?done=dismissed");
    }

    private CategoryView category(String raw) {
        long id = parse(raw, "categoryId");
        return context.topics().categories().stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> new InvalidInput("categoryId", "Please choose a category."));
    }

    private static long parse(String raw, String field) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, field.equals("categoryId") ? "Please choose a category." : "Unknown member.");
        }
    }

    private Map<String, Object> model(Map<String, String> errors, Map<String, String> values, String done) {
        List<CategoryView> categories = context.topics().categories();
        List<Appointed> appointed = new ArrayList<>();
        kit.staff().categoryModerators().forEach((memberId, ids) -> appointed.add(new Appointed(memberId,
                context.members().byId(memberId).map(MemberView::username).orElse("member " + memberId),
                categories.stream().filter(c -> ids.contains(c.id())).toList())));
        appointed.sort(java.util.Comparator.comparing(Appointed::username));
        Map<String, Object> model = new HashMap<>();
        model.put("appointed", appointed);
        model.put("categories", categories);
        model.put("errors", errors);
        model.put("values", values);
        model.put("done", done);
        return model;
    }
}
