package hearth.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log: who may read it, its filters, its CSV export, and that nothing can change it. */
class AuditLogTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;
    static Browser moderator;
    static Browser member;
    static long topic;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        admin = Members.member(site, "Founder", "admin");
        moderator = Members.member(site, "Mona", "moderator");
        member = Members.member(site, "Mel", "member");
        long category = Long.parseLong(Sql.value(site.database(), "SELECT MIN(id) FROM categories"));
        topic = Threads.topic(site, admin, category, "A topic to audit", 0);
        String tools = "/x/moderation/topics/" + topic;
        assertEquals(303, moderator.submit(tools, tools + "/close", Map.of("reason", "=HYPERLINK(\"x\"), off topic"))
                .statusCode());
        assertEquals(303, moderator.submit(tools, tools + "/lock", Map.of("reason", "Archived")).statusCode());
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void onlyStaffReadTheLog() {
        assertEquals(403, member.get("/x/moderation/audit").statusCode());
        assertEquals(403, member.get("/x/moderation/audit.csv").statusCode());
        assertEquals(403, member.get("/api/v1/x/moderation/audit").statusCode());
        assertFalse(site.get("/x/moderation/audit").body().contains("data-action="), "not for visitors");
        String page = moderator.get("/x/moderation/audit").body();
        assertTrue(page.contains("data-action=\"topic.close\""), page);
        assertTrue(page.contains("data-action=\"topic.lock\""));
        assertTrue(admin.get("/x/moderation/audit").statusCode() == 200);
    }

    @Test
    void filtersNarrowTheLogAndBadFiltersAreExplained() {
        String locks = moderator.get("/x/moderation/audit?action=topic.lock").body();
        assertTrue(locks.contains("data-action=\"topic.lock\""));
        assertFalse(locks.contains("data-action=\"topic.close\""));
        assertTrue(moderator.get("/x/moderation/audit?actor=Founder").body().contains("No entries."));
        assertTrue(moderator.get("/x/moderation/audit?actor=mona&subject=topic&subjectId=" + topic).body()
                .contains("data-action=\"topic.close\""));

        HttpResponse<String> badDate = moderator.get("/x/moderation/audit?from=yesterday");
        assertEquals(400, badDate.statusCode());
        assertTrue(badDate.body().contains("Enter a date like 2026-12-31."), badDate.body());
        HttpResponse<String> nobody = moderator.get("/x/moderation/audit?actor=nobody-at-all");
        assertEquals(400, nobody.statusCode());
        assertTrue(nobody.body().contains("There is no member called nobody-at-all."));
    }

    @Test
    void theCsvExportHasEveryEntryAndDefusesFormulas() {
        HttpResponse<String> csv = moderator.get("/x/moderation/audit.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals("id,at,actor,action,subject_type,subject_id,reason,before,after", lines[0]);
        assertEquals(3, lines.length, csv.body());
        assertTrue(csv.body().contains(",Mona,topic.lock,topic," + topic + ",Archived,unlocked,locked"), csv.body());
        assertTrue(csv.body().contains("\"'=HYPERLINK(\"\"x\"\"), off topic\""), "a formula is made text: "
                + csv.body());
        String filtered = moderator.get("/x/moderation/audit.csv?action=topic.lock").body();
        assertEquals(2, filtered.split("\r\n").length);
    }

    @Test
    void theJsonApiListsEntriesAndNothingChangesThem() {
        HttpResponse<String> json = moderator.get("/api/v1/x/moderation/audit?action=topic.close");
        assertEquals(200, json.statusCode());
        assertTrue(json.body().contains("\"total\":1"), json.body());
        assertTrue(json.body().contains("\"action\":\"topic.close\""));
        long entries = Long.parseLong(Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit"));
        assertEquals(404, admin.submit("/x/moderation/audit", "/x/moderation/audit", Map.of()).statusCode(),
                "no route writes to the log");
        assertEquals(entries, Long.parseLong(Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit")));
    }
}
