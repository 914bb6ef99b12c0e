package hearth.server.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration table is written from {@link Setting}; this keeps the two in step. */
class SettingsDocumentedTest {

    @Test
    void everySettingHasAnAccurateRowInTheReadme() throws IOException {
        Path readme = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "../.."), "README.md");
        if (!Files.exists(readme)) {
            readme = Path.of("../../README.md");
        }
        List<String> lines = Files.readAllLines(readme);
        for (Setting s : Setting.values()) {
            String row = lines.stream().filter(l -> l.startsWith("| `" + s.flag() + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError("README has no row for " + s.flag()));
            String description = s.description().replace("<", "&lt;").replace(">", "&gt;");
            assertTrue(row.contains("`" + s.envVar() + "`"), row);
            assertTrue(row.contains(s.defaultValue().isEmpty() ? "—" : "`" + s.defaultValue() + "`"), row);
            assertTrue(row.contains(description), () -> "README row for " + s.flag() + " should say: " + description);
        }
    }
}
