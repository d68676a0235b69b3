package sparkprop.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import sparkprop.io.AtomicFile;
import sparkprop.io.WriteFailedException;

/**
 * A directory of checkpoints, {@code checkpoint-epoch-NNNNN.bin}, of which the newest {@link #KEPT}
 * are kept. A checkpoint is written to a temporary file, forced to disk, then renamed over its
 * final name, so a reader (or a run killed while writing) never sees half of one.
 */
public final class CheckpointDirectory {

    /** How many checkpoints are kept. */
    public static final int KEPT = 3;

    private static final String PREFIX = "checkpoint-epoch-";
    private static final String SUFFIX = ".bin";

    private final Path directory;

    public CheckpointDirectory(Path directory) {
        this.directory = directory;
    }

    /** Writes the checkpoint atomically, then removes all but the newest {@link #KEPT}. */
    public Path write(Checkpoint checkpoint) {
        Path target = directory.resolve(String.format("%s%05d%s", PREFIX, checkpoint.epoch(), SUFFIX));
        try {
            AtomicFile.write(target, checkpoint.toBytes());
        } catch (IOException e) {
            throw new WriteFailedException(target, e, "the older checkpoints are as they were, and --resume continues from the newest");
        }
        try {
            List<Path> all = checkpointsNewestFirst();
            for (Path old : all.subList(Math.min(KEPT, all.size()), all.size())) {
                Files.deleteIfExists(old);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove an old checkpoint from " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * The newest checkpoint that reads back whole; each newer one that does not is passed to
     * {@code refused} (with the reason) and left as it is.
     */
    public Optional<Checkpoint> newestValid(Consumer<InvalidCheckpointException> refused) {
        for (Path file : checkpointsNewestFirst()) {
            try {
                return Optional.of(Checkpoint.fromBytes(Files.readAllBytes(file), file.toString()));
            } catch (InvalidCheckpointException e) {
                refused.accept(e);
            } catch (IOException e) {
                refused.accept(new InvalidCheckpointException(file + ": cannot be read: " + e.getMessage()));
            }
        }
        return Optional.empty();
    }

    /** The checkpoint files, newest epoch first. */
    public List<Path> checkpointsNewestFirst() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> checkpoints = new ArrayList<>(files
                    .filter(f -> f.getFileName().toString().startsWith(PREFIX) && f.getFileName().toString().endsWith(SUFFIX))
                    .toList());
            checkpoints.sort(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed());
            return checkpoints;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Makes the rename itself durable. */
}
