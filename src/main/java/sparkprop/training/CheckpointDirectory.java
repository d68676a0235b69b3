package sparkprop.training;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import sparkprop.io.StorageException;
import sparkprop.io.StoragePath;
import sparkprop.io.WriteFailedException;

/**
 * A directory of checkpoints, {@code checkpoint-epoch-NNNNN.bin}, of which the newest {@link #KEPT}
 * are kept, on a local disk or on any file system ({@link StoragePath}: HDFS, where a driver restarted
 * on another host finds them). A checkpoint is written to a temporary file, forced to storage, then
 * renamed over its final name, so a reader (or a run killed while writing) never sees half of one.
 */
public final class CheckpointDirectory {

    /** How many checkpoints are kept. */
    public static final int KEPT = 3;

    private static final String PREFIX = "checkpoint-epoch-";
    private static final String SUFFIX = ".bin";

    private final StoragePath directory;

    public CheckpointDirectory(StoragePath directory) {
        this.directory = directory;
    }

    /** Writes the checkpoint atomically, then removes all but the newest {@link #KEPT}. */
    public StoragePath write(Checkpoint checkpoint) {
        StoragePath target = directory.resolve(String.format("%s%05d%s", PREFIX, checkpoint.epoch(), SUFFIX));
        try {
            target.writeAtomically(checkpoint.toBytes());
        } catch (IOException e) {
            throw new WriteFailedException(target, e, "the older checkpoints are as they were, and --resume continues from the newest");
        }
        try {
            List<StoragePath> all = checkpointsNewestFirst();
            for (StoragePath old : all.subList(Math.min(KEPT, all.size()), all.size())) {
                old.delete();
            }
            return target;
        } catch (IOException e) {
            throw new StorageException("cannot remove an old checkpoint from " + directory + ": " + StoragePath.firstLine(e), e);
        }
    }

    /**
     * The newest checkpoint that reads back whole; each newer one that does not is passed to
     * {@code refused} (with the reason) and left as it is.
     */
    public Optional<Checkpoint> newestValid(Consumer<InvalidCheckpointException> refused) {
        for (StoragePath file : checkpointsNewestFirst()) {
            try {
                return Optional.of(Checkpoint.fromBytes(file.readAllBytes(), file.toString()));
            } catch (InvalidCheckpointException e) {
                refused.accept(e);
            } catch (IOException e) {
                refused.accept(new InvalidCheckpointException(file + ": cannot be read: " + StoragePath.firstLine(e)));
            }
        }
        return Optional.empty();
    }

    /** The checkpoint files, newest epoch first. */
    public List<StoragePath> checkpointsNewestFirst() {
        try {
            List<StoragePath> checkpoints = new ArrayList<>(directory.list().stream()
                    .filter(f -> f.name().startsWith(PREFIX) && f.name().endsWith(SUFFIX))
                    .toList());
            checkpoints.sort(Comparator.comparing(StoragePath::name).reversed());
            return checkpoints;
        } catch (IOException e) {
            throw new StorageException("cannot list " + directory + ": " + StoragePath.firstLine(e), e);
        }
    }
}
