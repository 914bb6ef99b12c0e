package hearth.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.config.HearthConfig;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import org.junit.jupiter.api.Test;

class SmtpTransportTest {

    static MailConfig config(String security, String user) {
        return SmtpTransport.mailConfig(new HearthConfig.Smtp("smtp.example.org", 587, user, "pw",
                "noreply@example.org", security));
    }

    @Test
    void starttlsInsistsOnTheUpgrade() {
        MailConfig c = config("starttls", "");
        assertEquals(StartTLSOptions.REQUIRED, c.getStarttls(), "never fall back to sending in clear");
        assertFalse(c.isSsl());
        assertEquals("smtp.example.org", c.getHostname());
        assertEquals(587, c.getPort());
    }

    @Test
    void tlsSpeaksTlsFromTheStart() {
        MailConfig c = config("tls", "");
        assertTrue(c.isSsl());
        assertEquals(StartTLSOptions.DISABLED, c.getStarttls());
    }

    @Test
    void noneNeverEncrypts() {
        MailConfig c = config("none", "");
        assertFalse(c.isSsl());
        assertEquals(StartTLSOptions.DISABLED, c.getStarttls());
    }

    @Test
    void certificatesAreCheckedAgainstTheHostName() {
        MailConfig c = config("tls", "");
        assertEquals("HTTPS", c.getHostnameVerificationAlgorithm());
        assertFalse(c.isTrustAll());
    }

    @Test
    void aUserNameMakesLoginMandatory() {
        MailConfig withUser = config("starttls", "hearth");
        assertEquals(LoginOption.REQUIRED, withUser.getLogin());
        assertEquals("hearth", withUser.getUsername());
        assertEquals("pw", withUser.getPassword());
        assertEquals(LoginOption.DISABLED, config("starttls", "").getLogin());
    }
}
