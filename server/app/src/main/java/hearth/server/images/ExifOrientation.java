package hearth.server.images;

import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of a JPEG (tag 0x0112): phones store photos as the sensor saw them and record how to turn
 * them for display. Re-encoding drops all metadata, tag included, so the turn is applied to the pixels instead.
 * Only this one tag is read, with every offset bounds-checked; anything unexpected counts as "no turn".
 */
public final class ExifOrientation {

    /** Shown as stored: no turn. */
    public static final int NORMAL = 1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {
    }

    /** The orientation 1–8 stored in a JPEG's EXIF segment, or {@link #NORMAL} when there is none or it is odd. */
    public static int of(byte[] jpeg) {
        try {
            return read(jpeg);
        } catch (IndexOutOfBoundsException e) {
            return NORMAL; // a segment length or offset points outside the file: not worth trusting
        }
    }

    private static int read(byte[] jpeg) {
        if (jpeg.length < 4 || u8(jpeg, 0) != 0xFF || u8(jpeg, 1) != 0xD8) {
            return NORMAL;
        }
        int at = 2;
        while (at + 4 <= jpeg.length && u8(jpeg, at) == 0xFF) {
            int marker = u8(jpeg, at + 1);
            if (marker == 0xDA || marker == 0xD9) {
                return NORMAL; // image data starts: metadata segments all come before it
            }
            int length = u16(jpeg, at + 2, true);
            int data = at + 4;
            if (marker == 0xE1 && length >= 8 && startsWithExif(jpeg, data)) {
                return fromTiff(jpeg, data + 6, length - 8);
            }
            at += 2 + length;
        }
        return NORMAL;
    }

    private static boolean startsWithExif(byte[] b, int at) {
        return u8(b, at) == 'E' && u8(b, at + 1) == 'x' && u8(b, at + 2) == 'i' && u8(b, at + 3) == 'f'
                && u8(b, at + 4) == 0 && u8(b, at + 5) == 0;
    }

    private static int fromTiff(byte[] b, int tiff, int size) {
        boolean bigEndian;
        if (u8(b, tiff) == 'M' && u8(b, tiff + 1) == 'M') {
            bigEndian = true;
        } else if (u8(b, tiff) == 'I' && u8(b, tiff + 1) == 'I') {
            bigEndian = false;
        } else {
            return NORMAL;
        }
        long ifd = u32(b, tiff + 4, bigEndian);
        if (ifd < 8 || ifd + 2 > size) {
            return NORMAL;
        }
        int entries = u16(b, tiff + (int) ifd, bigEndian);
        for (int i = 0; i < entries; i++) {
            int entry = tiff + (int) ifd + 2 + 12 * i;
            if (entry + 12 > tiff + size) {
                return NORMAL;
            }
            if (u16(b, entry, bigEndian) == ORIENTATION_TAG && u16(b, entry + 2, bigEndian) == TYPE_SHORT) {
                int value = u16(b, entry + 8, bigEndian);
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    /**
     * Turns an image as orientation {@code value} asks; 5 to 8 swap width and height. Each case maps a stored pixel
     * (x, y) of a w × h image to the column and row where it is shown; e.g. 6 means "rotate 90° clockwise": the
     * stored top row becomes the right-hand column.
     */
    public static BufferedImage apply(int value, BufferedImage image) {
        if (value < 2 || value > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swaps = value >= 5;
        int outW = swaps ? h : w;
        int[] from = image.getRGB(0, 0, w, h, null, 0, w);
        int[] to = new int[from.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int column;
                int row;
                switch (value) {
                    case 2 -> { column = w - 1 - x; row = y; }
                    case 3 -> { column = w - 1 - x; row = h - 1 - y; }
                    case 4 -> { column = x; row = h - 1 - y; }
                    case 5 -> { column = y; row = x; }
                    case 6 -> { column = h - 1 - y; row = x; }
                    case 7 -> { column = h - 1 - y; row = w - 1 - x; }
                    default -> { column = y; row = w - 1 - x; } // 8
                }
                to[row * outW + column] = from[y * w + x];
            }
        }
        BufferedImage turned = new BufferedImage(outW, swaps ? w : h, image.getType() == 0
                ? BufferedImage.TYPE_INT_ARGB : image.getType());
        turned.setRGB(0, 0, outW, swaps ? w : h, to, 0, outW);
        return turned;
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    private static int u16(byte[] b, int at, boolean bigEndian) {
        return bigEndian ? (u8(b, at) << 8) | u8(b, at + 1) : (u8(b, at + 1) << 8) | u8(b, at);
    }

    private static long u32(byte[] b, int at, boolean bigEndian) {
        long high = u16(b, bigEndian ? at : at + 2, bigEndian);
        long low = u16(b, bigEndian ? at + 2 : at, bigEndian);
        return (high << 16) | low;
    }
}
