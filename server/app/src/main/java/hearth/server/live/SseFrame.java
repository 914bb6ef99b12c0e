package hearth.server.live;

import java.util.regex.Pattern;

/** Server-Sent Events framing: each line of an event's data gets its own {@code data:} field. */
final class SseFrame {

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    /** A keep-alive comment: browsers ignore it, proxies and idle timers see traffic. */
    static final String PING = ": ping\n\n";

    private SseFrame() {
    }

    /** One event named {@code name} whose data is {@code data} (any line breaks in it are kept). */
    static String event(String name, String data) {
        StringBuilder frame = new StringBuilder(data.length() + 64).append("event: ").append(name).append('\n');
        for (String line : LINE_BREAK.split(data, -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
    }
}
