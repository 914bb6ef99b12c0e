package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploading and showing avatars over HTTP. */
class AvatarUploadTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser member;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        member = new Browser(site);
        member.submit("/signup", "/signup", Map.of("username", "Poppy", "email", "poppy@example.org",
                "password", "compost-heap-42", "terms", "yes"));
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void withoutAnUploadTheAvatarIsTheMembersInitials() {
        HttpResponse<String> avatar = member.get("/u/poppy/avatar");
        assertEquals(200, avatar.statusCode());
        assertEquals("image/svg+xml", avatar.headers().firstValue("content-type").orElseThrow());
        assertTrue(avatar.body().contains(">P<"), avatar.body());
        assertEquals(404, member.get("/u/nobody-at-all/avatar").statusCode());
    }

    @Test
    void anUploadedPictureIsCroppedResizedAndServed() throws Exception {
        Browser owner = new Browser(site);
        owner.submit("/signup", "/signup", Map.of("username", "Daisy", "email", "daisy@example.org",
                "password", "compost-heap-42", "terms", "yes"));
        BufferedImage wide = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 600, 400);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(wide, "png", png);

        HttpResponse<String> uploaded = owner.upload("/account/avatar", "/account/avatar", "avatar", "garden.png",
                "image/png", png.toByteArray());
        assertEquals(303, uploaded.statusCode(), uploaded.body());

        HttpResponse<byte[]> large = owner.getBytes("/u/daisy/avatar");
        assertEquals(200, large.statusCode());
        BufferedImage served = ImageIO.read(new ByteArrayInputStream(large.body()));
        assertEquals(256, served.getWidth());
        assertEquals(256, served.getHeight());
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(owner.getBytes("/u/daisy/avatar?size=small").body()));
        assertEquals(64, small.getWidth());
    }

    @Test
    void aPrivateProfileShowsOthersOnlyInitials() throws Exception {
        Browser owner = new Browser(site);
        owner.submit("/signup", "/signup", Map.of("username", "Violet", "email", "violet@example.org",
                "password", "compost-heap-42", "terms", "yes"));
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB), "jpg", jpeg);
        assertEquals(303, owner.upload("/account/avatar", "/account/avatar", "avatar", "me.jpg", "image/jpeg",
                jpeg.toByteArray()).statusCode());
        try (java.sql.Connection c = site.database().connect(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE members SET profile_hidden = TRUE WHERE username_key = 'violet'");
        }
        assertEquals("image/svg+xml", new Browser(site).get("/u/violet/avatar").headers()
                .firstValue("content-type").orElseThrow(), "strangers see initials");
        assertEquals("image/jpeg", owner.get("/u/violet/avatar").headers().firstValue("content-type").orElseThrow(),
                "the owner sees their picture");
    }

    @Test
    void anythingButARealPictureIsRefusedWithAMessage() {
        HttpResponse<String> text = member.upload("/account/avatar", "/account/avatar", "avatar", "totally.png",
                "image/png", "not an image at all".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, text.statusCode());
        assertTrue(text.body().contains("id=\"avatar-error\" role=\"alert\">"), text.body());
        HttpResponse<String> nothing = member.upload("/account/avatar", "/account/avatar", "avatar", "empty.png",
                "image/png", new byte[0]);
        assertEquals(400, nothing.statusCode());
        assertTrue(nothing.body().contains("Choose a picture to upload."));
        assertEquals("image/svg+xml", member.get("/u/poppy/avatar").headers().firstValue("content-type").orElseThrow(),
                "a refused upload changes nothing");
    }
}
