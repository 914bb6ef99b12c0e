package hearth.server.appearance;

import hearth.api.errors.InvalidInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A theme uploaded as a zip, checked completely before anything is written: its size, every entry's name (only
 * {@code theme.properties}, {@code templates/} and {@code static/}, optionally all inside one top-level folder; no
 * absolute paths, {@code ..}, backslashes, symbolic links or duplicates), how many entries there are and how much
 * they unpack to (counted while unpacking, not taken from the zip's word), UTF-8 templates, and a
 * {@code theme.properties} that names the theme (a-z, 0-9, -), its version and an existing parent.
 *
 * <p>The entries' names and link flags are read from the zip's central directory by hand, because
 * {@link ZipFile} neither reports duplicates nor the Unix file type.
 */
public final class ThemeZip {

    public static final long MAX_BYTES = 4L * 1024 * 1024;
    static final long MAX_UNPACKED = 16L * 1024 * 1024;
    static final int MAX_ENTRIES = 400;
    static final String FIELD = "zip";
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /** A checked theme: its name, version and parent, and its files (path inside the theme to content). */
    public record Checked(String name, String version, String parent, Map<String, byte[]> files) {
    }

    private ThemeZip() {
    }

    /**
     * Reads and checks {@code zip}. {@code parentExists} says whether a theme of that name can be a parent;
     * {@code bundled} whether a name belongs to a bundled theme. Fails with {@link InvalidInput} under {@code zip}.
     */
    public static Checked read(Path zip, Predicate<String> parentExists, Set<String> bundled) {
        try {
            long size = Files.size(zip);
            if (size == 0) {
                throw refuse("The file is empty. Choose the theme's .zip file.");
            }
            if (size > MAX_BYTES) {
                throw refuse("The file is larger than " + MAX_BYTES / (1024 * 1024) + " MiB, the most a theme may be.");
            }
            List<String> names = centralDirectory(zip);
            if (names.size() > MAX_ENTRIES) {
                throw refuse("The zip has " + names.size() + " entries; a theme may have at most " + MAX_ENTRIES + ".");
            }
            String prefix = wrapper(names);
            Map<String, byte[]> files = new LinkedHashMap<>();
            long unpacked = 0;
            try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
                for (String name : names) {
                    if (name.endsWith("/")) {
                        continue;
                    }
                    String inside = name.substring(prefix.length());
                    if (!inside.equals("theme.properties") && !inside.startsWith("templates/")
                            && !inside.startsWith("static/")) {
                        throw refuse("The zip holds " + name + "; a theme has only theme.properties, templates/ and"
                                + " static/.");
                    }
                    ZipEntry entry = file.getEntry(name);
                    if (entry == null) {
                        throw refuse("The zip is damaged: " + name + " cannot be read.");
                    }
                    byte[] content = readCapped(file, entry, MAX_UNPACKED - unpacked);
                    unpacked += content.length;
                    if (inside.startsWith("templates/") && !utf8(content)) {
                        throw refuse(inside + " is not UTF-8 text; templates must be saved as UTF-8.");
                    }
                    files.put(inside, content);
                }
            }
            byte[] properties = files.get("theme.properties");
            if (properties == null) {
                throw refuse("The zip has no theme.properties (with name, version and parent).");
            }
            if (!utf8(properties)) {
                throw refuse("theme.properties is not UTF-8 text.");
            }
            Properties p = new Properties();
            p.load(new StringReader(new String(properties, StandardCharsets.UTF_8)));
            String name = p.getProperty("name", "").strip();
            String version = p.getProperty("version", "").strip();
            String parent = p.getProperty("parent", "").strip();
            if (!NAME.matcher(name).matches()) {
                throw refuse("The theme's name in theme.properties must be 1 to 40 lower-case letters, digits and "
                        + "hyphens (it becomes a folder name); it is '" + name + "'.");
            }
            if (bundled.contains(name)) {
                throw refuse("A theme called " + name + " comes with Hearth and cannot be replaced; give yours "
                        + "another name and make " + name + " its parent.");
            }
            if (version.isEmpty() || version.length() > 40) {
                throw refuse("theme.properties must give a version, e.g. version=1.0.");
            }
            if (parent.isEmpty()) {
                throw refuse("theme.properties must name a parent theme, e.g. parent=default.");
            }
            if (parent.equals(name) || !parentExists.test(parent)) {
                throw refuse("The parent theme " + parent + " is not installed.");
            }
            return new Checked(name, version, parent, files);
        } catch (ZipException e) {
            throw refuse("This is not a zip file, or it is damaged.");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The single top-level folder every entry is in (without theme.properties at the top), or "". */
    private static String wrapper(List<String> names) {
        if (names.contains("theme.properties") || names.isEmpty()) {
            return "";
        }
        String first = names.getFirst();
        int slash = first.indexOf('/');
        if (slash <= 0) {
            return "";
        }
        String prefix = first.substring(0, slash + 1);
        if (prefix.equals("templates/") || prefix.equals("static/")) {
            return "";
        }
        return names.stream().allMatch(n -> n.startsWith(prefix)) ? prefix : "";
    }

    private static byte[] readCapped(ZipFile file, ZipEntry entry, long allowed) throws IOException {
        try (InputStream in = file.getInputStream(entry)) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, allowed + 1));
            if (content.length > allowed) {
                throw refuse("The zip unpacks to more than " + MAX_UNPACKED / (1024 * 1024) + " MiB, the most a "
                        + "theme may be.");
            }
            return content;
        }
    }

    private static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Every entry's name from the central directory, checked; symbolic links and duplicates refused. */
    private static List<String> centralDirectory(Path zip) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(zip.toFile(), "r")) {
            long length = in.length();
            int tail = (int) Math.min(length, 22 + 65535);
            byte[] end = new byte[tail];
            in.seek(length - tail);
            in.readFully(end);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (int32(end, i) == 0x06054b50) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new ZipException("no end of central directory");
            }
            int count = int16(end, eocd + 10);
            long dirSize = int32(end, eocd + 12) & 0xffffffffL;
            long dirOffset = int32(end, eocd + 16) & 0xffffffffL;
            if (count > MAX_ENTRIES) {
                throw refuse("The zip has " + count + " entries; a theme may have at most " + MAX_ENTRIES + ".");
            }
            if (dirOffset + dirSize > length || dirSize > MAX_BYTES) {
                throw new ZipException("bad central directory");
            }
            byte[] dir = new byte[(int) dirSize];
            in.seek(dirOffset);
            in.readFully(dir);
            List<String> names = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            int at = 0;
            for (int n = 0; n < count; n++) {
                if (at + 46 > dir.length || int32(dir, at) != 0x02014b50) {
                    throw new ZipException("bad central directory entry");
                }
                int madeBy = int16(dir, at + 4) >> 8;
                int nameLength = int16(dir, at + 28);
                int extraLength = int16(dir, at + 30);
                int commentLength = int16(dir, at + 32);
                long external = int32(dir, at + 38) & 0xffffffffL;
                if (at + 46 + nameLength > dir.length) {
                    throw new ZipException("bad central directory entry");
                }
                String name = new String(dir, at + 46, nameLength, StandardCharsets.UTF_8);
                checkName(name);
                // Made on Unix (3): the high half of the external attributes is the file mode.
                if (madeBy == 3 && ((external >> 16) & 0170000) == 0120000) {
                    throw refuse(name + " is a symbolic link; a theme holds only plain files.");
                }
                if (!seen.add(name)) {
                    throw refuse(name + " is in the zip twice.");
                }
                names.add(name);
                at += 46 + nameLength + extraLength + commentLength;
            }
            return names;
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw refuse(name + " has an absolute path; entries must lie inside the theme.");
        }
        if (name.contains("\\")) {
            throw refuse(name + " contains a backslash; use / between folders.");
        }
        if (name.contains("\0") || name.chars().anyMatch(c -> c < 0x20)) {
            throw refuse("An entry's name contains control characters.");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw refuse(name + " points outside the theme (" + segment + "); entries must lie inside it.");
            }
        }
        if (name.contains("//")) {
            throw refuse(name + " has an empty folder name.");
        }
    }

    private static int int16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static InvalidInput refuse(String message) {
        return new InvalidInput(FIELD, message);
    }
}
