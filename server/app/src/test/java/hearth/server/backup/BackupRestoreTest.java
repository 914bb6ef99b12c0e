package hearth.server.backup;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.Main;
import hearth.server.testing.Browser;
import hearth.server.testing.ChildJvm;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestDatabase;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup of a running site on H2, taken by the {@code backup} command in another process (so the running server,
 * which holds the H2 file, writes it), restored into an empty data dir and database: H2 on the H2 run, MariaDB on the
 * MariaDB run (moving a site from H2 to MariaDB). The restored site serves the same topic, upload, login and plugin
 * rows (a plugin's table), writes its first scheduled backup and keeps the newest two. On MariaDB the restored site
 * is backed up again while it runs, this time by the command itself. A backup from a newer Hearth is refused.
 */
class BackupRestoreTest {

    @TempDir
    static Path work;
    static TestDatabase sourceDb;
    static TestSite source;

    @BeforeAll
    static void start() {
        sourceDb = TestDatabase.h2(work.resolve("source"));
        source = TestSite.startOn(work.resolve("source"), sourceDb);
    }

    @AfterAll
    static void stop() {
        source.close();
        sourceDb.close();
    }

    @Test
    void aRunningSiteIsBackedUpAndRestoredElsewhere() throws Exception {
        Browser admin = Members.member(source, "Backupadmin", "admin");
        HttpResponse<String> uploaded = admin.upload("/uploads", "/api/v1/uploads", "image", "pond.png", "image/png",
                png(), "Accept", "application/json");
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        String image = new JsonObject(uploaded.body()).getString("url");
        eventually("the new member in welcome-banner's own table", () -> "1".equals(Sql.value(sourceDb,
                "SELECT COUNT(*) FROM welcome_banner_newcomers WHERE username = 'Backupadmin'")));
        List<String> topic = Sql.firstRow(sourceDb, "SELECT id, title FROM topics ORDER BY id");

        Path archive = work.resolve("site backup.zip");
        try (ChildJvm backup = ChildJvm.main(Main.class, List.of("backup", "--data-dir",
                work.resolve("source").toString(), "--db-url", sourceDb.url(), "--out", archive.toString()))) {
            assertEquals(0, backup.awaitExit(Duration.ofSeconds(60)), backup.output());
            assertTrue(backup.output().contains("through the running server"), backup.output());
        }
        JsonObject manifest = manifest(archive);
        assertTrue(manifest.getJsonObject("tables").getLong("welcome_banner_newcomers", 0L) >= 1, manifest.encode());
        assertTrue(manifest.getJsonObject("schemas").containsKey("moderation_schema_history"), manifest.encode());

        Outcome newer = run(List.of("restore", "--data-dir", work.resolve("older-hearth").toString(), "--from",
                fromTheFuture(archive, manifest.copy()).toString()));
        assertEquals(2, newer.status(), newer.err());
        assertTrue(newer.err().contains("migration(s) [9999] that Hearth here does not have: it was made by a newer"
                + " version"), newer.err());

        Path restoredDir = work.resolve("restored");
        try (TestDatabase target = TestDatabase.fresh(restoredDir)) {
            List<String> targetFlags = new ArrayList<>(List.of("restore", "--data-dir", restoredDir.toString(),
                    "--from", archive.toString()));
            targetFlags.addAll(target.flags());
            assertEquals(0, run(targetFlags).status(), "restore");
            for (String table : manifest.getJsonObject("tables").fieldNames()) {
                if (!Schema.isHistory(table)) {
                    assertEquals(manifest.getJsonObject("tables").getLong(table),
                            Sql.number(target, "SELECT COUNT(*) FROM " + table), table);
                }
            }
            Outcome again = run(targetFlags);
            assertEquals(2, again.status());
            assertTrue(again.err().contains("is not empty"), again.err());

            Path scheduled = restoredDir.resolve("backups");
            Files.createDirectories(scheduled);
            for (String old : List.of("20240101-000000", "20240102-000000", "20240103-000000")) {
                Path file = Files.writeString(scheduled.resolve("hearth-backup-" + old + ".zip"), "an old backup");
                Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-04T00:00:00Z")));
            }
            try (TestSite restored = TestSite.startOn(restoredDir, target, "--backup-every", "24", "--backup-keep",
                    "2")) {
                HttpResponse<String> page = restored.get("/t/" + topic.get(0));
                assertTrue(page.statusCode() == 200 || page.statusCode() == 301, page.statusCode() + "");
                String location = page.headers().firstValue("location").orElse("/t/" + topic.get(0));
                assertTrue(restored.get(location).body().contains(topic.get(1)), "the topic is there");
                assertEquals(404, restored.get("/metrics").statusCode(), "no metrics token set: no endpoint");
                Browser restoredAdmin = Members.logIn(restored, "Backupadmin");
                assertEquals(200, restoredAdmin.get("/admin").statusCode(), "the admin logs in with their password");
                assertArrayEquals(new Browser(source).getBytes(image).body(),
                        new Browser(restored).getBytes(image).body(), "the upload");
                HttpResponse<String> posted = restoredAdmin.json("POST", "/api/v1/topics", new JsonObject()
                        .put("categoryId", Long.parseLong(Sql.value(target, "SELECT MIN(id) FROM categories")))
                        .put("title", "Written after the restore").put("body", "New ids do not collide.").encode());
                assertEquals(201, posted.statusCode(), posted.body());

                eventually("the first scheduled backup, and the oldest ones deleted", () -> {
                    try (var files = Files.list(scheduled)) {
                        List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
                        return names.equals(List.of("hearth-backup-20240103-000000.zip", names.getLast()))
                                && names.getLast().matches("hearth-backup-20[0-9]{6}-[0-9]{6}\\.zip")
                                && !names.getLast().startsWith("hearth-backup-2024");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });

                if (TestDatabase.onMariaDb()) {
                    Path second = work.resolve("from-mariadb.zip");
                    List<String> flags = new ArrayList<>(List.of("backup", "--data-dir", restoredDir.toString(),
                            "--out", second.toString()));
                    flags.addAll(target.flags());
                    Outcome direct = run(flags);
                    assertEquals(0, direct.status(), direct.err());
                    assertTrue(direct.out().startsWith("Wrote "), direct.out());
                    assertEquals(Sql.number(target, "SELECT COUNT(*) FROM topics"),
                            manifest(second).getJsonObject("tables").getLong("topics"));
                }
            }
        }
    }

    record Outcome(int status, String out, String err) {
    }

    private static Outcome run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonObject manifest(Path archive) throws Exception {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            return new JsonObject(new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    /** The archive as a newer Hearth would have written it: with a core migration this one does not know. */
    private static Path fromTheFuture(Path archive, JsonObject manifest) throws Exception {
        Path newer = work.resolve("newer.zip");
        manifest.getJsonObject("schemas").getJsonArray("schema_history").add(9999);
        try (ZipFile in = new ZipFile(archive.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(newer))) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(entry.getName().equals("manifest.json") ? manifest.encode().getBytes(StandardCharsets.UTF_8)
                        : in.getInputStream(entry).readAllBytes());
                out.closeEntry();
            }
        }
        return newer;
    }

    private static byte[] png() throws Exception {
        BufferedImage picture = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(5, 5, Color.BLUE.getRGB());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", bytes);
        return bytes.toByteArray();
    }
}
