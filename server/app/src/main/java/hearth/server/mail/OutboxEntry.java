package hearth.server.mail;

import java.time.Instant;

/**
 * One mail in the outbox as admins see it. {@code sentAt} is null until the SMTP server accepted it; {@code attempts}
 * counts delivery tries and {@code lastError} keeps the most recent failure, even after a later try succeeded.
 */
public record OutboxEntry(
        long id,
        String to,
        String subject,
        String bodyText,
        Instant createdAt,
        Instant sentAt,
        int attempts,
        Instant nextAttemptAt,
        String lastError) {

    public boolean sent() {
        return sentAt != null;
    }
}
