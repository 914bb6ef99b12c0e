package hearth.plugins.moderation.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.api.access.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flag score's arithmetic: trust from role, age and experience; Laplace accuracy; the threshold. */
class FlagScoreTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static FlagScore.Flagger member(Duration age, int agreed, int disagreed) {
        return new FlagScore.Flagger(Role.MEMBER, NOW.minus(age), agreed, disagreed);
    }

    @Test
    void anEstablishedMemberWithNoHistoryWeighsOne() {
        FlagScore.Flagger ordinary = member(Duration.ofDays(60), 0, 0);
        assertEquals(2.0, FlagScore.trust(ordinary, NOW));
        assertEquals(0.5, FlagScore.accuracy(ordinary));
        assertEquals(1.0, FlagScore.weight(ordinary, NOW));
    }

    @Test
    void accuracyIsLaplaceSmoothed() {
        assertEquals(0.75, FlagScore.accuracy(member(Duration.ofDays(60), 2, 0)));
        assertEquals(0.25, FlagScore.accuracy(member(Duration.ofDays(60), 0, 2)));
        assertEquals(0.5, FlagScore.accuracy(member(Duration.ofDays(60), 3, 3)));
    }

    @Test
    void newAccountsCountLessAndStaffAndExperienceMore() {
        assertEquals(0.25, FlagScore.weight(member(Duration.ofHours(2), 0, 0), NOW));
        assertEquals(0.5, FlagScore.weight(member(Duration.ofDays(3), 0, 0), NOW));
        assertEquals(0.75, FlagScore.weight(member(Duration.ofDays(10), 0, 0), NOW));
        assertEquals(3.0, FlagScore.weight(new FlagScore.Flagger(Role.MODERATOR, NOW.minus(Duration.ofDays(60)), 0,
                0), NOW));
        // Ten agreed flags: trust 2 x 1.5 = 3, accuracy 11/12.
        assertEquals(2.75, FlagScore.weight(member(Duration.ofDays(60), 10, 0), NOW));
    }

    @Test
    void theScorePassesAtTheThresholdAndExplainsItself() {
        FlagScore.Part one = new FlagScore.Part("ines", "spam", 2.0, 0.5, 1.0);
        FlagScore.Part two = new FlagScore.Part("kwame", "spam", 2.0, 0.5, 1.0);
        FlagScore.Part three = new FlagScore.Part("sofia", "other", 2.0, 0.25, 0.5);
        FlagScore.Breakdown short1 = FlagScore.score(FlagScore.Mode.WEIGHTED, List.of(one, two, three), 3);
        assertEquals(2.5, short1.total());
        assertFalse(short1.passes());
        assertEquals("3 flags (spam x2, other), score 2.50 of 3.00", short1.summary());
        assertTrue(FlagScore.score(FlagScore.Mode.COUNT, List.of(one, two, three), 3).passes());
        assertTrue(FlagScore.score(FlagScore.Mode.WEIGHTED, List.of(one, two, one), 3).passes());
        assertEquals("2 flags (spam x2), 2 distinct flaggers of 3",
                FlagScore.score(FlagScore.Mode.COUNT, List.of(one, two), 3).summary());
    }
}
