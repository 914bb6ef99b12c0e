package hearth.server.mail;

import hearth.server.config.HearthConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Hands one mail at a time to the configured SMTP server through the Vert.x mail client, and waits for the answer. */
final class SmtpTransport implements AutoCloseable {

    /** Delivery did not happen; the message says why, for the outbox and the log. */
    static final class SendFailed extends Exception {
        SendFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final MailClient client;
    private final String from;
    private final Duration timeout;

    SmtpTransport(Vertx vertx, HearthConfig.Smtp smtp, Duration timeout) {
        this.client = MailClient.create(vertx, mailConfig(smtp));
        this.from = smtp.from();
        this.timeout = timeout;
    }

    /**
     * The settings map to the client's like this: {@code starttls} requires the upgrade (a server that does not offer
     * it fails rather than receiving passwords and mail in clear), {@code tls} speaks TLS from the first byte
     * (usually port 465), {@code none} never encrypts. Certificates are checked against the host name; a user name
     * makes login mandatory.
     */
    static MailConfig mailConfig(HearthConfig.Smtp smtp) {
        MailConfig config = new MailConfig()
                .setHostname(smtp.host())
                .setPort(smtp.port())
                .setConnectTimeout(10_000)
                .setIdleTimeout(60)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setHostnameVerificationAlgorithm("HTTPS");
        switch (smtp.security().toLowerCase(Locale.ROOT)) {
            case "tls" -> config.setSsl(true).setStarttls(StartTLSOptions.DISABLED);
            case "none" -> config.setSsl(false).setStarttls(StartTLSOptions.DISABLED);
            case "starttls" -> config.setSsl(false).setStarttls(StartTLSOptions.REQUIRED);
            default -> throw new IllegalArgumentException("SMTP security must be starttls, tls or none, not "
                    + smtp.security());
        }
        if (smtp.user().isBlank()) {
            config.setLogin(LoginOption.DISABLED);
        } else {
            config.setLogin(LoginOption.REQUIRED).setUsername(smtp.user()).setPassword(smtp.password());
        }
        return config;
    }

    /** Blocks until the server accepted the mail; call it from a virtual thread, never an event loop. */
    void send(OutboxEntry mail) throws SendFailed {
        MailMessage message = new MailMessage()
                .setFrom(from)
                .setTo(mail.to())
                .setSubject(mail.subject())
                .setText(mail.bodyText());
        if (!mail.headers().isEmpty()) {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap();
            mail.headers().forEach(headers::add);
            message.setHeaders(headers);
        }
        try {
            client.sendMail(message).toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SendFailed(describe(cause), cause);
        } catch (TimeoutException e) {
            throw new SendFailed("No answer from the SMTP server within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailed("Interrupted while sending", e);
        } catch (RuntimeException e) {
            throw new SendFailed(describe(e), e); // the client refuses some messages before connecting
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }

    @Override
    public void close() {
        client.close();
    }
}
