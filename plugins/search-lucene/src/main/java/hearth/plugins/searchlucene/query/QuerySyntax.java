package hearth.plugins.searchlucene.query;

import hearth.api.errors.InvalidInput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the search syntax: {@code "exact phrase"}, {@code -exclude}, {@code @author}, {@code #category},
 * {@code tag:x}, {@code in:title}, {@code status:solved|unsolved|open|closed}, {@code before:}/{@code after:} dates
 * and {@code order:relevance|latest|likes}; everything else is words. A filter with a value it does not know is
 * refused with a message that says what it takes, rather than silently searched as words.
 */
public final class QuerySyntax {

    private static final List<String> STATUSES = List.of("solved", "unsolved", "open", "closed");

    private QuerySyntax() {
    }

    public static ParsedQuery parse(String text) {
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        Optional<String> author = Optional.empty();
        Optional<String> category = Optional.empty();
        Optional<String> status = Optional.empty();
        Optional<Instant> after = Optional.empty();
        Optional<Instant> before = Optional.empty();
        boolean titleOnly = false;
        ParsedQuery.Order order = ParsedQuery.Order.RELEVANCE;
        for (Token token : tokens(text)) {
            String value = token.text();
            if (token.quoted()) {
                (token.negated() ? excluded : phrases).add(value);
                continue;
            }
            if (token.negated()) {
                excluded.add(value);
                continue;
            }
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.length() > 1 && lower.startsWith("@")) {
                author = Optional.of(lower.substring(1));
            } else if (lower.length() > 1 && lower.startsWith("#")) {
                category = Optional.of(lower.substring(1));
            } else if (lower.startsWith("tag:") && lower.length() > 4) {
                tags.add(lower.substring(4));
            } else if (lower.startsWith("in:")) {
                if (!lower.equals("in:title")) {
                    throw new InvalidInput("q", "in: takes title (in:title searches titles only).");
                }
                titleOnly = true;
            } else if (lower.startsWith("status:")) {
                String s = lower.substring(7);
                if (!STATUSES.contains(s)) {
                    throw new InvalidInput("q", "status: takes solved, unsolved, open or closed.");
                }
                status = Optional.of(s);
            } else if (lower.startsWith("before:")) {
                before = Optional.of(day(lower.substring(7), "before:"));
            } else if (lower.startsWith("after:")) {
                after = Optional.of(day(lower.substring(6), "after:"));
            } else if (lower.startsWith("order:")) {
                order = switch (lower.substring(6)) {
                    case "relevance" -> ParsedQuery.Order.RELEVANCE;
                    case "latest" -> ParsedQuery.Order.LATEST;
                    case "likes" -> ParsedQuery.Order.LIKES;
                    default -> throw new InvalidInput("q", "order: takes relevance, latest or likes.");
                };
            } else {
                words.add(value);
            }
        }
        return new ParsedQuery(words, phrases, excluded, author, category, tags, titleOnly, status, after, before,
                order);
    }

    private static Instant day(String value, String filter) {
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("q", filter + " takes a date written YYYY-MM-DD, e.g. " + filter + "2025-01-31.");
        }
    }

    private record Token(String text, boolean quoted, boolean negated) {
    }

    /** Splits on spaces, keeping "quoted phrases" whole; an unclosed quote runs to the end. */
    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            boolean negated = false;
            if (text.charAt(i) == '-' && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1))) {
                negated = true;
                i++;
            }
            if (text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                int end = close < 0 ? n : close;
                String phrase = text.substring(i + 1, end).strip();
                if (!phrase.isEmpty()) {
                    tokens.add(new Token(phrase, true, negated));
                }
                i = close < 0 ? n : close + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(text.substring(start, i), false, negated));
            }
        }
        return tokens;
    }
}
