package hearth.server.calendars;

/**
 * Content lines of RFC 5545 text: CRLF endings, lines folded at 75 octets (never inside a UTF-8 sequence), and TEXT
 * values escaped.
 */
final class ICalendarText {

    private static final int OCTETS = 75;

    private final StringBuilder out = new StringBuilder(4096);

    /** Adds {@code NAME[;params]:value}, folded; {@code value} must already be in its property's syntax. */
    ICalendarText line(String nameAndParams, String value) {
        String line = nameAndParams + ":" + value;
        int octets = 0;
        int limit = OCTETS;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4; // UTF-8 octets
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
        return this;
    }

    /** Adds a TEXT property, escaped. */
    ICalendarText text(String name, String value) {
        return line(name, escape(value));
    }

    /** RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped; other control characters dropped. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        String text = value.replace("\r\n", "\n").replace('\r', '\n');
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case ';' -> escaped.append("\\;");
                case ',' -> escaped.append("\\,");
                case '\n' -> escaped.append("\\n");
                default -> {
                    if (c >= 0x20 && c != 0x7f || c == '\t') {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
