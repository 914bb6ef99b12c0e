package hearth.server.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom profile fields: the admin page at /admin/profile-fields, members' answers, and who sees them. */
class ProfileFieldsTest {

    private static final String PAGE = "/admin/profile-fields";

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Community people;
    static Browser admin;
    static Browser moderator;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        people = new Community(site);
        admin = people.signUp("Founder");
        moderator = people.staff("Tomas", "moderator");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static HttpResponse<String> addField(String label, String kind, String options, String visibility) {
        return admin.submit(PAGE, PAGE, Map.of("label", label, "kind", kind, "options", options,
                "visibility", visibility));
    }

    private static long fieldId(String label) {
        return people.number("SELECT id FROM profile_fields WHERE label = ?", label);
    }

    private static void assertFieldError(HttpResponse<String> response, String field, String message) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("id=\"" + field + "-error\" role=\"alert\">" + message), response.body());
    }

    /** The labels in the order the admin page lists them. */
    private static List<String> listedLabels() {
        String html = admin.get(PAGE).body();
        Matcher m = Pattern.compile("<tr class=\"profile-field\" data-field=\"\\d+\">\\s*<td>([^<]*)</td>").matcher(html);
        List<String> labels = new java.util.ArrayList<>();
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
    }

    private static Map<String, String> profileForm(String displayName, Map<String, String> answers) {
        Map<String, String> form = new HashMap<>(Map.of("displayName", displayName, "bio", "", "location", "",
                "website", "", "pronouns", "", "timeZone", "UTC"));
        form.putAll(answers);
        return form;
    }

    @Test
    void onlyAdminsManageProfileFields() {
        Browser member = people.signUp("Rowan");
        assertEquals(403, member.get(PAGE).statusCode());
        HttpResponse<String> forged = member.submit("/u/Rowan/edit", PAGE, Map.of("label", "Sneaky", "kind", "text",
                "options", "", "visibility", "everyone"));
        assertEquals(403, forged.statusCode());
        assertEquals(403, moderator.get(PAGE).statusCode(), "moderators are not admins");
        assertEquals(0, people.number("SELECT COUNT(*) FROM profile_fields WHERE label = 'Sneaky'"));
        HttpResponse<String> anonymous = new Browser(site).get(PAGE);
        assertEquals(303, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("location").orElseThrow().startsWith("/login?next="));

        assertEquals(303, addField("Shed size", "text", "", "everyone").statusCode());
        long id = fieldId("Shed size");
        assertEquals(403, member.submit("/u/Rowan/edit", PAGE + "/" + id + "/delete", Map.of()).statusCode());
        assertEquals(403, member.get(PAGE + "/" + id).statusCode());
        assertEquals(1, people.number("SELECT COUNT(*) FROM profile_fields WHERE id = ?", id));
        assertTrue(admin.get("/").body().contains("<a href=\"/admin/profile-fields\">Profile fields</a>"));
        assertFalse(member.get("/").body().contains("/admin/profile-fields"), "no admin link for members");
    }

    @Test
    void badDefinitionsAreExplainedNextToTheField() {
        HttpResponse<String> response = admin.submit(PAGE, PAGE, Map.of("label", " ", "kind", "colour",
                "options", "", "visibility", "friends"));
        assertFieldError(response, "label", "Enter a label.");
        assertFieldError(response, "kind", "Choose text, link or select.");
        assertFieldError(response, "visibility", "Choose who can see this field: everyone, members or staff.");
        assertFieldError(addField("Soil", "select", "\n \n", "everyone"), "options",
                "List the choices, one per line.");
        assertFieldError(addField("Soil", "select", "Clay\nclay", "everyone"), "options",
                "The option &quot;clay&quot; is listed twice.");
        assertFieldError(addField("L".repeat(61), "text", "", "everyone"), "label",
                "A label can be at most 60 characters long.");
        HttpResponse<String> kept = addField("Soil", "select", "Clay\nclay", "members");
        assertTrue(kept.body().contains("value=\"Soil\""), "the admin's input is kept");
        assertTrue(kept.body().contains("<option value=\"members\" selected>"), kept.body());
        assertEquals(303, addField("Allotment", "text", "", "everyone").statusCode());
        assertFieldError(addField("ALLOTMENT", "text", "", "everyone"), "label",
                "There is already a field with that label.");
        assertEquals(1, people.number("SELECT COUNT(*) FROM profile_fields WHERE label IN ('Allotment', 'ALLOTMENT')"));
        assertEquals(0, people.number("SELECT COUNT(*) FROM profile_fields WHERE label = 'Soil'"));
        assertEquals(404, admin.get(PAGE + "/999999").statusCode());
        assertEquals(404, admin.get(PAGE + "/not-a-number").statusCode());
        assertEquals(404, admin.submit(PAGE, PAGE + "/999999/delete", Map.of()).statusCode());
        long id = fieldId("Allotment");
        assertEquals(400, admin.submit(PAGE, PAGE + "/" + id + "/move", Map.of("direction", "sideways"))
                .statusCode());
    }

    @Test
    void adminsEditReorderAndDeleteFieldsAndMembersAnswerThem() {
        assertEquals(303, addField("Favourite crop", "text", "", "everyone").statusCode());
        assertEquals(303, addField("Seed library", "link", "", "members").statusCode());
        assertEquals(303, addField("Plot", "select", "North\nSouth\nEast", "staff").statusCode());
        long crop = fieldId("Favourite crop");
        long seeds = fieldId("Seed library");
        long plot = fieldId("Plot");
        List<String> before = listedLabels();
        assertTrue(before.indexOf("Favourite crop") < before.indexOf("Seed library")
                && before.indexOf("Seed library") < before.indexOf("Plot"), before.toString());

        Browser ines = people.signUp("Ines");
        HttpResponse<String> bad = ines.submit("/u/Ines/edit", "/u/Ines/edit", profileForm("Ines", Map.of(
                "fields." + crop, "Kale", "fields." + seeds, "javascript:alert(1)", "fields." + plot, "West")));
        assertFieldError(bad, "fields." + seeds, "Only web addresses starting with https:// or http:// are allowed.");
        assertFieldError(bad, "fields." + plot, "Choose one of the options for Plot.");
        assertTrue(bad.body().contains("value=\"Kale\""), bad.body());
        assertEquals(0, people.number("SELECT COUNT(*) FROM profile_field_values WHERE member_id = ?",
                people.id("Ines")), "all or nothing");

        HttpResponse<String> good = ines.submit("/u/Ines/edit", "/u/Ines/edit", profileForm("Ines", Map.of(
                "fields." + crop, "Kale", "fields." + seeds, "https://seeds.example/", "fields." + plot, "South")));
        assertEquals(303, good.statusCode(), good.body());
        String form = ines.get("/u/Ines/edit").body();
        assertTrue(form.contains("<option value=\"South\" selected>South</option>"), form);

        String anonymous = new Browser(site).get("/u/Ines").body();
        assertTrue(anonymous.contains("<dt>Favourite crop</dt><dd class=\"custom-field\" data-field=\"" + crop
                + "\">Kale</dd>"), anonymous);
        assertFalse(anonymous.contains("Seed library"), "members only");
        assertFalse(anonymous.contains("Plot"), "staff only");
        String member = people.signUp("Neighbour").get("/u/Ines").body();
        assertTrue(member.contains("<a href=\"https://seeds.example/\" rel=\"nofollow ugc noopener\">"), member);
        assertFalse(member.contains(">South<"), "staff only");
        assertTrue(moderator.get("/u/Ines").body().contains(">South</dd>"), "staff see staff-only answers");
        assertTrue(ines.get("/u/Ines").body().contains(">South</dd>"), "the member sees their own");

        // Reorder (other tests may have added fields before these): Plot up twice goes before Favourite crop.
        admin.submit(PAGE, PAGE + "/" + plot + "/move", Map.of("direction", "up"));
        assertEquals(303, admin.submit(PAGE, PAGE + "/" + plot + "/move", Map.of("direction", "up")).statusCode());
        List<String> moved = listedLabels();
        assertEquals(moved.indexOf("Favourite crop") - 1, moved.indexOf("Plot"), moved.toString());
        assertEquals(moved.indexOf("Favourite crop") + 1, moved.indexOf("Seed library"), moved.toString());
        admin.submit(PAGE, PAGE + "/" + crop + "/move", Map.of("direction", "down"));
        moved = listedLabels();
        assertEquals(moved.indexOf("Seed library") + 1, moved.indexOf("Favourite crop"), moved.toString());
        for (int i = 0; i <= moved.size(); i++) { // at the top it stays there
            admin.submit(PAGE, PAGE + "/" + plot + "/move", Map.of("direction", "up"));
        }
        assertEquals("Plot", listedLabels().getFirst());
        assertEquals(moved.size(), listedLabels().size());
        String staffView = moderator.get("/u/Ines").body();
        assertTrue(staffView.indexOf(">Plot<") < staffView.indexOf(">Favourite crop<"), staffView);

        // Edit: rename, show to everyone, drop the option Ines chose: her answer goes.
        HttpResponse<String> noOptions = admin.submit(PAGE + "/" + plot, PAGE + "/" + plot,
                Map.of("label", "Plot", "options", "", "visibility", "everyone"));
        assertFieldError(noOptions, "options", "List the choices, one per line.");
        HttpResponse<String> edited = admin.submit(PAGE + "/" + plot, PAGE + "/" + plot,
                Map.of("label", "Allotment plot", "options", "North\nEast", "visibility", "everyone"));
        assertEquals(303, edited.statusCode(), edited.body());
        assertEquals("select", people.text("SELECT kind FROM profile_fields WHERE id = ?", plot), "kind stays");
        assertEquals(0, people.number("SELECT COUNT(*) FROM profile_field_values WHERE field_id = ?", plot));
        HttpResponse<String> edit = admin.submit(PAGE + "/" + crop, PAGE + "/" + crop,
                Map.of("label", "Best crop", "options", "", "visibility", "members"));
        assertEquals(303, edit.statusCode());
        String afterEdit = new Browser(site).get("/u/Ines").body();
        assertFalse(afterEdit.contains("Kale"), "now members only");
        assertFalse(afterEdit.contains("Allotment plot"), "no answer, nothing shown");

        // Delete: the field and every answer go.
        assertEquals(303, admin.submit(PAGE, PAGE + "/" + crop + "/delete", Map.of()).statusCode());
        assertEquals(0, people.number("SELECT COUNT(*) FROM profile_fields WHERE id = ?", crop));
        assertEquals(0, people.number("SELECT COUNT(*) FROM profile_field_values WHERE field_id = ?", crop));
        assertFalse(ines.get("/u/Ines").body().contains("Kale"));
        HttpResponse<String> stale = ines.submit("/u/Ines/edit", "/u/Ines/edit", profileForm("Ines",
                Map.of("fields." + crop, "Chard")));
        assertEquals(303, stale.statusCode(), "a form from before the field was deleted still saves the rest");
        assertEquals(0, people.number("SELECT COUNT(*) FROM profile_field_values WHERE field_id = ?", crop));
    }
}
