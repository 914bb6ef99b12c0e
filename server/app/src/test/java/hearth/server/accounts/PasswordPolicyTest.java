package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static final PasswordPolicy POLICY = new PasswordPolicy();

    private static Optional<String> problem(String password) {
        return POLICY.problem(password, "annlee", "ann.lee@example.org");
    }

    @Test
    void aLongUncommonPasswordIsFine() {
        assertEquals(Optional.empty(), problem("marmalade on a wet tuesday"));
        assertEquals(Optional.empty(), POLICY.problem("marmalade on a wet tuesday", null, null));
        assertEquals(Optional.empty(), POLICY.problem("marmalade on a wet tuesday", "", " "));
    }

    @Test
    void shortPasswordsAreRefusedWithTheMinimumInTheMessage() {
        assertEquals(Optional.of("Use at least 10 characters."), problem("kx7!q"));
        assertEquals(Optional.of("Use at least 10 characters."), problem("kx7!qzv9w"), "9 characters");
        assertEquals(Optional.empty(), problem("kx7!qzv9wp"), "10 characters");
        assertEquals(Optional.of("Use at least 10 characters."), problem(""));
    }

    @Test
    void lengthCountsCharactersAsPeopleSeeThemNotUtf16Units() {
        String nineEmoji = "🔥🌈🍉🐙🎲🚲🧀🪁🎻"; // 18 UTF-16 units
        assertEquals(18, nineEmoji.length());
        assertEquals(Optional.of("Use at least 10 characters."), problem(nineEmoji));
        assertEquals(Optional.empty(), problem(nineEmoji + "🦔"));
    }

    @Test
    void absurdlyLongPasswordsAreRefused() {
        assertEquals(Optional.empty(), problem("x7".repeat(128)));
        assertEquals(Optional.of("Use at most 256 characters."), problem("x7".repeat(128) + "q"));
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        for (String common : List.of("qwertyuiop", "1234567890", "password123", "QwertyUIOP", "PASSWORD123",
                "iloveyou12")) {
            Optional<String> problem = problem(common);
            assertTrue(problem.isPresent() && problem.get().contains("most commonly used"), common + ": " + problem);
        }
    }

    @Test
    void theWholeBundledListIsLoadedWithoutItsHeader() throws IOException {
        assertEquals(10_000, POLICY.commonPasswordCount());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                PasswordPolicy.class.getResourceAsStream(PasswordPolicy.COMMON_PASSWORDS), StandardCharsets.UTF_8))) {
            List<String> entries = lines.lines().filter(l -> !l.startsWith("#")).toList();
            String last = entries.get(entries.size() - 1);
            assertTrue(problem(last).orElse("").contains("most commonly used"), "last entry " + last);
            assertTrue(entries.stream().allMatch(e -> e.equals(e.toLowerCase(java.util.Locale.ROOT))), "lowercase");
            assertTrue(entries.stream().allMatch(e -> e.length() >= PasswordPolicy.MIN_LENGTH),
                    "shorter entries would be dead weight");
        }
        assertTrue(problem("# the 10,000 most common passwords").isEmpty(), "header lines are not entries");
    }

    @Test
    void passwordsContainingTheUsernameAreRefused() {
        String message = "The password must not contain your username.";
        assertEquals(Optional.of(message), problem("annlee2024!x"));
        assertEquals(Optional.of(message), problem("my name is AnnLee, hi"));
        assertEquals(Optional.of(message), POLICY.problem("Gardener_42", "gardener_42", null), "equal, other case");
        assertEquals(Optional.of(message), POLICY.problem("zz ánnè zz zz", "ÁNNÈ", null), "non-ASCII case");
    }

    @Test
    void veryShortUsernamesAreNotLookedForInsidePasswords() {
        assertEquals(Optional.empty(), POLICY.problem("oakland rivers run", "ak", null));
        assertEquals(Optional.of("The password must not contain your username."),
                POLICY.problem("oakland rivers run", "oak", null));
    }

    @Test
    void passwordsContainingTheEmailOrItsLocalPartAreRefused() {
        String message = "The password must not contain your email address or the part before the @.";
        assertEquals(Optional.of(message), problem("ann.lee@example.org"));
        assertEquals(Optional.of(message), problem("hello ANN.LEE friends"));
        assertEquals(Optional.of(message),
                POLICY.problem("secret-ann.lee-123", "someone", "ann.lee+hearth@example.org"), "tag ignored");
        assertEquals(Optional.empty(), problem("example.org is my site"), "the domain alone is not personal");
    }

    @Test
    void lengthIsReportedBeforeTheOtherProblems() {
        assertEquals(Optional.of("Use at least 10 characters."), problem("annlee1"));
    }
}
