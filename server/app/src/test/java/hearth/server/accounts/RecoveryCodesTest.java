package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryCodesTest {

    private final RecoveryCodes recoveryCodes = new RecoveryCodes(new Random(11));
    private final RecoveryCodes.Issued issued = recoveryCodes.generate();

    @Test
    void tenDistinctCodesInGroupsOfFourFromTheUnambiguousAlphabet() {
        assertEquals(10, issued.codes().size());
        assertEquals(10, new HashSet<>(issued.codes()).size());
        for (String code : issued.codes()) {
            assertTrue(code.matches("[a-hjkmnp-z]{4}-[a-hjkmnp-z]{4}-[a-hjkmnp-z]{4}"), code);
        }
    }

    @Test
    void theAlphabetHasNoLookAlikesAndGivesAtLeastFiftyBits() {
        String alphabet = RecoveryCodes.ALPHABET;
        assertEquals(alphabet.length(), alphabet.chars().distinct().count());
        for (char lookAlike : "ilo01".toCharArray()) {
            assertEquals(-1, alphabet.indexOf(lookAlike), "contains " + lookAlike);
        }
        double bits = 12 * Math.log(alphabet.length()) / Math.log(2);
        assertTrue(bits >= 50, bits + " bits");
    }

    @Test
    void codesAreDrawnFromTheInjectedGenerator() {
        assertEquals(issued.codes(), new RecoveryCodes(new Random(11)).generate().codes());
        assertNotEquals(issued.codes(), new RecoveryCodes(new Random(12)).generate().codes());
    }

    @Test
    void onlyHashesAreStoredOneHexSha256PerCodeInTheSameOrder() {
        assertEquals(10, issued.hashes().size());
        for (int i = 0; i < 10; i++) {
            String hash = issued.hashes().get(i);
            assertTrue(hash.matches("[0-9a-f]{64}"), hash);
            assertEquals(RecoveryCodes.hash(issued.codes().get(i)), hash);
            assertFalse(hash.contains(issued.codes().get(i).replace("-", "")));
        }
        // SHA-256("abcdefghjkmn"), computed independently: printf abcdefghjkmn | sha256sum
        String expected = "ff25e0a8f930ea31f7d2fdefc87340e34d7f6849d0781d0cd87701a5301722c0";
        assertEquals(expected, RecoveryCodes.hash("abcd-efgh-jkmn"));
        assertEquals(expected, RecoveryCodes.hash("ABCD EFGH JKMN"), "hashed after normalising");
    }

    @Test
    void eachCodeMatchesItsOwnPosition() {
        for (int i = 0; i < 10; i++) {
            assertEquals(OptionalInt.of(i), recoveryCodes.match(issued.codes().get(i), issued.hashes()));
        }
    }

    @Test
    void caseSpacesAndDashesDoNotMatter() {
        String code = issued.codes().get(3); // e.g. abcd-efgh-jkmn
        String letters = code.replace("-", "");
        for (String typed : List.of(
                code.toUpperCase(),
                letters,
                " " + code + " ",
                letters.substring(0, 4) + " " + letters.substring(4, 8) + " " + letters.substring(8),
                code.replace("-", "–"), // en dash from autocorrect
                code.replace("-", " - "),
                "-" + code + "--",
                code.replace("-", "\u00a0"))) { // no-break space from a password manager's note
            assertEquals(OptionalInt.of(3), recoveryCodes.match(typed, issued.hashes()), "typed " + typed);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"abcd-efgh-jkm", "abcd-efgh-jkmnp", "abcd-efgh-jkm1", "abcd-efgh-jkmi", "abcd_efgh_jkmn",
        "abcd.efgh.jkmn"})
    void textThatCannotBeACodeIsNotNormalised(String typed) {
        assertEquals(Optional.empty(), RecoveryCodes.normalise(typed));
        assertEquals(OptionalInt.empty(), recoveryCodes.match(typed, issued.hashes()));
    }

    @Test
    void aCodeFromAnotherSetDoesNotMatch() {
        RecoveryCodes.Issued other = new RecoveryCodes(new Random(99)).generate();
        for (String code : other.codes()) {
            assertEquals(OptionalInt.empty(), recoveryCodes.match(code, issued.hashes()), code);
        }
    }

    @Test
    void aSpentCodeNoLongerMatchesAndTheOthersKeepTheirPositions() {
        List<String> stored = new ArrayList<>(issued.hashes());
        String code = issued.codes().get(4);
        int index = recoveryCodes.match(code, stored).orElseThrow();
        assertEquals(4, index);

        stored.set(index, null); // the caller marks it used
        assertEquals(OptionalInt.empty(), recoveryCodes.match(code, stored));
        assertEquals(OptionalInt.of(7), recoveryCodes.match(issued.codes().get(7), stored));

        stored.remove(index); // or deletes it: positions then follow the caller's list
        assertEquals(OptionalInt.empty(), recoveryCodes.match(code, stored));
        assertEquals(OptionalInt.of(6), recoveryCodes.match(issued.codes().get(7), stored));
    }

    @Test
    void aDamagedStoredHashMatchesNothingAndBreaksNothing() {
        List<String> stored = new ArrayList<>(issued.hashes());
        stored.set(0, "not hex at all");
        stored.set(1, "");
        assertEquals(OptionalInt.empty(), recoveryCodes.match(issued.codes().get(0), stored));
        assertEquals(OptionalInt.of(2), recoveryCodes.match(issued.codes().get(2), stored));
        assertEquals(OptionalInt.of(2), recoveryCodes.match(issued.codes().get(2), stored.stream()
                .map(h -> h.toUpperCase()).toList()), "upper-case hex as some databases return it");
    }
}
