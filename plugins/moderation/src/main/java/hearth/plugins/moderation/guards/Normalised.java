package hearth.plugins.moderation.guards;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Text in the one form watched words are matched in, with the way back to the original: every character of the
 * normalised text knows which stretch of the original it came from, so a censor replaces exactly what matched.
 *
 * <p>The evasions it undoes: compatibility forms (full-width "ｓｐａｍ", ligatures, circled letters) by NFKC;
 * invisible format characters (zero-width space, joiners, word joiner, byte-order mark, soft hyphen) by dropping
 * every character of Unicode category Cf; accents ("SPÄM") by decomposing and dropping combining marks; letters that
 * look Latin but are Cyrillic or Greek ("ѕраm") by a table of look-alikes; letter case by lower-casing with
 * {@link Locale#ROOT}. Each code point is normalised on its own: composition across characters does not matter once
 * combining marks are dropped, and it keeps the map back to the original exact.
 *
 * @param text   the normalised text
 * @param start  for each char of {@code text}, the index in the original where its code point starts
 * @param end    for each char of {@code text}, the index in the original just after its code point
 */
public record Normalised(String text, int[] start, int[] end) {

    /**
     * Cyrillic and Greek capitals that look like Latin capitals whose small letters differ (Greek "Ν" is an N, its
     * small "ν" looks like a v): mapped before lower-casing.
     */
    private static final Map<Character, Character> CAPITAL_LOOK_ALIKES = Map.ofEntries(
            Map.entry('Ν', 'n'), Map.entry('Μ', 'm'), Map.entry('Η', 'h'), Map.entry('Β', 'b'), Map.entry('Ρ', 'p'),
            Map.entry('Τ', 't'), Map.entry('Χ', 'x'), Map.entry('Υ', 'y'), Map.entry('Κ', 'k'), Map.entry('Ζ', 'z'),
            Map.entry('Ι', 'i'), Map.entry('Ε', 'e'), Map.entry('Α', 'a'), Map.entry('Ο', 'o'), Map.entry('Н', 'h'),
            Map.entry('В', 'b'), Map.entry('М', 'm'), Map.entry('Т', 't'), Map.entry('К', 'k'));

    /** Cyrillic and Greek letters (lower case, after NFKC) that readers take for Latin ones. */
    private static final Map<Character, Character> LOOK_ALIKES = Map.ofEntries(
            // Cyrillic
            Map.entry('а', 'a'), Map.entry('в', 'b'), Map.entry('с', 'c'), Map.entry('ԁ', 'd'), Map.entry('е', 'e'),
            Map.entry('ё', 'e'), Map.entry('һ', 'h'), Map.entry('і', 'i'), Map.entry('ї', 'i'), Map.entry('ј', 'j'),
            Map.entry('к', 'k'), Map.entry('ӏ', 'l'), Map.entry('м', 'm'), Map.entry('н', 'h'), Map.entry('о', 'o'),
            Map.entry('р', 'p'), Map.entry('ԛ', 'q'), Map.entry('ѕ', 's'), Map.entry('т', 't'),
            Map.entry('ν', 'v'), Map.entry('ѵ', 'v'), Map.entry('ԝ', 'w'), Map.entry('х', 'x'), Map.entry('у', 'y'),
            Map.entry('ү', 'y'), Map.entry('ɡ', 'g'), Map.entry('ԍ', 'g'),
            // Greek
            Map.entry('α', 'a'), Map.entry('β', 'b'), Map.entry('ε', 'e'), Map.entry('η', 'n'), Map.entry('ι', 'i'),
            Map.entry('κ', 'k'), Map.entry('ο', 'o'), Map.entry('ρ', 'p'), Map.entry('τ', 't'), Map.entry('υ', 'u'),
            Map.entry('χ', 'x'), Map.entry('γ', 'y'), Map.entry('ϲ', 'c'), Map.entry('ϳ', 'j'), Map.entry('ζ', 'z'),
            // Latin look-alikes outside ASCII
            Map.entry('ı', 'i'), Map.entry('ȷ', 'j'), Map.entry('ſ', 's'));

    /** Normalises {@code original}. */
    public static Normalised of(String original) {
        StringBuilder out = new StringBuilder(original.length());
        int[] starts = new int[original.length() * 2 + 4];
        int[] ends = new int[starts.length];
        int i = 0;
        while (i < original.length()) {
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            String piece = piece(cp);
            for (int k = 0; k < piece.length(); k++) {
                if (out.length() == starts.length) {
                    starts = Arrays.copyOf(starts, starts.length * 2);
                    ends = Arrays.copyOf(ends, ends.length * 2);
                }
                starts[out.length()] = i;
                ends[out.length()] = next;
                out.append(piece.charAt(k));
            }
            i = next;
        }
        return new Normalised(out.toString(), Arrays.copyOf(starts, out.length()),
                Arrays.copyOf(ends, out.length()));
    }

    /** Only the normalised text (for patterns and comparisons). */
    public static String text(String original) {
        return of(original).text();
    }

    private static String piece(int cp) {
        if (Character.getType(cp) == Character.FORMAT) {
            return "";
        }
        String compatible = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        StringBuilder capitals = new StringBuilder(compatible.length());
        for (int k = 0; k < compatible.length(); k++) {
            char c = compatible.charAt(k);
            capitals.append(CAPITAL_LOOK_ALIKES.getOrDefault(c, c));
        }
        String folded = Normalizer.normalize(capitals.toString().toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder kept = new StringBuilder(folded.length());
        for (int k = 0; k < folded.length(); k++) {
            char c = folded.charAt(k);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
                continue;
            }
            kept.append(LOOK_ALIKES.getOrDefault(c, c));
        }
        return kept.toString();
    }
}
