package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.Main;
import hearth.server.testing.Browser;
import hearth.server.testing.ChildJvm;
import hearth.server.testing.TestDatabase;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar hearth.jar create-admin ...} against a real database, then logging in as that admin. */
class CreateAdminTest {

    @TempDir
    Path dir;

    @Test
    void createsAnAdminWhoCanLogInAndRefusesDuplicatesAndWeakPasswords() {
        try (TestDatabase db = TestDatabase.fresh(dir)) {
            List<String> base = new ArrayList<>(List.of("create-admin", "--data-dir", dir.resolve("data").toString()));
            base.addAll(db.flags());

            Outcome created = run(base, "--username", "Willow", "--email", "willow@example.org",
                    "--password", "long-and-unusual-42");
            assertEquals(0, created.exit(), created.output());
            assertTrue(created.output().contains("Created admin Willow."), created.output());

            Outcome again = run(base, "--username", "willow", "--email", "other@example.org",
                    "--password", "long-and-unusual-42");
            assertEquals(2, again.exit(), again.output());
            assertTrue(again.output().contains("hearth: --username: A member named willow already exists."),
                    again.output());

            Outcome weak = run(base, "--username", "Aspen", "--email", "aspen@example.org", "--password", "short");
            assertEquals(2, weak.exit(), weak.output());
            assertTrue(weak.output().contains("hearth: --password: "), weak.output());

            Outcome missing = run(base, "--email", "aspen@example.org");
            assertEquals(2, missing.exit(), missing.output());
            assertTrue(missing.output().contains("hearth: Option --username is required; see --help"));

            try (TestSite site = TestSite.startOn(dir.resolve("data"), db.flags(), "--no-demo")) {
                Browser admin = new Browser(site);
                HttpResponse<String> login = admin.submit("/login", "/login",
                        Map.of("identifier", "willow@example.org", "password", "long-and-unusual-42"));
                assertEquals(303, login.statusCode(), login.body());
                assertTrue(admin.get("/").body().contains("Willow"));
            }
        }
    }

    private record Outcome(int exit, String output) {
    }

    private static Outcome run(List<String> base, String... more) {
        List<String> args = new ArrayList<>(base);
        args.addAll(List.of(more));
        try (ChildJvm child = ChildJvm.main(Main.class, args)) {
            return new Outcome(child.awaitExit(Duration.ofSeconds(60)), child.output());
        }
    }
}
