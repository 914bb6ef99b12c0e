package hearth.server.mail;

import java.time.Instant;
import java.util.Map;

/**
 * One mail in the outbox as admins see it. {@code sentAt} is null until the SMTP server accepted it; {@code attempts}
 * counts delivery tries and {@code lastError} keeps the most recent failure, even after a later try succeeded.
 * {@code headers} are the mail's extra headers (see {@link Mail#headers()}).
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
        String lastError,
        Map<String, String> headers) {

    public OutboxEntry {
        headers = Map.copyOf(headers);
    }

    public boolean sent() {
        return sentAt != null;
    }
}
