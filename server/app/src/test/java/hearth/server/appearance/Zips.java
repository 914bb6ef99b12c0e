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

    /**
     * A zip whose entry {@code from} is renamed {@code to} in place (same length), in the local header and the
     * central directory: a way to get two entries of one name, which {@link ZipOutputStream} refuses to write.
     */
    static byte[] rename(byte[] zip, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = to.getBytes(StandardCharsets.ISO_8859_1);
        if (a.length != b.length) {
            throw new IllegalArgumentException("same length only");
        }
        byte[] out = zip.clone();
        for (int i = 0; i + a.length <= out.length; i++) {
            if (java.util.Arrays.equals(out, i, i + a.length, a, 0, a.length)) {
                System.arraycopy(b, 0, out, i, b.length);
            }
        }
        return out;
    }

    /** Marks every entry of the zip as made on Unix with the mode of a symbolic link (in the central directory). */
    static byte[] symlinks(byte[] zip) {
        byte[] out = zip.clone();
        for (int i = 0; i + 46 <= out.length; i++) {
            if (out[i] == 0x50 && out[i + 1] == 0x4b && out[i + 2] == 0x01 && out[i + 3] == 0x02) {
                out[i + 5] = 3; // made by Unix
                int mode = 0120777 << 16;
                out[i + 38] = (byte) mode;
                out[i + 39] = (byte) (mode >> 8);
                out[i + 40] = (byte) (mode >> 16);
                out[i + 41] = (byte) (mode >> 24);
            }
        }
        return out;
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
