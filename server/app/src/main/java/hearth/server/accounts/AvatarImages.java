package hearth.server.accounts;

import hearth.server.images.ExifOrientation;
import hearth.server.images.ImageCodec;
import hearth.server.images.Pixels;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns an uploaded picture into a member's avatar, and draws an initials avatar for members without one.
 *
 * <p>Uploads are treated as hostile. The format is decided by the file's first bytes, never by its name or declared
 * type, and only PNG, JPEG and WebP get through. Width and height are read from the header and checked against a
 * pixel limit before any pixel is decoded, so a small file declaring a huge image (a decompression bomb) costs
 * nothing. A decoder warning (a truncated JPEG decodes with a grey band and only a warning) counts as damage. The
 * result is always re-encoded from pixels, which drops every piece of metadata: EXIF with its GPS position, XMP,
 * comments, colour profiles, text chunks.
 *
 * <p>The work is CPU-bound and takes tens of milliseconds: call it off the event loop. Instances hold no state.
 */
public final class AvatarImages {

    /** The upload limit, 2 MB. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    /** The most pixels an upload may declare: 40 megapixels, beyond any phone photo today. */
    public static final long MAX_PIXELS = 40_000_000L;
    /** The side of the avatar shown on profiles. */
    public static final int LARGE = 256;
    /** The side of the avatar shown next to posts and in lists. */
    public static final int SMALL = 64;

    static final String NOT_AN_IMAGE = "Avatars must be PNG, JPEG or WebP images.";
    private static final float JPEG_QUALITY = 0.85f;
    // Decoding skips pixels (nearest neighbour) down to about this side, so a 40-megapixel photo never occupies
    // 160 MB; the generous margin over LARGE leaves the smooth downscaling below enough detail to avoid aliasing.
    private static final int DECODE_SIDE = 4 * LARGE;

    /** The encoding of a finished avatar; both sizes of one avatar share it. */
    public enum Format {
        PNG("image/png", "png"),
        JPEG("image/jpeg", "jpg");

        private final String contentType;
        private final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public String contentType() {
            return contentType;
        }

        public String extension() {
            return extension;
        }
    }

    /**
     * A finished avatar: a {@value #LARGE}-pixel and a {@value #SMALL}-pixel square. PNG when the picture has
     * transparency, JPEG otherwise. The arrays are the caller's to store; they are not copied.
     */
    public record Avatar(Format format, byte[] large, byte[] small) {
    }

    private enum Source { PNG, JPEG, WEBP }

    /**
     * Checks, crops to the centred square, scales and re-encodes an upload.
     *
     * @throws AvatarRefused with a message for the uploader when the file is not an acceptable image
     */
    public Avatar fromUpload(byte[] upload) {
        if (upload == null || upload.length == 0) {
            throw new AvatarRefused(AvatarRefused.Reason.EMPTY, "The file is empty. " + NOT_AN_IMAGE);
        }
        if (upload.length > MAX_BYTES) {
            throw new AvatarRefused(AvatarRefused.Reason.FILE_TOO_LARGE, String.format(Locale.ROOT,
                    "Avatars can be at most %d MB; this file is %.1f MB.", MAX_BYTES / (1024 * 1024),
                    upload.length / (1024.0 * 1024.0)));
        }
        Source source = sniff(upload);
        BufferedImage square = decodeCentredSquare(upload, source);
        boolean alpha = square.getColorModel().hasAlpha();
        BufferedImage large = Pixels.scale(Pixels.standardise(square, alpha), LARGE, LARGE, alpha);
        if (source == Source.JPEG) {
            large = ExifOrientation.apply(ExifOrientation.of(upload), large);
        }
        BufferedImage small = Pixels.scale(large, SMALL, SMALL, alpha);
        Format format = alpha && Pixels.hasTransparency(large) ? Format.PNG : Format.JPEG;
        return new Avatar(format, encode(large, format), encode(small, format));
    }

    /**
     * A square SVG avatar: one or two initials of {@code displayName} in white on a colour chosen by {@code seed}
     * (use something stable, such as the member id, so the colour survives a change of name). Works for any script,
     * taking each initial as a whole code point; a name with no letter or digit shows "?".
     */
    public String initialsSvg(String displayName, String seed) {
        String initials = initials(displayName);
        int fontSize = initials.codePointCount(0, initials.length()) > 1 ? 26 : 32;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">"
                + "<rect width=\"64\" height=\"64\" fill=\"" + colour(seed == null ? "" : seed) + "\"/>"
                + "<text x=\"32\" y=\"32\" dy=\".35em\" text-anchor=\"middle\" fill=\"#ffffff\" font-size=\""
                + fontSize + "\" font-weight=\"600\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, "
                + "'Noto Sans', sans-serif\">" + escapeXml(initials) + "</text></svg>";
    }

    private static Source sniff(byte[] b) {
        // GIF is decodable too, but an avatar has no use for it (nor for its animation).
        return ImageCodec.sniff(b).flatMap(kind -> switch (kind) {
            case PNG -> Optional.of(Source.PNG);
            case JPEG -> Optional.of(Source.JPEG);
            case WEBP -> Optional.of(Source.WEBP);
            case GIF -> Optional.<Source>empty();
        }).orElseThrow(() -> new AvatarRefused(AvatarRefused.Reason.NOT_AN_IMAGE, NOT_AN_IMAGE));
    }

    private static BufferedImage decodeCentredSquare(byte[] upload, Source source) {
        ImageReader reader = readerFor(source);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw damaged();
            }
            if ((long) width * height > MAX_PIXELS) {
                throw new AvatarRefused(AvatarRefused.Reason.TOO_MANY_PIXELS, String.format(Locale.ROOT,
                        "This image is %d × %d pixels; avatars can be at most %d megapixels.", width, height,
                        MAX_PIXELS / 1_000_000));
            }
            int side = Math.min(width, height);
            int step = Math.max(1, side / DECODE_SIDE);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceRegion(new Rectangle((width - side) / 2, (height - side) / 2, side, side));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage square = reader.read(0, param);
            if (!warnings.isEmpty() || square.getWidth() != square.getHeight()) {
                throw damaged();
            }
            return square;
        } catch (AvatarRefused e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders answer malformed input with IIOException, EOFException and, now and then, runtime exceptions
            // such as ArrayIndexOutOfBounds: to the uploader they all mean the same thing.
            throw damaged();
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader readerFor(Source source) {
        return ImageCodec.reader(ImageCodec.Kind.valueOf(source.name()));
    }

    private static AvatarRefused damaged() {
        return new AvatarRefused(AvatarRefused.Reason.DAMAGED, "This image could not be read; it may be damaged "
                + "or incomplete. Try saving it again as PNG or JPEG.");
    }

    private static byte[] encode(BufferedImage image, Format format) {
        if (format == Format.PNG) {
            // The PNG writer stores the raster as it is: undo the premultiplication first.
            return ImageCodec.png(Pixels.convert(image, BufferedImage.TYPE_INT_ARGB));
        }
        return ImageCodec.jpeg(image.getType() == BufferedImage.TYPE_INT_RGB ? image
                : Pixels.convert(image, BufferedImage.TYPE_INT_RGB), JPEG_QUALITY);
    }

    static String initials(String displayName) {
        if (displayName == null) {
            return "?";
        }
        String name = Normalizer.normalize(displayName, Normalizer.Form.NFC).strip();
        List<Integer> firsts = new ArrayList<>();
        for (String word : name.split("[\\s\\p{Z}]+")) {
            word.codePoints().filter(Character::isLetterOrDigit).findFirst().ifPresent(firsts::add);
        }
        if (firsts.isEmpty()) {
            return "?";
        }
        StringBuilder initials = new StringBuilder().appendCodePoint(Character.toUpperCase(firsts.getFirst()));
        if (firsts.size() > 1) {
            initials.appendCodePoint(Character.toUpperCase(firsts.getLast()));
        }
        return initials.toString();
    }

    /**
     * A hue from the seed's hash, at a saturation and lightness where white text stays readable (at least 3:1, the
     * contrast for large text) on every hue, yellow included.
     */
    static String colour(String seed) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        int hue = (((hash[0] & 0xFF) << 8) | (hash[1] & 0xFF)) % 360;
        return hsl(hue, 0.50, 0.36);
    }

    private static String hsl(int hue, double saturation, double lightness) {
        double chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
        double x = chroma * (1 - Math.abs((hue / 60.0) % 2 - 1));
        double m = lightness - chroma / 2;
        double[] rgb = switch (hue / 60) {
            case 0 -> new double[] {chroma, x, 0};
            case 1 -> new double[] {x, chroma, 0};
            case 2 -> new double[] {0, chroma, x};
            case 3 -> new double[] {0, x, chroma};
            case 4 -> new double[] {x, 0, chroma};
            default -> new double[] {chroma, 0, x};
        };
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round((rgb[0] + m) * 255),
                Math.round((rgb[1] + m) * 255), Math.round((rgb[2] + m) * 255));
    }

    private static String escapeXml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
