package hearth.server.appearance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds theme zips for tests, entry names exactly as given (bad ones included). */
final class Zips {

    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    static Zips theme(String name, String parent) {
        return new Zips().text("theme.properties", "name=" + name + "\nversion=1\nparent=" + parent + "\n");
    }

    static Zips empty() {
        return new Zips();
    }

    Zips text(String name, String content) {
        return bytes(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Zips bytes(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    byte[] zip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
