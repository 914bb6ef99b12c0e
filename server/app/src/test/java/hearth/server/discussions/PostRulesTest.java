package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.api.errors.InvalidInput;
import hearth.server.discussions.PostRules.Pace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The posting rules on a fixed clock: lengths, shouting, the repeat window and the pace for old and new members. */
class PostRulesTest {

    static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    final PostRules rules = new PostRules(Clock.fixed(NOW, ZoneOffset.UTC));
    final Instant veteran = NOW.minus(Duration.ofDays(30));
    final Instant newcomer = NOW.minus(Duration.ofHours(23));

    @Test
    void bodiesAreTrimmedAndMeasured() {
        assertEquals("ten chars!", rules.body("   ten chars!  \n"));
        assertEquals("Please write something.", assertThrows(InvalidInput.class, () -> rules.body("   ")).getMessage());
        assertEquals("body", assertThrows(InvalidInput.class, () -> rules.body("  nine char ".strip().substring(0, 9)))
                .field());
        assertEquals(20_000, rules.body("y".repeat(20_000)).length());
        assertTrue(assertThrows(InvalidInput.class, () -> rules.body("y".repeat(20_001))).getMessage()
                .contains("under 20000"));
    }

    @Test
    void titlesMayNotShout() {
        assertEquals("Seed swap in May", rules.title(" Seed swap in May "));
        assertEquals("Please don't shout: use normal capitalisation.",
                assertThrows(InvalidInput.class, () -> rules.title("SEED SWAP!!")).getMessage());
        assertDoesNotThrow(() -> rules.title("NASA and the ISS grow lettuce"));
        assertDoesNotThrow(() -> rules.title("BBC 2026"), "fewer than five letters");
        assertFalse(PostRules.shouts("12345 678"));
        assertTrue(PostRules.shouts("ÉTÉ CHAUD"));
        assertEquals("title", assertThrows(InvalidInput.class, () -> rules.title("Hey")).field());
        assertThrows(InvalidInput.class, () -> rules.title("t".repeat(201)));
    }

    @Test
    void repeatsCountForFiveMinutes() {
        assertEquals(NOW.minus(Duration.ofMinutes(5)), rules.repeatsSince());
        assertEquals("title", assertThrows(InvalidInput.class, () -> rules.notRepeated(true, Pace.TOPIC)).field());
        assertEquals("body", assertThrows(InvalidInput.class, () -> rules.notRepeated(true, Pace.REPLY)).field());
        assertDoesNotThrow(() -> rules.notRepeated(false, Pace.REPLY));
    }

    @Test
    void repliesWaitFiveSecondsOrThirtyForNewcomers() {
        assertDoesNotThrow(() -> rules.paced(Pace.REPLY, veteran, Optional.empty()));
        assertThrows(InvalidInput.class, () -> rules.paced(Pace.REPLY, veteran, Optional.of(NOW.minusSeconds(4))));
        assertDoesNotThrow(() -> rules.paced(Pace.REPLY, veteran, Optional.of(NOW.minusSeconds(5))));
        InvalidInput tooSoon = assertThrows(InvalidInput.class,
                () -> rules.paced(Pace.REPLY, newcomer, Optional.of(NOW.minusSeconds(10))));
        assertTrue(tooSoon.getMessage().contains("please wait 20 seconds"), tooSoon.getMessage());
        assertDoesNotThrow(() -> rules.paced(Pace.REPLY, newcomer, Optional.of(NOW.minusSeconds(30))));
    }

    @Test
    void topicsWaitFifteenSecondsOrAMinuteForNewcomers() {
        assertThrows(InvalidInput.class, () -> rules.paced(Pace.TOPIC, veteran, Optional.of(NOW.minusSeconds(14))));
        assertDoesNotThrow(() -> rules.paced(Pace.TOPIC, veteran, Optional.of(NOW.minusSeconds(15))));
        assertThrows(InvalidInput.class, () -> rules.paced(Pace.TOPIC, newcomer, Optional.of(NOW.minusSeconds(59))));
        assertDoesNotThrow(() -> rules.paced(Pace.TOPIC, newcomer, Optional.of(NOW.minusSeconds(60))));
        assertDoesNotThrow(() -> rules.paced(Pace.TOPIC, NOW.minus(Duration.ofHours(24)),
                Optional.of(NOW.minusSeconds(15))), "a day old is no longer new");
    }
}
