package hearth.server.uploads;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import hearth.server.testing.Trust;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploading images for posts over HTTP, what is stored and served, and what the sanitiser lets through. */
class UploadsTest {

    private static final Pattern URL = Pattern.compile("/uploads/([0-9a-f]{64})\\.(png|jpg)");

    @TempDir
    static Path dataDir;
    static TestSite site;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    /** A member who may post (address confirmed), logged in. */
    static Browser member(String username) throws Exception {
        Members.signUp(site, username);
        Sql.execute(site.database(), "UPDATE members SET email_verified_at = created_at WHERE username_key = '"
                + username.toLowerCase(Locale.ROOT) + "'");
        return Members.logIn(site, username);
    }

    static HttpResponse<String> upload(Browser member, String fileName, String type, byte[] content) {
        return member.upload("/uploads", "/uploads", "image", fileName, type, content);
    }

    static HttpResponse<String> uploadApi(Browser member, String fileName, String type, byte[] content) {
        return member.upload("/uploads", "/api/v1/uploads", "image", fileName, type, content, "Accept",
                "application/json");
    }

    @Test
    void aPngIsStoredAndServedWithSafeHeaders() throws Exception {
        Browser ada = member("AdaPng");
        BufferedImage picture = picture(300, 200, Color.ORANGE);
        HttpResponse<String> page = upload(ada, "Garden path.png", "image/png", encode(picture, "png"));
        assertEquals(200, page.statusCode(), page.body());
        Matcher url = URL.matcher(page.body());
        assertTrue(url.find(), page.body());
        assertTrue(page.body().contains("![Garden path](" + url.group() + ")"), page.body());

        HttpResponse<byte[]> served = new Browser(site).getBytes(url.group());
        assertEquals(200, served.statusCode());
        assertEquals("image/png", served.headers().firstValue("content-type").orElseThrow());
        assertTrue(served.headers().firstValue("cache-control").orElseThrow().contains("max-age=31536000"));
        assertEquals("nosniff", served.headers().firstValue("x-content-type-options").orElseThrow());
        assertEquals("sandbox", served.headers().firstValue("content-security-policy").orElseThrow());
        assertTrue(served.headers().allValues("set-cookie").isEmpty(), "a response caches may share has no cookie");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(served.body()));
        assertEquals(300, back.getWidth());
        assertEquals(200, back.getHeight());
        assertEquals(Color.ORANGE.getRGB(), back.getRGB(150, 100));
        assertEquals(url.group(1), sha256(served.body()), "the name is the content's hash");

        assertEquals(404, new Browser(site).get("/uploads/" + "0".repeat(64) + ".png").statusCode());
        assertEquals(404, new Browser(site).get("/uploads/..%2F..%2Fhearth.yml").statusCode());
    }

    @Test
    void aJpegIsTurnedUprightAndLosesItsExif() throws Exception {
        Browser bo = member("BoJpeg");
        // Stored sideways (40 × 20, red on the left), with orientation 6: "turn 90° clockwise to show".
        BufferedImage sideways = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sideways.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 20, 20);
        g.setColor(Color.BLUE);
        g.fillRect(20, 0, 20, 20);
        g.dispose();
        byte[] jpeg = withExif(encode(sideways, "jpg"), 6, "GPS-SECRET-51.5N");

        HttpResponse<String> answer = uploadApi(bo, "IMG_0001.JPG", "image/jpeg", jpeg);
        assertEquals(201, answer.statusCode(), answer.body());
        JsonObject json = new JsonObject(answer.body());
        assertEquals(20, json.getInteger("width"));
        assertEquals(40, json.getInteger("height"));
        assertTrue(json.getString("url").matches("/uploads/[0-9a-f]{64}\\.jpg"), json.encode());
        assertEquals("![IMG 0001](" + json.getString("url") + ")", json.getString("markdown"));

        byte[] served = bo.getBytes(json.getString("url")).body();
        String raw = new String(served, StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("Exif"), "no EXIF segment is kept");
        assertFalse(raw.contains("GPS-SECRET"), "nothing of the metadata is kept");
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(served));
        assertEquals(20, upright.getWidth());
        assertEquals(40, upright.getHeight());
        assertTrue(isReddish(upright.getRGB(10, 5)), "the left (red) half is now on top");
        assertFalse(isReddish(upright.getRGB(10, 35)));
    }

    @Test
    void theComposerGetsTheMarkdownAsAnEvent() throws Exception {
        Browser cy = member("CyGif");
        BufferedImage gif = new BufferedImage(30, 10, BufferedImage.TYPE_BYTE_INDEXED);
        HttpResponse<String> answer = cy.upload("/uploads", "/uploads", "image", "wave.gif", "image/gif",
                encode(gif, "gif"), "HX-Request", "true");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject trigger = new JsonObject(answer.headers().firstValue("hx-trigger").orElseThrow());
        String markdown = trigger.getJsonObject("hearth:uploaded").getString("markdown");
        assertTrue(markdown.matches("!\\[wave]\\(/uploads/[0-9a-f]{64}\\.png\\)"), markdown);
        assertFalse(answer.body().contains("<html"), "a fragment, not a page");
        assertTrue(answer.body().contains(markdown), answer.body());
    }

    @Test
    void webpImagesAreAcceptedLossyAndLossless() throws Exception {
        Browser og = member("OgWebp");
        for (String webp : new String[] {"UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==",
                "UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA"}) {
            HttpResponse<String> answer = uploadApi(og, "dot.webp", "image/webp",
                    java.util.Base64.getDecoder().decode(webp));
            assertEquals(201, answer.statusCode(), answer.body());
            assertEquals(1, new JsonObject(answer.body()).getInteger("width"));
        }
    }

    @Test
    void onlyRealImagesInAcceptedFormatsGetThrough() throws Exception {
        Browser di = member("DiRefused");
        HttpResponse<String> html = upload(di, "cat.png", "image/png",
                "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, html.statusCode());
        assertTrue(html.body().contains("id=\"image-error\" role=\"alert\">This file is not an image"), html.body());

        byte[] svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"9\" "
                + "height=\"9\"/></svg>").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> api = uploadApi(di, "logo.svg", "image/svg+xml", svg);
        assertEquals(400, api.statusCode());
        assertEquals("image", new JsonObject(api.body()).getString("field"));
        assertTrue(new JsonObject(api.body()).getString("error").contains("PNG, JPEG, GIF or WebP"), api.body());

        byte[] truncated = Arrays.copyOf(encode(picture(200, 200, Color.GREEN), "png"), 120);
        assertEquals(400, upload(di, "half.png", "image/png", truncated).statusCode());
        HttpResponse<String> nothing = upload(di, "empty.png", "image/png", new byte[0]);
        assertEquals(400, nothing.statusCode());
        assertTrue(nothing.body().contains("Choose an image to upload."), nothing.body());
        assertEquals(0, Sql.number(site.database(), "SELECT COUNT(*) FROM uploads WHERE uploader_id = (SELECT id "
                + "FROM members WHERE username_key = 'direfused')"));
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWithItsSize() throws Exception {
        Browser ed = member("EdLarge");
        byte[] large = new byte[8 * 1024 * 1024 + 300 * 1024];
        System.arraycopy(encode(picture(10, 10, Color.RED), "png"), 0, large, 0, 8);
        HttpResponse<String> api = uploadApi(ed, "huge.png", "image/png", large);
        assertEquals(413, api.statusCode(), api.body());
        assertTrue(new JsonObject(api.body()).getString("error").startsWith("Images can be at most 8 MB; this file "
                + "is 8.3 MB."), api.body());
        HttpResponse<String> page = upload(ed, "huge.png", "image/png", large);
        assertEquals(413, page.statusCode());
        assertTrue(page.body().contains("id=\"image-error\""), page.body());
    }

    @Test
    void anImageDeclaringTooManyPixelsIsRefusedBeforeDecoding() throws Exception {
        Browser fi = member("FiBomb");
        // A tiny valid PNG whose header claims 30,000 × 30,000 pixels (900 megapixels).
        byte[] bomb = withPngSize(encode(picture(1, 1, Color.BLACK), "png"), 30_000, 30_000);
        HttpResponse<String> api = uploadApi(fi, "bomb.png", "image/png", bomb);
        assertEquals(400, api.statusCode(), api.body());
        assertTrue(new JsonObject(api.body()).getString("error").contains("30000 × 30000 pixels"), api.body());
    }

    @Test
    void largeImagesAreScaledDown() throws Exception {
        Browser gu = member("GuWide");
        HttpResponse<String> api = uploadApi(gu, "panorama.png", "image/png", encode(picture(5000, 100, Color.CYAN),
                "png"));
        assertEquals(201, api.statusCode(), api.body());
        assertEquals(4096, new JsonObject(api.body()).getInteger("width"));
        assertEquals(82, new JsonObject(api.body()).getInteger("height"));
    }

    @Test
    void visitorsAndMembersWhoMayNotPostCannotUpload() throws Exception {
        Browser visitor = new Browser(site);
        assertEquals(303, visitor.get("/uploads").statusCode(), "the form sends visitors to log in");
        byte[] png = encode(picture(20, 20, Color.PINK), "png");
        assertEquals(401, visitor.upload("/login", "/uploads", "image", "a.png", "image/png", png).statusCode());
        assertEquals(401, visitor.upload("/login", "/api/v1/uploads", "image", "a.png", "image/png", png)
                .statusCode());

        Browser unconfirmed = Members.signUp(site, "HaUnconfirmed");
        HttpResponse<String> refused = unconfirmed.upload("/uploads", "/api/v1/uploads", "image", "a.png",
                "image/png", png);
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("confirm your email"), refused.body());
    }

    @Test
    void theSameImageIsStoredOnce() throws Exception {
        byte[] png = encode(picture(64, 48, Color.MAGENTA), "png");
        String first = new JsonObject(uploadApi(member("JoSame"), "one.png", "image/png", png).body())
                .getString("url");
        String second = new JsonObject(uploadApi(member("KiSame"), "two.png", "image/png", png).body())
                .getString("url");
        assertEquals(first, second);
        String sha = first.substring("/uploads/".length(), "/uploads/".length() + 64);
        assertEquals(1, Sql.number(site.database(), "SELECT COUNT(*) FROM uploads WHERE sha256 = '" + sha + "'"));
        try (Stream<Path> files = Files.list(dataDir.resolve("uploads"))) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith(sha)).count());
        }
    }

    @Test
    void membersUploadAtMostTenImagesAMinute() throws Exception {
        Browser lu = member("LuFast");
        for (int i = 0; i < ImageUploads.PER_MINUTE; i++) {
            HttpResponse<String> ok = uploadApi(lu, "n.png", "image/png", encode(picture(8, 8, new Color(i, 0, 0)),
                    "png"));
            assertEquals(201, ok.statusCode(), ok.body());
        }
        HttpResponse<String> refused = uploadApi(lu, "n.png", "image/png", encode(picture(8, 8, Color.WHITE), "png"));
        assertEquals(429, refused.statusCode());
        assertTrue(new JsonObject(refused.body()).getString("error").contains("at most 10 images a minute"));
    }

    @Test
    void postsShowUploadedImagesLazilyWithTheirSizeAndNothingUnsafe() throws Exception {
        Browser mo = member("MoPoster");
        // Three images, two of them unsafe: past level 0's limit of one image per post, which is not what this tests.
        Trust.setLevel(Members.member(site, "MoAdmin", "admin"), "MoPoster", 1);
        String markdown = new JsonObject(uploadApi(mo, "Seedlings.png", "image/png",
                encode(picture(120, 90, Color.GREEN), "png")).body()).getString("markdown");
        long topic = Sql.number(site.database(), "SELECT MIN(id) FROM topics");
        HttpResponse<String> reply = mo.json("POST", "/api/v1/topics/" + topic + "/posts", new JsonObject()
                .put("body", "My seedlings:\n\n" + markdown + "\n\n![x](javascript:alert(1)) <img src=x onerror=alert(1)>")
                .encode());
        assertEquals(201, reply.statusCode(), reply.body());
        String html = new JsonObject(reply.body()).getString("bodyHtml");
        Matcher url = URL.matcher(markdown);
        assertTrue(url.find());
        assertTrue(html.contains("<img src=\"" + url.group() + "\" alt=\"Seedlings\" width=\"120\" height=\"90\" "
                + "loading=\"lazy\" />"), html);
        assertFalse(html.contains("javascript:"), html);
        assertFalse(html.contains("onerror"), html);
    }

    @Test
    void aDeletedMembersImagesStayWhereTheirPostsShowThem() throws Exception {
        Browser ny = member("NyLeaving");
        String shown = new JsonObject(uploadApi(ny, "shown.png", "image/png",
                encode(picture(50, 50, Color.YELLOW), "png")).body()).getString("url");
        String unused = new JsonObject(uploadApi(ny, "unused.png", "image/png",
                encode(picture(50, 50, Color.DARK_GRAY), "png")).body()).getString("url");
        long topic = Sql.number(site.database(), "SELECT MIN(id) FROM topics");
        assertEquals(201, ny.json("POST", "/api/v1/topics/" + topic + "/posts", new JsonObject()
                .put("body", "Before I go: ![flowers](" + shown + ")").encode()).statusCode());
        long id = Sql.number(site.database(), "SELECT id FROM members WHERE username_key = 'nyleaving'");

        HttpResponse<String> deleted = ny.json("DELETE", "/api/v1/me", new JsonObject().put("username", "NyLeaving")
                .put("password", Members.PASSWORD).encode());
        assertTrue(deleted.statusCode() < 300, deleted.body());

        String unusedSha = unused.substring(9, 73);
        eventually("the unused image is deleted", () -> count("SELECT COUNT(*) FROM uploads WHERE sha256 = '"
                + unusedSha + "'") == 0 && Files.notExists(dataDir.resolve(unused.substring(9))));
        assertEquals(0, count("SELECT COUNT(*) FROM uploads WHERE uploader_id = " + id), "no row names them");
        assertEquals(1, count("SELECT COUNT(*) FROM uploads WHERE sha256 = '" + shown.substring(9, 73) + "'"));
        assertEquals(200, new Browser(site).getBytes(shown).statusCode(), "the post keeps its image");
        assertEquals(404, new Browser(site).getBytes(unused).statusCode());
    }

    private static long count(String sql) {
        try {
            return Sql.number(site.database(), sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static BufferedImage picture(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }

    private static boolean isReddish(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int b = rgb & 0xFF;
        return r > 180 && b < 80;
    }

    /** The JPEG with an EXIF segment (orientation and a description) right after its start marker. */
    private static byte[] withExif(byte[] jpeg, int orientation, String description) {
        byte[] text = (description + "\0").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4 + text.length);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x010E).putShort((short) 2).putInt(text.length).putInt(8 + 2 + 2 * 12 + 4);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        tiff.put(text);
        byte[] body = tiff.array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 6 + body.length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The PNG with its header's width and height replaced (and the header's checksum fixed). */
    private static byte[] withPngSize(byte[] png, int width, int height) {
        byte[] patched = png.clone();
        ByteBuffer b = ByteBuffer.wrap(patched);
        b.putInt(16, width).putInt(20, height); // IHDR data starts at 16: signature 8, length 4, type 4
        CRC32 crc = new CRC32();
        crc.update(patched, 12, 4 + 13);
        b.putInt(12 + 4 + 13, (int) crc.getValue());
        return patched;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
