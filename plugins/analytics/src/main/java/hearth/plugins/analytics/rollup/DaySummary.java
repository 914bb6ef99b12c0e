package hearth.plugins.analytics.rollup;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;

/**
 * What the dashboard needs of one day beyond its counts: who was active and how many posts each wrote, and the
 * topics started that day that are still visible, with how long they waited for someone else's reply. Counted from
 * the member-days and topics; kept in analytics_days once the day is over, so a long period reads one row a day.
 *
 * @param day       the day, in the site's time zone
 * @param members   member id → posts that day (0: they only liked or flagged)
 * @param topics    the visible topics started that day and what became of them
 * @param responses minutes to the first reply by someone else → topics that waited that long
 */
public record DaySummary(LocalDate day, Tally members, Topics topics, Tally responses) {

    /**
     * @param started   visible topics started
     * @param answered  of those, the ones someone else replied to
     * @param inTime    of those, the ones answered within 24 hours
     * @param questions visible questions started
     * @param solved    of those, the ones with an accepted answer
     */
    public record Topics(long started, long answered, long inTime, long questions, long solved) {

        public static final Topics NONE = new Topics(0, 0, 0, 0, 0);

        public Topics plus(Topics other) {
            return new Topics(started + other.started, answered + other.answered, inTime + other.inTime,
                    questions + other.questions, solved + other.solved);
        }
    }

    /** A tally as bytes: its size, then each key as the gap from the one before and its count (zig-zag varints). */
    static byte[] encode(Tally tally) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4 + tally.size() * 3);
        write(out, tally.size());
        long previous = 0;
        for (int i = 0; i < tally.size(); i++) {
            write(out, tally.keys()[i] - previous);
            write(out, tally.counts()[i]);
            previous = tally.keys()[i];
        }
        return out.toByteArray();
    }

    static Tally decode(byte[] bytes) {
        Reader in = new Reader(bytes);
        int size = Math.toIntExact(in.next());
        long[] keys = new long[size];
        long[] counts = new long[size];
        long previous = 0;
        for (int i = 0; i < size; i++) {
            previous += in.next();
            keys[i] = previous;
            counts[i] = in.next();
        }
        return new Tally(keys, counts);
    }

    private static void write(ByteArrayOutputStream out, long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
    }

    private static final class Reader {

        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        long next() {
            long zigzag = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[at++];
                zigzag |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            return (zigzag >>> 1) ^ -(zigzag & 1);
        }
    }
}
