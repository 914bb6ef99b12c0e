package hearth.server.accounts;

import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of a JPEG (tag 0x0112): phones store photos as the sensor saw them and record how to turn
 * them for display. Re-encoding drops all metadata, tag included, so the turn is applied to the pixels instead.
 * Only this one tag is read, with every offset bounds-checked; anything unexpected counts as "no turn".
 */
final class ExifOrientation {

    static final int NORMAL = 1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {
    }

    /** The orientation 1–8 stored in a JPEG's EXIF segment, or {@link #NORMAL} when there is none or it is odd. */
    static int of(byte[] jpeg) {
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
     * Turns a square image as orientation {@code value} asks. Each case maps a stored pixel (x, y) to where it is
     * shown, for side n; e.g. 6 means "rotate 90° clockwise": the stored top row becomes the right-hand column.
     */
    static BufferedImage apply(int value, BufferedImage square) {
        if (value == NORMAL) {
            return square;
        }
        int n = square.getWidth();
        int[] from = square.getRGB(0, 0, n, n, null, 0, n);
        int[] to = new int[from.length];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int m = n - 1;
                int shown = switch (value) {
                    case 2 -> y * n + (m - x);
                    case 3 -> (m - y) * n + (m - x);
                    case 4 -> (m - y) * n + x;
                    case 5 -> x * n + y;
                    case 6 -> x * n + (m - y);
                    case 7 -> (m - x) * n + (m - y);
                    case 8 -> (m - x) * n + y;
                    default -> y * n + x;
                };
                to[shown] = from[y * n + x];
            }
        }
        BufferedImage turned = new BufferedImage(n, n, square.getType());
        turned.setRGB(0, 0, n, n, to, 0, n);
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
