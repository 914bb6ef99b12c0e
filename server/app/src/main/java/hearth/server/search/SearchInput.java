package hearth.server.search;

import hearth.api.errors.InvalidInput;

/** Reads what people send to the search (page and API alike) and says plainly what is wrong with it. */
final class SearchInput {

    /** The longest search text, in characters. */
    static final int MAX_TEXT = 200;
    /** The most hits one can skip: deep paging through a table scan helps nobody and costs the database. */
    static final int MAX_OFFSET = 10_000;

    private SearchInput() {
    }

    /** The search text, trimmed; empty when nothing was typed. */
    static String text(String q) {
        String text = q == null ? "" : q.strip();
        if (text.length() > MAX_TEXT) {
            throw new InvalidInput("q", "Search for at most " + MAX_TEXT + " characters, please.");
        }
        return text;
    }

    /** A whole number from {@code min} to {@code max}; absent or empty reads as {@code absent}. */
    static int number(String raw, String field, int min, int max, int absent) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInput(field, field + " must be a whole number from " + min + " to " + max + ".");
    }
}
