package hearth.server.db;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes journal listeners when a transaction that recorded events commits, so delivery does not wait for the next
 * poll. A lock and condition rather than {@code wait/notify}, so virtual threads never pin their carrier.
 */
final class JournalSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long generation;

    void committed() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until something commits after {@code seen} was read, or {@code timeout} passes. */
    void awaitAfter(long seen, Duration timeout) {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (generation == seen && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps for {@code pause} unless woken by {@link #committed()}; used to stop promptly without interrupts. */
    void sleep(Duration pause) {
        lock.lock();
        try {
            changed.await(pause.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
