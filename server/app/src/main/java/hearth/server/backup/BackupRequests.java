package hearth.server.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * How the {@code backup} command asks a running server for a backup: through files in the data dir, since an H2 file
 * database is locked by the server that opened it. Whoever may write to the data dir may ask; nothing is exposed on
 * the network. The command drops {@code <id>.request} (the archive's path); the server answers {@code <id>.done} or
 * {@code <id>.failed} (the reason).
 */
public final class BackupRequests {

    /** How long a request may wait before the server picks it up; it looks every second. */
    static final Duration PICK_UP = Duration.ofSeconds(15);

    private final Path folder;

    public BackupRequests(Path dataDir) {
        this.folder = dataDir.resolve("backups").resolve("requests");
    }

    /** Command side: asks the server and waits for its answer; returns the server's summary. */
    public String ask(Path out, Duration timeout) {
        String id = UUID.randomUUID().toString();
        Path request = folder.resolve(id + ".request");
        try {
            Files.createDirectories(folder);
            Path partial = folder.resolve(id + ".partial");
            Files.writeString(partial, out.toAbsolutePath().toString(), StandardCharsets.UTF_8);
            Files.move(partial, request, StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + timeout.toNanos();
            long pickUp = System.nanoTime() + PICK_UP.toNanos();
            while (System.nanoTime() < deadline) {
                Path done = folder.resolve(id + ".done");
                Path failed = folder.resolve(id + ".failed");
                if (Files.exists(done)) {
                    String summary = Files.readString(done);
                    Files.delete(done);
                    return summary;
                }
                if (Files.exists(failed)) {
                    String reason = Files.readString(failed);
                    Files.delete(failed);
                    throw new IllegalStateException("The running server could not write the backup: " + reason);
                }
                if (System.nanoTime() > pickUp && Files.deleteIfExists(request)) {
                    throw new IllegalStateException("The database is in use by another process, and no running"
                            + " Hearth server picked up the backup request within " + PICK_UP.toSeconds() + " s");
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("The running server did not finish the backup within "
                    + timeout.toMinutes() + " minutes");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot ask the running server for a backup through " + folder, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the backup", e);
        }
    }

    /** Server side: the archive paths asked for since the last look; each request is taken (deleted) once. */
    List<Pending> take() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".request")).sorted().toList().stream()
                    .map(this::claim).flatMap(Stream::ofNullable).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read backup requests in " + folder, e);
        }
    }

    private Pending claim(Path request) {
        try {
            String out = Files.readString(request, StandardCharsets.UTF_8).strip();
            // A node that deletes the file owns the request; several nodes may share a data dir.
            return Files.deleteIfExists(request) ? new Pending(request.getFileName().toString()
                    .replace(".request", ""), Path.of(out)) : null;
        } catch (IOException e) {
            return null; // another node took it first
        }
    }

    /** A request taken by this server. */
    record Pending(String id, Path out) {
    }

    void answer(Pending pending, boolean succeeded, String text) {
        Path answer = folder.resolve(pending.id() + (succeeded ? ".done" : ".failed"));
        Path partial = folder.resolve(pending.id() + ".answer");
        try {
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, answer, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot answer backup request " + pending.id(), e);
        }
    }
}
