package hearth.server.appearance;

import hearth.api.errors.InvalidInput;
import hearth.server.web.Routes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The logo and favicon admins upload: checked (an image of a known kind, not too large), stored in
 * {@code <data-dir>/appearance} under a name made of the content's hash, and served from
 * {@code /appearance/<name>}, which browsers may keep for a year (a new image has a new name).
 */
public final class BrandImages implements Routes {

    /** The two images a site has. */
    public enum Kind {
        LOGO("logo", 512 * 1024, 2048),
        FAVICON("favicon", 128 * 1024, 512);

        final String field;
        final int maxBytes;
        final int maxSide;

        Kind(String field, int maxBytes, int maxSide) {
            this.field = field;
            this.maxBytes = maxBytes;
            this.maxSide = maxSide;
        }

        public String field() {
            return field;
        }

        public int maxBytes() {
            return maxBytes;
        }
    }

    private static final String PATH = "/appearance/";
    private static final Pattern NAME = Pattern.compile("(logo|favicon)-[0-9a-f]{16}\\.(png|jpg|gif|webp|ico)");
    private static final Map<String, String> TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "gif", "image/gif", "webp", "image/webp", "ico", "image/x-icon");
    private static final long MAX_AGE = Duration.ofDays(365).toSeconds();

    private final Path dir;

    public BrandImages(Path dir) {
        this.dir = dir;
    }

    /** The address of a stored image, or null for none. */
    String url(String file) {
        return file == null || file.isEmpty() ? null : PATH + file;
    }

    /** Checks an upload and stores it; returns its file name. Blocks. */
    String store(Kind kind, Path upload) {
        try {
            long size = Files.size(upload);
            if (size == 0) {
                throw new InvalidInput(kind.field, "The file is empty. Choose a PNG, JPEG, GIF, WebP or ICO image.");
            }
            if (size > kind.maxBytes) {
                throw new InvalidInput(kind.field, "The image is larger than " + kind.maxBytes / 1024
                        + " KiB, the most a " + kind.field + " may be.");
            }
            byte[] bytes = Files.readAllBytes(upload);
            String extension = extension(bytes);
            if (extension == null) {
                throw new InvalidInput(kind.field, "This is not a PNG, JPEG, GIF, WebP or ICO image.");
            }
            if (!extension.equals("webp") && !extension.equals("ico")) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
                if (image == null) {
                    throw new InvalidInput(kind.field, "The image cannot be read; it may be damaged.");
                }
                if (image.getWidth() > kind.maxSide || image.getHeight() > kind.maxSide) {
                    throw new InvalidInput(kind.field, "The image may be at most " + kind.maxSide + " pixels wide and "
                            + "high.");
                }
            }
            String name = kind.field + "-" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8) + "." + extension;
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, kind.field, ".part");
            Files.write(temp, bytes);
            Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kind of image by its first bytes (never by the name or type the browser sent). */
    private static String extension(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return "png";
        }
        if (starts(b, 0xff, 0xd8, 0xff)) {
            return "jpg";
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return "gif";
        }
        if (b.length > 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return "webp";
        }
        if (starts(b, 0, 0, 1, 0)) {
            return "ico";
        }
        return null;
    }

    private static boolean starts(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void mount(Router router) {
        router.get(PATH + ":name").handler(ctx -> {
            String name = ctx.pathParam("name");
            Path file = dir.resolve(name);
            if (!NAME.matcher(name).matches()) {
                ctx.fail(404);
                return;
            }
            ctx.vertx().fileSystem().exists(file.toString()).onComplete(found -> {
                if (found.failed() || !found.result()) {
                    ctx.fail(404);
                    return;
                }
                ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
                        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + MAX_AGE + ", immutable")
                        .putHeader("X-Content-Type-Options", "nosniff")
                        .sendFile(file.toString());
            });
        });
    }
}
