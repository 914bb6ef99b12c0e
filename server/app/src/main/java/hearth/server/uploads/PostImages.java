package hearth.server.uploads;

import hearth.server.images.ExifOrientation;
import hearth.server.images.ImageCodec;
import hearth.server.images.Pixels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns an uploaded file into an image fit to show in posts, treating it as hostile: the format comes from the
 * first bytes (PNG, JPEG, GIF or WebP; a GIF keeps only its first frame), width × height is checked against a pixel
 * limit from the header before a pixel is decoded (decompression bombs), decoder warnings count as damage, and the
 * result is re-encoded from pixels, which drops all metadata (EXIF with GPS, XMP, comments, text chunks) after the
 * EXIF orientation has been applied to the pixels. Images wider or taller than {@value #MAX_SIDE} pixels are scaled
 * down. Photos (JPEG) stay JPEG; the rest become PNG, or JPEG for a WebP without transparency.
 *
 * <p>CPU-bound, tens to hundreds of milliseconds and up to ~200 MB for the largest photo: call it off the event loop,
 * one at a time. Instances hold no state.
 */
public final class PostImages {

    /** The most bytes an upload may have: 8 MiB. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;
    /** The most pixels an upload may declare: 40 megapixels, beyond any phone photo today. */
    public static final long MAX_PIXELS = 40_000_000L;
    /** The longest side an image is stored with. */
    public static final int MAX_SIDE = 4096;

    static final String ACCEPTED = "Images must be PNG, JPEG, GIF or WebP files.";
    private static final float JPEG_QUALITY = 0.85f;

    /** A finished image: its encoded bytes, the file extension and media type that go with them, its size. */
    public record Image(byte[] bytes, String extension, String contentType, int width, int height) {
    }

    /**
     * Checks, turns, scales and re-encodes an upload.
     *
     * @throws UploadRefused with a message for the uploader when the file is not an acceptable image
     */
    public Image fromUpload(byte[] upload) {
        if (upload == null || upload.length == 0) {
            throw new UploadRefused(400, "The file is empty. " + ACCEPTED);
        }
        if (upload.length > MAX_BYTES) {
            throw tooLarge(upload.length);
        }
        ImageCodec.Kind kind = ImageCodec.sniff(upload).orElseThrow(() -> new UploadRefused(400,
                "This file is not an image Hearth accepts. " + ACCEPTED));
        BufferedImage decoded = decode(upload, kind);
        boolean alpha = decoded.getColorModel().hasAlpha();
        BufferedImage image = fit(Pixels.standardise(decoded, alpha), alpha);
        if (kind == ImageCodec.Kind.JPEG) {
            image = ExifOrientation.apply(ExifOrientation.of(upload), image);
        }
        boolean png = kind == ImageCodec.Kind.PNG || kind == ImageCodec.Kind.GIF
                || (alpha && Pixels.hasTransparency(image));
        if (png) {
            // The PNG writer stores the raster as it is: undo any premultiplication first.
            BufferedImage straight = image.getType() == BufferedImage.TYPE_INT_RGB ? image
                    : Pixels.convert(image, BufferedImage.TYPE_INT_ARGB);
            return new Image(ImageCodec.png(straight), "png", "image/png", image.getWidth(), image.getHeight());
        }
        BufferedImage rgb = image.getType() == BufferedImage.TYPE_INT_RGB ? image
                : Pixels.convert(image, BufferedImage.TYPE_INT_RGB);
        return new Image(ImageCodec.jpeg(rgb, JPEG_QUALITY), "jpg", "image/jpeg", rgb.getWidth(), rgb.getHeight());
    }

    /** The refusal of a file of {@code bytes} bytes, over the limit. */
    static UploadRefused tooLarge(long bytes) {
        return new UploadRefused(413, String.format(Locale.ROOT, "Images can be at most %d MB; this file is %.1f MB.",
                MAX_BYTES / (1024 * 1024), bytes / (1024.0 * 1024.0)));
    }

    private static BufferedImage decode(byte[] upload, ImageCodec.Kind kind) {
        ImageReader reader = ImageCodec.reader(kind);
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
                throw new UploadRefused(400, String.format(Locale.ROOT,
                        "This image is %d × %d pixels; images can be at most %d megapixels.", width, height,
                        MAX_PIXELS / 1_000_000));
            }
            // Skip pixels (nearest neighbour) while the image stays at least twice the stored size, so that the
            // smooth scaling below still has enough detail; saves memory on the largest photos.
            int step = Math.max(1, Math.max(width, height) / (2 * MAX_SIDE));
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage image = reader.read(0, param);
            if (!warnings.isEmpty()) {
                throw damaged();
            }
            return image;
        } catch (UploadRefused e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders answer malformed input with IIOException, EOFException and, now and then, runtime exceptions
            // such as ArrayIndexOutOfBounds: to the uploader they all mean the same thing.
            throw damaged();
        } finally {
            reader.dispose();
        }
    }

    private static UploadRefused damaged() {
        return new UploadRefused(400, "This image could not be read; it may be damaged or incomplete. "
                + "Try saving it again as PNG or JPEG.");
    }

    /**
     * Scales so the longer side is at most {@value #MAX_SIDE}: halves bilinear while that stays above the target,
     * then one bicubic step, so fine detail does not shimmer as it would after one big step.
     */
    private static BufferedImage fit(BufferedImage image, boolean alpha) {
        int longest = Math.max(image.getWidth(), image.getHeight());
        if (longest <= MAX_SIDE) {
            return image;
        }
        double scale = (double) MAX_SIDE / longest;
        return Pixels.scale(image, Math.max(1, (int) Math.round(image.getWidth() * scale)),
                Math.max(1, (int) Math.round(image.getHeight() * scale)), alpha);
    }
}
