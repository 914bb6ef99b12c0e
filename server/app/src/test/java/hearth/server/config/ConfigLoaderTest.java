package hearth.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dataDir;

    private HearthConfig load(Map<String, String> env, String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of("--data-dir", dataDir.toString()));
        args.addAll(List.of(flags));
        return ConfigLoader.load(args, env);
    }

    @Test
    void defaultsGiveAnEmbeddedH2SiteOnPort8080() {
        HearthConfig config = load(Map.of());
        assertEquals(8080, config.port());
        assertEquals(URI.create("http://localhost:8080"), config.baseUrl());
        assertTrue(config.db().url().startsWith("jdbc:h2:file:" + dataDir.resolve("db")), config.db().url());
        assertTrue(config.db().url().contains("MODE=MariaDB"));
        assertEquals(10, config.db().poolSize());
        assertTrue(config.demo());
    }

    @Test
    void fileIsOverriddenByEnvironmentWhichIsOverriddenByFlags() throws IOException {
        Files.writeString(dataDir.resolve("hearth.yml"), """
                port: 9000
                theme: autumn
                db:
                  pool-size: 4
                smtp-host: mail.example.org
                """);
        HearthConfig fileOnly = load(Map.of());
        assertEquals(9000, fileOnly.port());
        assertEquals(4, fileOnly.db().poolSize());
        assertEquals("autumn", fileOnly.theme());
        assertEquals("mail.example.org", fileOnly.smtp().host());

        HearthConfig withEnv = load(Map.of("HEARTH_PORT", "9100", "HEARTH_DB_POOL_SIZE", "6"));
        assertEquals(9100, withEnv.port());
        assertEquals(6, withEnv.db().poolSize());

        HearthConfig withFlags = load(Map.of("HEARTH_PORT", "9100"), "--port=9200", "--no-demo");
        assertEquals(9200, withFlags.port());
        assertEquals(4, withFlags.db().poolSize()); // from the file: this call sets no HEARTH_DB_POOL_SIZE
        assertFalse(withFlags.demo());
    }

    @Test
    void dataDirComesFromEnvironmentWhenNoFlagIsGiven() {
        HearthConfig config = ConfigLoader.load(List.of(), Map.of("HEARTH_DATA_DIR", dataDir.toString()));
        assertEquals(dataDir, config.dataDir());
    }

    @Test
    void h2UrlsGetTheModeHearthNeeds() {
        HearthConfig config = load(Map.of(), "--db-url", "jdbc:h2:file:/tmp/x;MODE=MariaDB");
        assertEquals(1, config.db().url().split("MODE=").length - 1);
        assertTrue(config.db().url().contains("DATABASE_TO_LOWER=TRUE"));
    }

    @Test
    void wrongValuesNameTheSetting() {
        assertMessage("port is '70000'; it must be a whole number from 0 to 65535", "--port", "70000");
        assertMessage("port is 'eighty'", "--port", "eighty");
        assertMessage("Unknown option '--prot'", "--prot", "80");
        assertMessage("Option --port needs a value", "--port");
        assertMessage("base-url 'ftp://example.org' is not an http:// or https:// address", "--base-url",
                "ftp://example.org");
        assertMessage("db-url 'jdbc:postgresql://x/y' is not supported", "--db-url", "jdbc:postgresql://x/y");
        assertMessage("db-pool-size is '0'", "--db-pool-size", "0");
        assertMessage("smtp-security is 'ssl'", "--smtp-security", "ssl");
        assertMessage("demo is 'maybe'", "--demo=maybe");
        assertMessage("trusted-proxies: 'proxy.local' is not an IP address", "--trusted-proxies", "proxy.local");
        ConfigException port = assertThrows(ConfigException.class, () -> load(Map.of(), "--port", "-1"));
        assertTrue(port.getMessage().contains("(setting port: --port, HEARTH_PORT)"), port.getMessage());
    }

    @Test
    void environmentValuesAreValidatedToo() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("HEARTH_PORT", "http")));
        assertTrue(e.getMessage().startsWith("port is 'http'"), e.getMessage());
    }

    @Test
    void badConfigFilesAreReportedWithTheirPath() throws IOException {
        Path file = dataDir.resolve("hearth.yml");
        Files.writeString(file, "prot: 80\n");
        assertMessage(file + ": unknown setting 'prot'");
        Files.writeString(file, "data-dir: /elsewhere\n");
        assertMessage(file + ": data-dir cannot be set inside the data dir");
        Files.writeString(file, "port: [1, 2\n");
        assertMessage("Cannot read " + file);
    }

    private void assertMessage(String expectedStart, String... flags) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), flags));
        assertTrue(e.getMessage().startsWith(expectedStart), () -> "Got: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }
}
