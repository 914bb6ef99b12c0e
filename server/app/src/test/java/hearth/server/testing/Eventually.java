package hearth.server.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for what happens after a response (journal listeners, tasks, counters written off the request path). */
public final class Eventually {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    private Eventually() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} if it does not within 20 seconds. */
    public static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        eventually(what, LIMIT, condition);
    }

    /** Returns once {@code condition} holds; fails naming {@code what} if it does not within {@code limit}. */
    public static void eventually(String what, Duration limit, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
