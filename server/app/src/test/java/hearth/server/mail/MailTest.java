package hearth.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MailTest {

    @Test
    void addressesThatCouldBreakTheEnvelopeOrAddRecipientsAreRefused() {
        for (String bad : List.of("", "zoe", "@example.org", "zoe@", "zoe@example.org\r\nBcc: all@example.org",
                "zoe@example.org, bob@example.org", "Zoë <zoe@example.org>", "zo e@example.org", "a@b@c",
                "x".repeat(250) + "@example.org")) {
            assertThrows(IllegalArgumentException.class, () -> new Mail(bad, "Hi", "Body"), bad);
        }
        assertEquals("zoe@example.org", new Mail("  zoe@example.org ", "Hi", "Body").to());
        assertEquals("zoë@bücher.example", new Mail("zoë@bücher.example", "Hi", "Body").to());
    }

    @Test
    void lineBreaksInTheSubjectAreFoldedSoNoHeaderCanBeInjected() {
        assertEquals("Welcome Bcc: all@example.org",
                new Mail("zoe@example.org", "Welcome\r\nBcc: all@example.org\n", "Body").subject());
        assertEquals("a b", new Mail("zoe@example.org", "a\u2028b", "Body").subject());
    }

    @Test
    void longSubjectsAreCutWithAnEllipsisAndNeverMidCharacter() {
        String subject = new Mail("zoe@example.org", "x".repeat(298) + "😀😀", "Body").subject();
        assertTrue(subject.length() <= Mail.MAX_SUBJECT, "" + subject.length());
        assertTrue(subject.endsWith("x…"), subject.substring(290));
        assertEquals(300, new Mail("zoe@example.org", "y".repeat(400), "Body").subject().length());
    }

    @Test
    void bodiesBeyondATextColumnAreRefused() {
        new Mail("zoe@example.org", "Hi", "a".repeat(Mail.MAX_BODY_BYTES));
        assertThrows(IllegalArgumentException.class,
                () -> new Mail("zoe@example.org", "Hi", "ä".repeat(Mail.MAX_BODY_BYTES / 2 + 1)));
    }
}
