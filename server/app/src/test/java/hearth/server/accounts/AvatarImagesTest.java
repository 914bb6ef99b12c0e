package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.accounts.AvatarImages.Avatar;
import hearth.server.accounts.AvatarImages.Format;
import hearth.server.accounts.AvatarRefused.Reason;
import hearth.server.images.ExifOrientation;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class AvatarImagesTest {

    static final int RED = 0xDC1E1E;
    static final int BLUE = 0x1E3CDC;
    static final int GREEN = 0x28B43C;

    final AvatarImages avatars = new AvatarImages();

    // ---- accepted formats ----

    @Test
    void aLandscapePngIsCroppedToItsCentredSquareAndScaledTo256And64() throws IOException {
        Avatar avatar = avatars.fromUpload(png(bands(600, 400), false));

        assertEquals(Format.JPEG, avatar.format(), "no transparency, so JPEG");
        BufferedImage large = decode(avatar.large());
        BufferedImage small = decode(avatar.small());
        assertEquals(256, large.getWidth());
        assertEquals(256, large.getHeight());
        assertEquals(64, small.getWidth());
        assertEquals(64, small.getHeight());
        for (int[] p : new int[][] {{0, 0}, {255, 0}, {0, 255}, {255, 255}, {128, 128}}) {
            assertColour(BLUE, large.getRGB(p[0], p[1]), "the red side bands are cropped away at " + p[0] + "," + p[1]);
        }
        assertColour(BLUE, small.getRGB(0, 32), "small variant too");
    }

    @Test
    void aPortraitJpegIsCroppedAndScaled() throws IOException {
        BufferedImage portrait = rotate(bands(300, 500));
        Avatar avatar = avatars.fromUpload(jpeg(portrait));

        assertEquals(Format.JPEG, avatar.format());
        BufferedImage large = decode(avatar.large());
        assertEquals(256, large.getWidth());
        assertEquals(256, large.getHeight());
        assertColour(BLUE, large.getRGB(128, 2), "the top band is cropped away");
        assertColour(BLUE, large.getRGB(128, 253), "the bottom band is cropped away");
        assertTrue(startsWith(avatar.large(), 0xFF, 0xD8, 0xFF), "JPEG bytes");
    }

    @Test
    void aSmallImageIsScaledUp() throws IOException {
        Avatar avatar = avatars.fromUpload(png(solid(20, 20, GREEN), false));
        BufferedImage large = decode(avatar.large());
        assertEquals(256, large.getWidth());
        assertColour(GREEN, large.getRGB(128, 128), "");
    }

    @Test
    void aPngWithTransparencyStaysPngAndKeepsIt() throws IOException {
        Avatar avatar = avatars.fromUpload(png(disc(400, 300), true));

        assertEquals(Format.PNG, avatar.format());
        assertEquals("image/png", avatar.format().contentType());
        BufferedImage large = decode(avatar.large());
        assertEquals(256, large.getWidth());
        assertEquals(256, large.getHeight());
        assertEquals(0, large.getRGB(0, 0) >>> 24, "corners stay transparent");
        assertEquals(0xFF, large.getRGB(128, 128) >>> 24, "the disc stays opaque");
        assertColour(GREEN, large.getRGB(128, 128), "colours are not darkened by premultiplication");
        assertEquals(0, decode(avatar.small()).getRGB(0, 0) >>> 24);
    }

    @Test
    void aPngWithAnAlphaChannelButNoTransparentPixelBecomesJpeg() throws IOException {
        BufferedImage opaqueArgb = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        fill(opaqueArgb, 0xFF000000 | BLUE);
        assertEquals(Format.JPEG, avatars.fromUpload(png(opaqueArgb, true)).format());
    }

    @Test
    void aLossyWebpIsDecodedCroppedAndScaled() throws IOException {
        Avatar avatar = avatars.fromUpload(fixture("opaque-48x32-lossy.webp"));

        assertEquals(Format.JPEG, avatar.format());
        BufferedImage large = decode(avatar.large());
        assertEquals(256, large.getWidth());
        assertEquals(256, large.getHeight());
        assertColour(BLUE, large.getRGB(128, 128), "");
        assertColour(BLUE, large.getRGB(8, 128), "the red side bands are cropped away");
        assertColour(BLUE, large.getRGB(247, 128), "the red side bands are cropped away");
    }

    @Test
    void losslessAndLossyWebpWithAlphaBecomeTransparentPngs() throws IOException {
        for (String file : List.of("alpha-32x48-lossless.webp", "alpha-32x48-lossy.webp")) {
            Avatar avatar = avatars.fromUpload(fixture(file));

            assertEquals(Format.PNG, avatar.format(), file);
            BufferedImage large = decode(avatar.large());
            assertEquals(256, large.getWidth(), file);
            assertEquals(256, large.getHeight(), file);
            assertEquals(0, large.getRGB(2, 2) >>> 24, file + ": corner transparent");
            assertEquals(0xFF, large.getRGB(128, 128) >>> 24, file + ": centre opaque");
            assertColour(GREEN, large.getRGB(128, 128), file);
        }
    }

    // ---- refused files ----

    @Test
    void gifIsRefused() throws IOException {
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(solid(50, 50, RED), "gif", gif));
        assertRefused(Reason.NOT_AN_IMAGE, gif.toByteArray());
    }

    @Test
    void svgAndTextRenamedToPngAreRefused() {
        AvatarRefused svg = assertRefused(Reason.NOT_AN_IMAGE, ("<?xml version=\"1.0\"?><svg xmlns="
                + "\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>").getBytes(StandardCharsets.UTF_8));
        assertEquals("Avatars must be PNG, JPEG or WebP images.", svg.getMessage());
        assertRefused(Reason.NOT_AN_IMAGE, "just some text, saved as me.png".getBytes(StandardCharsets.UTF_8));
        assertRefused(Reason.NOT_AN_IMAGE, new byte[] {(byte) 0x89, 'P', 'N'});
        assertRefused(Reason.NOT_AN_IMAGE, "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void emptyUploadsAreRefused() {
        assertRefused(Reason.EMPTY, new byte[0]);
        assertRefused(Reason.EMPTY, null);
    }

    @Test
    void truncatedAndCorruptImagesAreRefused() throws IOException {
        byte[] png = png(noise(300, 300), false);
        byte[] jpeg = jpeg(noise(300, 300));
        byte[] webp = fixture("alpha-32x48-lossless.webp");
        byte[] lossyWebp = fixture("opaque-48x32-lossy.webp");

        assertRefused(Reason.DAMAGED, Arrays.copyOf(png, png.length / 2));
        assertRefused(Reason.DAMAGED, Arrays.copyOf(jpeg, jpeg.length / 2));
        assertRefused(Reason.DAMAGED, Arrays.copyOf(webp, webp.length / 2));
        assertRefused(Reason.DAMAGED, Arrays.copyOf(lossyWebp, lossyWebp.length / 2));
        assertRefused(Reason.DAMAGED, Arrays.copyOf(png, 20), "signature and part of the header only");

        byte[] scrambled = png.clone();
        for (int i = 60; i < scrambled.length - 20; i++) {
            scrambled[i] ^= (byte) 0x5A;
        }
        AvatarRefused refused = assertRefused(Reason.DAMAGED, scrambled);
        assertTrue(refused.getMessage().startsWith("This image could not be read"), refused.getMessage());
    }

    @Test
    void filesOverTwoMegabytesAreRefusedBeforeAnythingElse() throws IOException {
        byte[] big = png(noise(1200, 1200), false);
        assertTrue(big.length > AvatarImages.MAX_BYTES, "the fixture is " + big.length + " bytes");
        AvatarRefused refused = assertRefused(Reason.FILE_TOO_LARGE, big);
        assertTrue(refused.getMessage().startsWith("Avatars can be at most 2 MB; this file is "), refused.getMessage());

        byte[] justOver = new byte[AvatarImages.MAX_BYTES + 1]; // not even an image: size is checked first
        assertRefused(Reason.FILE_TOO_LARGE, justOver);
    }

    @Test
    void hugeDeclaredDimensionsAreRefusedWithoutDecodingThePixels() throws IOException {
        // Each file declares a huge picture but carries almost no (and broken) pixel data: decoding would fail with
        // DAMAGED or run out of memory, so TOO_MANY_PIXELS shows the header alone decided.
        byte[] png = pngHeaderOnly(20_000, 20_000);
        AvatarRefused refused = assertRefused(Reason.TOO_MANY_PIXELS, png);
        assertEquals("This image is 20000 × 20000 pixels; avatars can be at most 40 megapixels.", refused.getMessage());

        byte[] jpeg = jpeg(solid(16, 16, RED));
        int sof = indexOfMarker(jpeg, 0xC0);
        putU16(jpeg, sof + 5, 60_000); // height
        putU16(jpeg, sof + 7, 60_000); // width
        long started = System.nanoTime();
        assertRefused(Reason.TOO_MANY_PIXELS, jpeg); // 3.6 gigapixels: decoding would need 14 GB
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "refused from the header, at once");

        byte[] webp = fixture("opaque-48x32-lossy.webp"); // VP8 frame header: 14-bit width and height at 26 and 28
        putU16LittleEndian(webp, 26, 0x3FFF);
        putU16LittleEndian(webp, 28, 0x3FFF);
        assertRefused(Reason.TOO_MANY_PIXELS, webp);

        assertEquals(Format.JPEG, avatars.fromUpload(jpeg(solid(6000, 6000, BLUE))).format(),
                "36 megapixels is within the limit");
    }

    // ---- metadata ----

    @Test
    void exifWithGpsXmpAndCommentsInAJpegAreAbsentFromTheAvatar() throws IOException {
        byte[] plain = jpeg(solid(200, 150, BLUE));
        byte[] tagged = withSegments(plain,
                segment(0xE1, exif(1, "Holiday at 52.5200 N 13.4050 E", true)),
                segment(0xE1, concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1),
                        "<x:xmpmeta><exif:GPSLatitude>52,31.2N</exif:GPSLatitude></x:xmpmeta>"
                                .getBytes(StandardCharsets.UTF_8))),
                segment(0xFE, "Secret comment".getBytes(StandardCharsets.UTF_8)));
        assertTrue(markers(tagged).contains(0xE1), "the input does carry EXIF");
        assertTrue(contains(tagged, "52.5200 N"));

        Avatar avatar = avatars.fromUpload(tagged);

        for (byte[] out : List.of(avatar.large(), avatar.small())) {
            List<Integer> markers = markers(out);
            assertFalse(markers.stream().anyMatch(m -> m >= 0xE1 && m <= 0xEF), "no APP1..APP15: " + hex(markers));
            assertFalse(markers.contains(0xFE), "no comment segment");
            for (String leak : List.of("Exif", "52.5200", "xap", "GPSLatitude", "Secret", "Holiday")) {
                assertFalse(contains(out, leak), leak + " must not survive");
            }
        }
    }

    @Test
    void textAndExifChunksInAPngAreAbsentFromTheAvatar() throws IOException {
        byte[] plain = png(disc(120, 120), true);
        byte[] tagged = withPngChunks(plain, pngChunk("tEXt", "Comment\0taken at 52.5200 N"),
                pngChunk("eXIf", new String(exif(1, "Holiday", true), StandardCharsets.ISO_8859_1)));
        assertTrue(contains(tagged, "52.5200 N"));

        Avatar avatar = avatars.fromUpload(tagged);

        assertEquals(Format.PNG, avatar.format());
        Set<String> allowed = Set.of("IHDR", "PLTE", "tRNS", "IDAT", "IEND");
        assertTrue(allowed.containsAll(pngChunkTypes(avatar.large())), "chunks: " + pngChunkTypes(avatar.large()));
        assertFalse(contains(avatar.large(), "52.5200"));
        assertFalse(contains(avatar.large(), "Holiday"));
    }

    @Test
    void exifOrientationIsAppliedToThePixelsBeforeItIsDropped() throws IOException {
        BufferedImage topRedBottomBlue = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        fill(topRedBottomBlue, BLUE);
        Graphics2D g = topRedBottomBlue.createGraphics();
        g.setColor(new Color(RED));
        g.fillRect(0, 0, 200, 100);
        g.dispose();
        byte[] plain = jpeg(topRedBottomBlue);

        // 6: "rotate 90° clockwise to display": the stored top row becomes the right-hand column.
        BufferedImage six = decode(avatars.fromUpload(withSegments(plain, segment(0xE1, exif(6, "x", false))))
                .large());
        assertColour(RED, six.getRGB(230, 128), "right half red");
        assertColour(BLUE, six.getRGB(25, 128), "left half blue");

        BufferedImage eight = decode(avatars.fromUpload(withSegments(plain, segment(0xE1, exif(8, "x", true))))
                .large());
        assertColour(RED, eight.getRGB(25, 128), "8 turns the other way: left half red");

        BufferedImage three = decode(avatars.fromUpload(withSegments(plain, segment(0xE1, exif(3, "x", true))))
                .large());
        assertColour(RED, three.getRGB(128, 230), "3 turns it upside down");

        BufferedImage none = decode(avatars.fromUpload(plain).large());
        assertColour(RED, none.getRGB(128, 25), "no tag, no turn");
    }

    @Test
    void aBrokenExifSegmentIsIgnoredNotFatal() throws IOException {
        byte[] exif = exif(6, "x", true);
        byte[] broken = Arrays.copyOf(exif, 14); // the IFD offset points past the end
        Avatar avatar = avatars.fromUpload(withSegments(jpeg(solid(50, 50, BLUE)), segment(0xE1, broken)));
        assertEquals(256, decode(avatar.large()).getWidth());
    }

    // ---- initials ----

    @Test
    void initialsAreTheFirstLettersOfTheFirstAndLastWords() {
        assertEquals("AL", AvatarImages.initials("Ada Lovelace"));
        assertEquals("AL", AvatarImages.initials("  ada   king  lovelace "));
        assertEquals("G", AvatarImages.initials("grace"));
        assertEquals("ÉZ", AvatarImages.initials("e\u0301mile zola"), "combining accents are composed first");
        assertEquals("山太", AvatarImages.initials("山田 太郎"));
        assertEquals("Ж", AvatarImages.initials("жанна"));
        assertEquals("مع", AvatarImages.initials("محمد علي"));
        assertEquals("S", AvatarImages.initials("😀 smile"), "emoji are skipped");
        assertEquals("JB", AvatarImages.initials("@jo (bo)"), "punctuation is skipped");
        assertEquals("\uD835\uDC9C", AvatarImages.initials("\uD835\uDC9Clice"), "a letter outside the BMP stays whole");
        assertEquals("?", AvatarImages.initials(""));
        assertEquals("?", AvatarImages.initials("   "));
        assertEquals("?", AvatarImages.initials(null));
        assertEquals("?", AvatarImages.initials("🔥 !!!"));
    }

    @Test
    void initialsSvgIsWellFormedXmlWithTheInitialsAsText() throws Exception {
        for (String name : List.of("Ada Lovelace", "", "<script>alert('x')</script> & \"friends\"", "山田 太郎",
                "\uD835\uDC9Clice", "a\u0000b")) {
            String svg = avatars.initialsSvg(name, "member-42");
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(svg)));
            assertEquals("svg", doc.getDocumentElement().getTagName());
            assertEquals(AvatarImages.initials(name), doc.getElementsByTagName("text").item(0).getTextContent(), name);
            assertFalse(svg.contains("<script"), svg);
        }
        assertEquals("SF", AvatarImages.initials("<script>alert('x')</script> & \"friends\""),
                "the letters of markup, never the markup");
    }

    @Test
    void theColourComesFromTheSeedAloneAndKeepsWhiteTextReadable() {
        assertEquals(avatars.initialsSvg("Ada", "member-1"), avatars.initialsSvg("Ada", "member-1"));
        assertEquals(fill(avatars.initialsSvg("Ada", "member-1")), fill(avatars.initialsSvg("Bob", "member-1")));
        Set<String> colours = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String colour = AvatarImages.colour("member-" + i);
            colours.add(colour);
            assertTrue(colour.matches("#[0-9a-f]{6}"), colour);
            double contrast = 1.05 / (luminance(Integer.parseInt(colour.substring(1), 16)) + 0.05);
            assertTrue(contrast >= 3.0, colour + " gives white text a contrast of " + contrast);
        }
        assertTrue(colours.size() > 50, "seeds spread over many colours: " + colours.size());
        assertNotEquals(AvatarImages.colour("member-1"), AvatarImages.colour("member-2"));
        assertTrue(avatars.initialsSvg("Ada", null).startsWith("<svg"), "a missing seed still draws");
    }

    // ---- helpers: pictures ----

    static BufferedImage bands(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        fill(image, RED);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(BLUE));
        g.fillRect((width - height) / 2, 0, height, height);
        g.dispose();
        return image;
    }

    static BufferedImage rotate(BufferedImage image) {
        BufferedImage turned = new BufferedImage(image.getHeight(), image.getWidth(), image.getType());
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                turned.setRGB(y, x, image.getRGB(x, y));
            }
        }
        return turned;
    }

    static BufferedImage disc(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(GREEN));
        int side = Math.min(width, height);
        g.fillOval((width - side) / 2 + side / 8, (height - side) / 2 + side / 8, side * 3 / 4, side * 3 / 4);
        g.dispose();
        return image;
    }

    static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        fill(image, rgb);
        return image;
    }

    static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    static void fill(BufferedImage image, int argb) {
        Graphics2D g = image.createGraphics();
        g.setComposite(AlphaComposite.Src);
        g.setColor(new Color(argb, image.getColorModel().hasAlpha()));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
    }

    static byte[] png(BufferedImage image, boolean alpha) throws IOException {
        assertEquals(alpha, image.getColorModel().hasAlpha());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "png", out));
        return out.toByteArray();
    }

    static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "jpeg", out));
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertTrue(image != null, "the avatar decodes");
        return image;
    }

    byte[] fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            assertTrue(in != null, "fixture " + name);
            return in.readAllBytes();
        }
    }

    static void assertColour(int expectedRgb, int actualArgb, String what) {
        int[] e = {expectedRgb >> 16 & 0xFF, expectedRgb >> 8 & 0xFF, expectedRgb & 0xFF};
        int[] a = {actualArgb >> 16 & 0xFF, actualArgb >> 8 & 0xFF, actualArgb & 0xFF};
        for (int i = 0; i < 3; i++) {
            assertTrue(Math.abs(e[i] - a[i]) <= 24, what + ": expected " + Integer.toHexString(expectedRgb) + ", got "
                    + Integer.toHexString(actualArgb & 0xFFFFFF));
        }
    }

    AvatarRefused assertRefused(Reason reason, byte[] upload) {
        return assertRefused(reason, upload, "");
    }

    AvatarRefused assertRefused(Reason reason, byte[] upload, String what) {
        AvatarRefused refused = assertThrows(AvatarRefused.class, () -> avatars.fromUpload(upload), what);
        assertEquals(reason, refused.reason(), what + ": " + refused.getMessage());
        assertFalse(refused.getMessage().isBlank());
        return refused;
    }

    static String fill(String svg) {
        int at = svg.indexOf("fill=\"#");
        return svg.substring(at, at + 14);
    }

    static double luminance(int rgb) {
        double[] c = {rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF};
        for (int i = 0; i < 3; i++) {
            double s = c[i] / 255;
            c[i] = s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    // ---- helpers: bytes ----

    /** An EXIF (TIFF) block: orientation, an ImageDescription, and a GPS IFD with latitude N 52° 31' 12". */
    static byte[] exif(int orientation, String description, boolean bigEndian) {
        ByteBuffer b = ByteBuffer.allocate(256).order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN
                : java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] text = (description + "\0").getBytes(StandardCharsets.ISO_8859_1);
        b.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        int tiff = b.position();
        b.put(bigEndian ? (byte) 'M' : (byte) 'I').put(bigEndian ? (byte) 'M' : (byte) 'I').putShort((short) 42)
                .putInt(8);
        int ifd0 = 8;
        int gpsIfd = ifd0 + 2 + 3 * 12 + 4;
        int textAt = gpsIfd + 2 + 2 * 12 + 4;
        int latitudeAt = textAt + text.length;
        b.putShort((short) 3);
        entry(b, 0x010E, 2, text.length, textAt);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        entry(b, 0x8825, 4, 1, gpsIfd);
        b.putInt(0);
        b.putShort((short) 2);
        b.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        entry(b, 0x0002, 5, 3, latitudeAt);
        b.putInt(0);
        b.put(text);
        b.putInt(52).putInt(1).putInt(31).putInt(1).putInt(12).putInt(1);
        assertEquals(tiff + latitudeAt + 24, b.position());
        return Arrays.copyOf(b.array(), b.position());
    }

    static void entry(ByteBuffer b, int tag, int type, int count, int valueOrOffset) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(valueOrOffset);
    }

    static byte[] segment(int marker, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + data.length);
        b.put((byte) 0xFF).put((byte) marker).putShort((short) (data.length + 2)).put(data);
        return b.array();
    }

    /** Inserts segments right after SOI and the JFIF APP0 segment, where cameras put theirs. */
    static byte[] withSegments(byte[] jpeg, byte[]... segments) {
        int at = 2;
        if ((jpeg[3] & 0xFF) == 0xE0) {
            at += 2 + u16(jpeg, 4);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        for (byte[] s : segments) {
            out.writeBytes(s);
        }
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    /** Markers of the segments before the image data (SOS), in order. */
    static List<Integer> markers(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            markers.add(marker);
            if (marker == 0xDA) {
                break;
            }
            at += 2 + u16(jpeg, at + 2);
        }
        return markers;
    }

    static int indexOfMarker(byte[] jpeg, int wanted) {
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at + 1] & 0xFF) == wanted) {
                return at;
            }
            at += 2 + u16(jpeg, at + 2);
        }
        throw new AssertionError("no marker " + Integer.toHexString(wanted));
    }

    static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        out.writeBytes(pngChunk("IHDR", new String(ihdr.array(), StandardCharsets.ISO_8859_1)));
        out.writeBytes(pngChunk("IDAT", "not really deflate data"));
        out.writeBytes(pngChunk("IEND", ""));
        return out.toByteArray();
    }

    static byte[] pngChunk(String type, String data) {
        byte[] body = concat(type.getBytes(StandardCharsets.ISO_8859_1), data.getBytes(StandardCharsets.ISO_8859_1));
        CRC32 crc = new CRC32();
        crc.update(body);
        return ByteBuffer.allocate(8 + body.length).putInt(body.length - 4).put(body).putInt((int) crc.getValue())
                .array();
    }

    /** Inserts chunks right after IHDR. */
    static byte[] withPngChunks(byte[] png, byte[]... chunks) {
        int at = 8 + 8 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, at);
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        out.write(png, at, png.length - at);
        return out.toByteArray();
    }

    static List<String> pngChunkTypes(byte[] png) {
        List<String> types = new ArrayList<>();
        int at = 8;
        while (at + 8 <= png.length) {
            int length = ByteBuffer.wrap(png, at, 4).getInt();
            types.add(new String(png, at + 4, 4, StandardCharsets.ISO_8859_1));
            at += 12 + length;
        }
        return types;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    static void putU16(byte[] b, int at, int value) {
        b[at] = (byte) (value >> 8);
        b[at + 1] = (byte) value;
    }

    static void putU16LittleEndian(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >> 8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static boolean startsWith(byte[] b, int... expected) {
        for (int i = 0; i < expected.length; i++) {
            if ((b[i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    static String hex(List<Integer> markers) {
        return markers.stream().map(Integer::toHexString).toList().toString();
    }

    @Test
    void theHelpersBuildWhatTheySay() {
        byte[] exif = exif(6, "x", true);
        assertArrayEquals("Exif\0\0MM".getBytes(StandardCharsets.ISO_8859_1), Arrays.copyOf(exif, 8));
        assertEquals(6, ExifOrientation.of(withSegments(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF,
                (byte) 0xDA, 0, 2}, segment(0xE1, exif))));
        assertEquals(8, ExifOrientation.of(withSegments(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF,
                (byte) 0xDA, 0, 2}, segment(0xE1, exif(8, "little", false)))));
    }
}
