package hearth.plugins.moderation.audit;

/** CSV cells as RFC 4180 wants them, and safe to open in a spreadsheet. */
final class Csv {

    private Csv() {
    }

    static String cell(String value) {
        String text = value == null ? "" : value;
        // A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection): make it text.
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                || text.startsWith("'")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
