package hearth.server.images;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Pixel work shared by avatars and post images: one layout after decoding, good-looking downscaling, flattening. */
public final class Pixels {

    private Pixels() {
    }

    /** Grey, indexed, 16-bit, CMYK-converted...: one pixel layout for everything after decoding. */
    public static BufferedImage standardise(BufferedImage image, boolean alpha) {
        int wanted = layout(alpha);
        if (image.getType() == wanted) {
            return image;
        }
        return draw(image, image.getWidth(), image.getHeight(), wanted,
                RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    }

    /**
     * Scales down to {@code width} × {@code height}: halves with bilinear filtering while that stays at or above the
     * target, then takes the last step bicubic; one big bicubic step would sample only a few source pixels per output
     * pixel and shimmer on fine detail.
     */
    public static BufferedImage scale(BufferedImage image, int width, int height, boolean alpha) {
        int type = layout(alpha);
        BufferedImage current = image;
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2, type,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        if (current.getWidth() != width || current.getHeight() != height) {
            current = draw(current, width, height, type, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        }
        return current;
    }

    /** The image in another pixel type (e.g. without premultiplied alpha, as the encoders want it). */
    public static BufferedImage convert(BufferedImage image, int type) {
        return draw(image, image.getWidth(), image.getHeight(), type,
                RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    }

    /** Whether any pixel is not fully opaque (an alpha channel alone does not make a picture need PNG). */
    public static boolean hasTransparency(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) >>> 24 != 0xFF) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int layout(boolean alpha) {
        return alpha ? BufferedImage.TYPE_INT_ARGB_PRE : BufferedImage.TYPE_INT_RGB;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, int type, Object interpolation) {
        BufferedImage target = new BufferedImage(width, height, type);
        Graphics2D g = target.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
