package sparkprop.metrics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

import sparkprop.io.WriteFailedException;

import sparkprop.training.TrainingListener;

/**
 * {@code --metrics FILE}: one CSV line per epoch, appended and forced to disk as the epoch ends, so
 * a killed run keeps the lines of the epochs it finished and a resumed run goes on appending.
 */
public final class MetricsFile implements TrainingListener {

    public static final String HEADER = "epoch,seconds,steps,eta,training_cost,training_accuracy,validation_accuracy,test_accuracy";

    private final Path file;
    private double eta;

    public MetricsFile(Path file, double eta) {
        this.file = file;
        this.eta = eta;
    }

    @Override
    public void etaChanged(double newEta, int fromEpoch) {
        eta = newEta;
    }

    @Override
    public boolean wantsMonitoring() {
        return true;
    }

    @Override
    public void epochDone(EpochResult result, Monitoring monitoring) {
        String line = String.format(Locale.ROOT, "%d,%.3f,%d,%s,%.6f,%.4f,%.4f,%.4f%n", result.epoch(), result.seconds(), result.steps(), eta,
                monitoring.trainingCost(), monitoring.trainingAccuracy(), monitoring.validationAccuracy(), result.accuracy());
        boolean existed = Files.exists(file);
        long before = 0;
        try {
            before = existed ? Files.size(file) : 0;
            // Created readable by its owner only, as every file this project writes (docs/SECURITY.md).
            try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer bytes = ByteBuffer.wrap(((before == 0 ? HEADER + "\n" : "") + line).getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            undoAppend(existed, before);
            throw new WriteFailedException(file, e, existed ? "the lines of the epochs before are as they were" : "no file was left");
        }
    }

    /** A failed append (a full disk) may have written part of a line: cut it off, or remove a file this run created. */
    private void undoAppend(boolean existed, long before) {
        try {
            if (!existed) {
                Files.deleteIfExists(file);
                return;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(before);
            }
        } catch (IOException ignored) {
            // The message says what failed; a file that cannot even be truncated is beyond repair here.
        }
    }
}
