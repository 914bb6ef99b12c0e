package hearth.server.searchlucene;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.Main;
import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.TestDatabase;
import hearth.server.testing.TestSite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar hearth.jar reindex}: the plugin's command, run by the core's command line on a stopped site. */
class ReindexCommandTest {

    @TempDir
    Path dir;

    @Test
    void rebuildsTheIndexWithProgressAndSaysWhenThePluginIsOff() throws Exception {
        try (TestDatabase db = TestDatabase.fresh(dir)) {
            List<String> args = new ArrayList<>(List.of("reindex", "--data-dir", dir.toString(), "--no-demo"));
            args.addAll(db.flags());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(2, Main.run(args, Map.of(), new PrintStream(out), new PrintStream(err, true,
                    StandardCharsets.UTF_8)), "search-lucene is off on a new site");
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'reindex': neither the core nor"
                    + " an enabled plugin has it"), err.toString(StandardCharsets.UTF_8));

            try (TestSite site = TestSite.startOn(dir, db.flags(), "--no-demo")) {
                Browser admin = Members.signUp(site, "Founder"); // the first member: the admin
                assertEquals(303, admin.submit("/admin/plugins/search-lucene", "/admin/plugins/search-lucene/enable",
                        Map.of()).statusCode());
                eventually("the first build", () -> admin.get("/api/v1/search?q=tomato").body()
                        .contains("\"provider\":\"search-lucene\""));
            }
            out.reset();
            assertEquals(0, Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err)));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("Rebuilding the search index"), printed);
            assertTrue(printed.matches("(?s).*Done in \\d+\\.\\d s: [\\d,]+ topics, [\\d,]+ posts, [\\d,]+ members,"
                    + " [\\d,]+ events\\..*"), printed);
        }
    }
}
