package hearth.plugins.volunteerroles.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Working hours are 9:00 to 18:00 on weekdays, in the community's time zone. */
class AfterHoursTest {

    @Test
    void countsEveningsNightsAndWeekendsInTheCommunitysZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertFalse(HealthReport.afterHours(Instant.parse("2026-12-07T08:30:00Z"), berlin), "Monday 9:30 in Berlin");
        assertTrue(HealthReport.afterHours(Instant.parse("2026-12-07T07:30:00Z"), berlin), "Monday 8:30 in Berlin");
        assertTrue(HealthReport.afterHours(Instant.parse("2026-12-07T17:00:00Z"), berlin), "Monday 18:00");
        assertFalse(HealthReport.afterHours(Instant.parse("2026-12-07T16:59:00Z"), berlin), "Monday 17:59");
        assertTrue(HealthReport.afterHours(Instant.parse("2026-12-05T12:00:00Z"), berlin), "a Saturday");
        assertTrue(HealthReport.afterHours(Instant.parse("2026-12-07T08:30:00Z"), ZoneId.of("America/New_York")),
                "the same instant is 3:30 in New York");
    }
}
