package hearth.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.api.errors.InvalidInput;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Recurrence rules: parsing and writing RRULE text, and expansion in local time across DST changes. */
class RecurrenceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static List<LocalDateTime> local(List<Instant> starts, ZoneId zone) {
        return starts.stream().map(s -> LocalDateTime.ofInstant(s, zone)).toList();
    }

    @Test
    void aWeeklyMeetupKeepsItsLocalTimeAcrossBerlinsSpringAndAutumnChanges() {
        Recurrence weekly = Recurrence.parse("FREQ=WEEKLY;COUNT=3");
        // 2027-03-28 is the last Sunday of March: clocks go from 02:00 to 03:00.
        List<Instant> spring = weekly.starts(LocalDateTime.of(2027, 3, 21, 19, 0), BERLIN);
        assertEquals(List.of(Instant.parse("2027-03-21T18:00:00Z"), Instant.parse("2027-03-28T17:00:00Z"),
                Instant.parse("2027-04-04T17:00:00Z")), spring);
        // 2027-10-31: clocks go back from 03:00 to 02:00.
        List<Instant> autumn = weekly.starts(LocalDateTime.of(2027, 10, 24, 19, 0), BERLIN);
        assertEquals(List.of(Instant.parse("2027-10-24T17:00:00Z"), Instant.parse("2027-10-31T18:00:00Z"),
                Instant.parse("2027-11-07T18:00:00Z")), autumn);
        local(autumn, BERLIN).forEach(t -> assertEquals(LocalTime.of(19, 0), t.toLocalTime()));
    }

    @Test
    void aDailyEventAtATimeSkippedBySpringForwardMovesByTheGapOnThatDayOnly() {
        List<LocalDateTime> days = local(Recurrence.parse("FREQ=DAILY;COUNT=3")
                .starts(LocalDateTime.of(2027, 3, 27, 2, 30), BERLIN), BERLIN);
        assertEquals(List.of(LocalDateTime.of(2027, 3, 27, 2, 30), LocalDateTime.of(2027, 3, 28, 3, 30),
                LocalDateTime.of(2027, 3, 29, 2, 30)), days);
    }

    @Test
    void newYorkMonthlyByWeekdayStaysAtSixInTheEveningAcrossItsChanges() {
        // Second Tuesday, Feb to Apr 2027 (DST starts 14 March) and Oct to Dec (ends 7 November).
        Recurrence rule = Recurrence.parse("FREQ=MONTHLY;BYDAY=2TU;COUNT=3");
        List<LocalDateTime> spring = local(rule.starts(LocalDateTime.of(2027, 2, 1, 18, 0), NEW_YORK), NEW_YORK);
        assertEquals(List.of(LocalDateTime.of(2027, 2, 9, 18, 0), LocalDateTime.of(2027, 3, 9, 18, 0),
                LocalDateTime.of(2027, 4, 13, 18, 0)), spring);
        List<Instant> autumn = rule.starts(LocalDateTime.of(2027, 10, 1, 18, 0), NEW_YORK);
        assertEquals(Instant.parse("2027-10-12T22:00:00Z"), autumn.get(0));
        assertEquals(Instant.parse("2027-11-09T23:00:00Z"), autumn.get(1));
    }

    @Test
    void weeklyOnChosenDaysEveryOtherWeekUntilADate() {
        Recurrence rule = Recurrence.parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20270131T225959Z");
        List<LocalDateTime> starts = local(rule.starts(LocalDateTime.of(2027, 1, 7, 18, 30), BERLIN), BERLIN);
        // Thu 7 Jan, then the week of 18 Jan (Tue, Thu), then the week of 1 Feb is past the end.
        assertEquals(List.of(LocalDateTime.of(2027, 1, 7, 18, 30), LocalDateTime.of(2027, 1, 19, 18, 30),
                LocalDateTime.of(2027, 1, 21, 18, 30)), starts);
    }

    @Test
    void monthlyByDaySkipsMonthsWithoutThatDayAndLastFridayWorks() {
        List<LocalDateTime> thirtyFirst = local(Recurrence.parse("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3")
                .starts(LocalDateTime.of(2027, 1, 31, 10, 0), BERLIN), BERLIN);
        assertEquals(List.of(LocalDate.of(2027, 1, 31), LocalDate.of(2027, 3, 31), LocalDate.of(2027, 5, 31)),
                thirtyFirst.stream().map(LocalDateTime::toLocalDate).toList());
        List<LocalDateTime> lastFriday = local(Recurrence.parse("FREQ=MONTHLY;BYDAY=-1FR;COUNT=2")
                .starts(LocalDateTime.of(2027, 1, 1, 10, 0), BERLIN), BERLIN);
        assertEquals(List.of(LocalDate.of(2027, 1, 29), LocalDate.of(2027, 2, 26)),
                lastFriday.stream().map(LocalDateTime::toLocalDate).toList());
    }

    @Test
    void expansionIsCappedAtTwoHundredOccurrencesAndTwoYears() {
        Recurrence daily = new Recurrence(Recurrence.Frequency.DAILY, 1, Set.of(), 0, 0, null, 0,
                Instant.parse("2040-01-01T00:00:00Z"));
        assertEquals(Recurrence.MAX_OCCURRENCES, daily.starts(LocalDateTime.of(2027, 1, 1, 9, 0), BERLIN).size());
        Recurrence monthly = Recurrence.parse("FREQ=MONTHLY;BYMONTHDAY=1;UNTIL=20400101T000000Z");
        List<Instant> months = monthly.starts(LocalDateTime.of(2027, 1, 1, 9, 0), BERLIN);
        assertEquals(25, months.size()); // 1 Jan 2027 to 1 Jan 2029 inclusive
    }

    @Test
    void writesBackWhatItReadsAndDescribesIt() {
        for (String rule : List.of("FREQ=DAILY;COUNT=5", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10",
                "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20271231T225959Z", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6")) {
            assertEquals(rule, Recurrence.parse(rule).toRrule());
        }
        assertEquals("every 2 weeks on Monday, Wednesday, 10 times",
                Recurrence.parse("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10").describe());
        assertEquals(Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY),
                Recurrence.parse("FREQ=WEEKLY;BYDAY=WE,MO;COUNT=1").weekdays());
    }

    @Test
    void refusesRulesOutsideTheSubsetWithAReason() {
        for (String bad : List.of("", "FREQ=YEARLY;COUNT=2", "FREQ=WEEKLY", "FREQ=DAILY;COUNT=500",
                "FREQ=WEEKLY;BYDAY=XX;COUNT=2", "FREQ=MONTHLY;COUNT=2", "FREQ=DAILY;BYHOUR=3;COUNT=2",
                "FREQ=DAILY;UNTIL=tomorrow")) {
            InvalidInput refused = assertThrows(InvalidInput.class, () -> Recurrence.parse(bad), bad);
            assertTrue(!refused.getMessage().isBlank(), bad);
        }
    }
}
