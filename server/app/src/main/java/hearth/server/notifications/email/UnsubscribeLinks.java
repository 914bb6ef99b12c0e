package hearth.server.notifications.email;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-click unsubscribe links: {@code /email/unsubscribe/<member>.<kind>.<signature>}, where the signature is an
 * HMAC-SHA256 (cut to 128 bits) of the member and the mail kind under the site's secret. Only the site can make one,
 * so the link alone authorises turning that one kind of mail off for that member, without logging in; it changes
 * nothing else. Links do not expire: people unsubscribe from old mails too.
 */
public final class UnsubscribeLinks {

    /** The name of the signing key among the site's secrets. */
    public static final String SECRET = "email.unsubscribe";
    public static final String PATH = "/email/unsubscribe/";

    private static final Pattern TOKEN = Pattern.compile("([1-9][0-9]{0,18})\\.([a-z]{1,16})\\.([A-Za-z0-9_-]{22})");

    /** What a valid link names. */
    public record Target(long memberId, MailKind kind) {
    }

    private final SecretKeySpec key;
    private final URI baseUrl;

    public UnsubscribeLinks(byte[] secret, URI baseUrl) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.baseUrl = baseUrl;
    }

    public String token(long memberId, MailKind kind) {
        return memberId + "." + kind.key() + "." + signature(memberId, kind.key());
    }

    /** The absolute link for the mail's body and its List-Unsubscribe header. */
    public String url(long memberId, MailKind kind) {
        return baseUrl.resolve(PATH + token(memberId, kind)).toString();
    }

    /** The RFC 8058 headers: mail clients show an "Unsubscribe" button that POSTs to the link. */
    public Map<String, String> headers(long memberId, MailKind kind) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + url(memberId, kind) + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return headers;
    }

    /** The member and mail kind a token names, if the site signed it. */
    public Optional<Target> verify(String token) {
        Matcher m = TOKEN.matcher(token == null ? "" : token);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<MailKind> kind = MailKind.parse(m.group(2));
        long memberId;
        try {
            memberId = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty(); // beyond a long
        }
        boolean signed = MessageDigest.isEqual(signature(memberId, m.group(2)).getBytes(StandardCharsets.US_ASCII),
                m.group(3).getBytes(StandardCharsets.US_ASCII));
        return signed ? kind.map(k -> new Target(memberId, k)) : Optional.empty();
    }

    private String signature(long memberId, String kind) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(("unsubscribe:" + memberId + ":" + kind).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
