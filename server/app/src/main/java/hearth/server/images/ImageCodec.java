package hearth.server.images;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * What avatars and post images share about reading and writing picture files: telling the format from the first
 * bytes (never from a name or a declared type), finding a decoder for it, and encoding pixels without any metadata.
 */
public final class ImageCodec {

    /** The formats Hearth can decode; anything else (SVG above all, which can carry script) is not an image to it. */
    public enum Kind {
        PNG("png"), JPEG("jpeg"), GIF("gif"), WEBP("webp");

        private final String formatName;

        Kind(String formatName) {
            this.formatName = formatName;
        }
    }

    private ImageCodec() {
    }

    /** The format the bytes start with, if it is one of {@link Kind}. */
    public static Optional<Kind> sniff(byte[] b) {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(Kind.PNG);
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(Kind.JPEG);
        }
        if (startsWith(b, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(b, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of(Kind.GIF);
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(Kind.WEBP);
        }
        return Optional.empty();
    }

    /** A fresh decoder for the format; the caller disposes of it. */
    public static ImageReader reader(Kind kind) {
        if (kind == Kind.WEBP) {
            // Straight from the plugin rather than through ImageIO's registry, so WebP works whatever the class
            // loader that registry scanned (fat jar, plugin host, tests) could see.
            return new WebPImageReaderSpi().createReaderInstance(null);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(kind.formatName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("This Java runtime has no " + kind + " decoder");
        }
        return readers.next();
    }

    /** PNG of an image whose raster is not premultiplied (the PNG writer stores the raster as it is). */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("This Java runtime has no PNG encoder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding a PNG in memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** JPEG of an RGB image at {@code quality} (0–1), with no metadata but the JFIF header the writer adds. */
    public static byte[] jpeg(BufferedImage rgb, float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("This Java runtime has no JPEG encoder");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding a JPEG in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
