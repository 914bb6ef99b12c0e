package hearth.plugins.moderation.guards;

import hearth.api.errors.InvalidInput;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One watched word as the guard uses it: the admin's pattern compiled once, against normalised text.
 *
 * <p>A whole word matches only as a word of its own: "spam" matches "SPAM!", "ｓｐａｍ" and "ѕраm" but not "spammer"
 * or "antispam" (an admin who means every word starting with it writes a regex, {@code spam\w*}). Spaces inside a
 * whole word match any run of white space. A regex is matched against the normalised text too, so it is written in
 * lower case without accents.
 *
 * <p>Regexes come from admins, but a careless one can still backtrack for ages: patterns are at most
 * {@link #MAX_PATTERN} characters, and matching reads the text through a budget of character reads
 * ({@link #READ_BUDGET}); a pattern that needs more on a probe text is refused when it is saved, and one that runs
 * out on a post (or overflows the stack, as Java's engine recurses on repeated groups) counts as no match instead of
 * holding the request.
 *
 * @param id        the entry's id
 * @param pattern   as the admin wrote it
 * @param kind      whole word or regex
 * @param action    what happens to a post that matches
 * @param createdBy the admin who added it (a censor's edit is made in their name)
 * @param compiled  the pattern the text is matched with
 */
public record WatchedWord(long id, String pattern, Kind kind, Action action, long createdBy, Pattern compiled) {

    /** How the pattern is read. */
    public enum Kind {
        WORD, REGEX;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a match does. */
    public enum Action {
        /** Refuse the post. */
        BLOCK,
        /** Save it hidden until a moderator approves it. */
        HOLD,
        /** Save it, then replace the match with {@link #CENSORED}. */
        CENSOR,
        /** Save it and put it in the review queue. */
        FLAG;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a censored match becomes. */
    public static final String CENSORED = "■■■";
    /** The longest pattern an admin may enter. */
    public static final int MAX_PATTERN = 200;
    /** How many character reads one match may take: far more than any sane pattern needs on a long post. */
    static final int READ_BUDGET = 2_000_000;

    /** Reads a kind from a form value, or an error on {@code kind}. */
    public static Kind kind(String raw) {
        for (Kind kind : Kind.values()) {
            if (kind.key().equals(raw == null ? "" : raw.strip())) {
                return kind;
            }
        }
        throw new InvalidInput("kind", "Choose whole word or regex.");
    }

    /** Reads an action from a form value, or an error on {@code action}. */
    public static Action action(String raw) {
        for (Action action : Action.values()) {
            if (action.key().equals(raw == null ? "" : raw.strip())) {
                return action;
            }
        }
        throw new InvalidInput("action", "Choose block, hold, censor or flag.");
    }

    /**
     * Checks and compiles a pattern, or throws {@link InvalidInput} on {@code pattern} with what is wrong: empty, too
     * long, not a valid regex, matching empty text (it would match every post), or too slow on a probe text.
     */
    public static WatchedWord compile(long id, String rawPattern, Kind kind, Action action, long createdBy) {
        String pattern = rawPattern == null ? "" : rawPattern.strip();
        if (pattern.isEmpty()) {
            throw new InvalidInput("pattern", "Please enter a word or a pattern.");
        }
        if (pattern.length() > MAX_PATTERN) {
            throw new InvalidInput("pattern", "Please keep it under " + MAX_PATTERN + " characters.");
        }
        Pattern compiled;
        if (kind == Kind.WORD) {
            String word = Normalised.text(pattern).strip();
            if (word.isEmpty()) {
                throw new InvalidInput("pattern", "Please enter a word with letters or digits in it.");
            }
            StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}_])");
            String[] parts = word.split("\\s+");
            for (int i = 0; i < parts.length; i++) {
                regex.append(i == 0 ? "" : "\\s+").append(Pattern.quote(parts[i]));
            }
            compiled = Pattern.compile(regex.append("(?![\\p{L}\\p{N}_])").toString());
        } else {
            try {
                compiled = Pattern.compile(pattern, Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new InvalidInput("pattern", "This is not a valid regex: " + e.getDescription() + ".");
            }
            if (compiled.matcher("").find()) {
                throw new InvalidInput("pattern", "This regex matches empty text, so it would match every post.");
            }
            try {
                for (String probe : probes(pattern)) {
                    compiled.matcher(new Budgeted(probe)).find();
                }
            } catch (Budgeted.Exhausted | StackOverflowError e) {
                // Java's regex engine recurses on repeated groups: a long run can overflow the stack as well.
                throw new InvalidInput("pattern", "This regex takes too long to match on long posts (it backtracks too much): "
                        + "avoid leading .* and nested repetition such as (a+)+.");
            }
        }
        return new WatchedWord(id, pattern, kind, action, createdBy, compiled);
    }

    /**
     * Texts that make badly nested patterns backtrack: long runs of one character ending in a mismatch, for common
     * characters and for each letter and digit the pattern itself names ({@code (x|x?)+y} backtracks on x's).
     */
    private static List<String> probes(String pattern) {
        Set<String> runs = new LinkedHashSet<>(List.of("a", "ab", " ", "1", ".", "-"));
        pattern.codePoints().filter(Character::isLetterOrDigit).limit(40)
                .forEach(cp -> runs.add(Character.toString(cp).toLowerCase(Locale.ROOT)));
        List<String> probes = new ArrayList<>();
        for (String run : runs) {
            probes.add(run.repeat(5000 / run.length()) + "\u0000!");
        }
        return probes;
    }

    /** The matches in the normalised text, in order (none if the pattern ran out of budget). */
    public List<int[]> matches(Normalised text) {
        List<int[]> found = new ArrayList<>();
        try {
            Matcher matcher = compiled.matcher(new Budgeted(text.text()));
            while (matcher.find()) {
                if (matcher.end() > matcher.start()) {
                    found.add(new int[] {matcher.start(), matcher.end()});
                }
            }
        } catch (Budgeted.Exhausted | StackOverflowError e) {
            return List.of();
        }
        return found;
    }

    /** Whether it matches anywhere in the normalised text. */
    public boolean matchesAny(Normalised text) {
        return !matches(text).isEmpty();
    }

    /** Text whose reads are counted: the regex engine gives up, with {@link Exhausted}, when the budget is spent. */
    static final class Budgeted implements CharSequence {

        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super("regex read budget spent", null, false, false);
            }
        }

        private final CharSequence text;
        private final int[] reads;

        Budgeted(CharSequence text) {
            this(text, new int[] {0});
        }

        private Budgeted(CharSequence text, int[] reads) {
            this.text = text;
            this.reads = reads;
        }

        @Override
        public char charAt(int index) {
            if (++reads[0] > READ_BUDGET) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.subSequence(start, end), reads);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
