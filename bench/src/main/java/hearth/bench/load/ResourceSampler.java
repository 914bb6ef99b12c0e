package hearth.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples a process's resident memory and CPU time from /proc every 100 ms while a scenario runs: the peak RSS and
 * the CPU used over the run (100 % = one core busy the whole time).
 */
final class ResourceSampler {

    /** Linux's USER_HZ: the unit of utime and stime in /proc/PID/stat. */
    private static final double TICKS_PER_SECOND = 100;

    record Usage(double peakRssMb, double cpuPercent) {
    }

    private final long pid;
    private final Thread thread;
    private final long startTicks;
    private final long startNanos;
    private volatile boolean running = true;
    private volatile long peakRssKb;

    ResourceSampler(long pid) {
        this.pid = pid;
        this.startTicks = cpuTicks(pid);
        this.startNanos = System.nanoTime();
        this.peakRssKb = rssKb(pid);
        this.thread = Thread.ofPlatform().daemon().name("sampler-" + pid).start(() -> {
            while (running) {
                peakRssKb = Math.max(peakRssKb, rssKb(pid));
                ServerProcess.sleep(100);
            }
        });
    }

    Usage stop() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cpu = (cpuTicks(pid) - startTicks) / TICKS_PER_SECOND / seconds * 100;
        return new Usage(Math.max(peakRssKb, rssKb(pid)) / 1024.0, cpu);
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended
        }
        return 0;
    }

    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
