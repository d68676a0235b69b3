package sparkprop.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps two live runs out of one checkpoint directory: {@code DIR/.lock} holds the owner's pid and
 * start time. A lock whose process is gone (a driver killed with kill -9) is stale: the next run
 * takes it over and says so.
 */
public final class CheckpointLock implements AutoCloseable {

    private final Path file;

    private CheckpointLock(Path file) {
        this.file = file;
    }

    /**
     * Takes the lock of {@code directory}; {@code tookOver} receives the description of a stale lock
     * that was replaced. Throws {@link CheckpointInUseException} when a live process holds it.
     */
    public static CheckpointLock acquire(Path directory, java.util.function.Consumer<String> tookOver) {
        Path file = directory.resolve(".lock");
        ProcessHandle self = ProcessHandle.current();
        String owner = self.pid() + " " + self.info().startInstant().map(Instant::toString).orElse("?");
        try {
            Files.createDirectories(directory);
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    Files.writeString(Files.createFile(file), owner + "\n");
                    return new CheckpointLock(file);
                } catch (FileAlreadyExistsException held) {
                    String holder = Files.readString(file).trim();
                    if (isAlive(holder)) {
                        throw new CheckpointInUseException("--checkpoint-dir " + directory + ": expected no other run, found one alive holding "
                                + file + " (pid and start " + holder + ")");
                    }
                    Files.deleteIfExists(file);
                    tookOver.accept(file + " was left by process " + holder + ", which is gone; taken over");
                }
            }
            throw new CheckpointInUseException("--checkpoint-dir " + directory + ": another run took " + file + " at the same moment");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Whether the process named in a lock file ("pid start") still runs: same pid and same start time. */
    private static boolean isAlive(String holder) {
        String[] parts = holder.split(" ");
        try {
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(parts[0]));
            return process.isPresent() && process.get().isAlive()
                    && (parts.length < 2 || process.get().info().startInstant().map(Instant::toString).orElse("?").equals(parts[1]));
        } catch (NumberFormatException e) {
            return false; // an unreadable lock protects nothing
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
