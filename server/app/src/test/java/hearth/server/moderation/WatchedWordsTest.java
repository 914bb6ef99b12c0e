package hearth.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.api.errors.InvalidInput;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The watched words' normalisation and matching, and the sign-up block lists' address ranges, without a server. The
 * plugin is not on the server's class path (it is a bundled jar the server loads at run time), so the test loads its
 * classes from that jar and calls them by name.
 */
class WatchedWordsTest {

    static URLClassLoader loader;
    static Class<?> normalised;
    static Class<?> watchedWord;

    @BeforeAll
    static void load() throws Exception {
        Path dir = Path.of(WatchedWordsTest.class.getResource("/bundled-plugins").toURI());
        Path jar;
        try (Stream<Path> files = Files.list(dir)) {
            jar = files.filter(f -> f.getFileName().toString().startsWith("moderation-")).findFirst().orElseThrow();
        }
        loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, WatchedWordsTest.class.getClassLoader());
        normalised = loader.loadClass("hearth.plugins.moderation.guards.Normalised");
        watchedWord = loader.loadClass("hearth.plugins.moderation.guards.WatchedWord");
    }

    @AfterAll
    static void close() throws Exception {
        loader.close();
    }

    @Test
    void normalisationUndoesTheUsualEvasions() throws Exception {
        assertEquals("spam", normalise("ｓｐａｍ"), "full-width");
        assertEquals("spam", normalise("s\u200bpam"), "zero-width space");
        assertEquals("spam", normalise("s\u200c\u200dp\u2060a\ufeffm"), "joiners, word joiner, byte-order mark");
        assertEquals("spam", normalise("sp\u00ada\u00adm"), "soft hyphens");
        assertEquals("spam", normalise("ѕраm"), "Cyrillic look-alikes");
        assertEquals("spam", normalise("SPÄM"), "accent and upper case");
        assertEquals("spam", normalise("spa\u0301m"), "a combining accent");
        assertEquals("spam", normalise("ЅΡΑΜ"), "Cyrillic and Greek capitals");
        assertEquals("cafe", normalise("Café"));
        assertEquals("istanbul", normalise("İSTANBUL"), "no locale-specific dotted I");
    }

    @Test
    void aWholeWordMatchesOnlyAsAWord() throws Exception {
        Object spam = compile("spam", "WORD");
        for (String text : List.of("Buy spam now", "SPAM!", "ｓｐａｍ", "s\u200bpam", "ѕраm", "SPÄM", "(spam)",
                "spam.")) {
            assertTrue(matches(spam, text), text);
        }
        for (String text : List.of("spammer", "antispam", "spam_filter", "s p a m", "sp4m")) {
            assertFalse(matches(spam, text), text);
        }
        Object phrase = compile("Buy  Now", "WORD");
        assertTrue(matches(phrase, "please buy\n now!"), "spaces match any white space");
        assertFalse(matches(phrase, "buynow"));
        assertTrue(matches(compile("ѕраm", "WORD"), "spam"), "the pattern is normalised too");
    }

    @Test
    void aRegexMatchesTheNormalisedText() throws Exception {
        Object regex = compile("spam\\w*", "REGEX");
        assertTrue(matches(regex, "the SPÄMMERS are back"));
        assertTrue(matches(regex, "ｓｐａｍｍｙ"));
        assertFalse(matches(regex, "nothing here"));
    }

    @Test
    void badPatternsAreRefusedWithAReason() throws Exception {
        assertEquals("This is not a valid regex: Unclosed group.", compileError("(spam", "REGEX"));
        assertEquals("This regex matches empty text, so it would match every post.", compileError("a*", "REGEX"));
        assertTrue(compileError("(a+)+$", "REGEX").startsWith("This regex takes too long to match"));
        assertTrue(compileError("(x|x?)+y", "REGEX").startsWith("This regex takes too long to match"));
        assertEquals("Please keep it under 200 characters.", compileError("a".repeat(201), "WORD"));
        assertEquals("Please enter a word or a pattern.", compileError("   ", "WORD"));
        assertEquals("Please enter a word with letters or digits in it.", compileError("\u200b", "WORD"));
    }

    @Test
    void censoringReplacesExactlyWhatMatchedInTheOriginal() throws Exception {
        Class<?> listener = loader.loadClass("hearth.plugins.moderation.guards.GuardListener");
        Method censor = listener.getDeclaredMethod("censor", String.class, normalised, List.class);
        censor.setAccessible(true);
        Object word = compile("spam", "WORD");
        String original = "No ｓｐａｍ here, nor S\u200bPÄM, but spammers are fine.";
        Object text = normalised.getMethod("of", String.class).invoke(null, original);
        Object found = watchedWord.getMethod("matches", normalised).invoke(word, text);
        assertEquals("No ■■■ here, nor ■■■, but spammers are fine.", censor.invoke(null, original, text, found));
    }

    @Test
    void addressRangesCoverIpv4AndIpv6() throws Exception {
        Class<?> range = loader.loadClass("hearth.plugins.moderation.guards.IpRange");
        Method parse = range.getMethod("parse", String.class);
        Method contains = range.getMethod("contains", String.class);
        Object block = parse.invoke(null, "198.51.100.7/24");
        assertEquals("198.51.100.0/24", block.toString(), "host bits cleared");
        assertTrue((boolean) contains.invoke(block, "198.51.100.200"));
        assertTrue((boolean) contains.invoke(block, "::ffff:198.51.100.9"), "IPv4 written as IPv6");
        assertFalse((boolean) contains.invoke(block, "198.51.101.1"));
        assertFalse((boolean) contains.invoke(block, "2001:db8::1"));
        Object v6 = parse.invoke(null, "2001:DB8::/32");
        assertTrue((boolean) contains.invoke(v6, "2001:db8:ffff::1"));
        assertFalse((boolean) contains.invoke(v6, "2001:db9::1"));
        Object one = parse.invoke(null, "203.0.113.7");
        assertTrue((boolean) contains.invoke(one, "203.0.113.7"));
        assertFalse((boolean) contains.invoke(one, "203.0.113.8"));
        assertFalse((boolean) contains.invoke(one, "not an address"));
        for (String bad : List.of("example.com", "256.1.1.1", "1.2.3.4/33", "2001:db8::/129", "1.2.3.4/x", "")) {
            InvocationTargetException e = org.junit.jupiter.api.Assertions.assertThrows(
                    InvocationTargetException.class, () -> parse.invoke(null, bad), bad);
            assertTrue(e.getCause() instanceof InvalidInput, bad);
        }
    }

    private static String normalise(String text) throws Exception {
        return (String) normalised.getMethod("text", String.class).invoke(null, text);
    }

    private static Object compile(String pattern, String kind) throws Exception {
        Class<?> kinds = loader.loadClass("hearth.plugins.moderation.guards.WatchedWord$Kind");
        Class<?> actions = loader.loadClass("hearth.plugins.moderation.guards.WatchedWord$Action");
        Method compile = watchedWord.getMethod("compile", long.class, String.class, kinds, actions, long.class);
        try {
            return compile.invoke(null, 1L, pattern, enumValue(kinds, kind), enumValue(actions, "BLOCK"), 1L);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static String compileError(String pattern, String kind) throws Exception {
        try {
            compile(pattern, kind);
        } catch (InvalidInput invalid) {
            assertEquals("pattern", invalid.field());
            return invalid.getMessage();
        }
        throw new AssertionError("accepted: " + pattern);
    }

    private static boolean matches(Object word, String text) throws Exception {
        Object normalisedText = normalised.getMethod("of", String.class).invoke(null, text);
        return (boolean) watchedWord.getMethod("matchesAny", normalised).invoke(word, normalisedText);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }
}
