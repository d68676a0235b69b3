package sparkprop.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import sparkprop.io.StoragePath;
import sparkprop.io.WriteFailedException;

import sparkprop.training.TrainingListener;

/**
 * {@code --metrics FILE}: one CSV line per epoch, added as the epoch ends, so a killed run keeps the
 * lines of the epochs it finished and a resumed run goes on adding. Each epoch rewrites the small file
 * whole through {@link StoragePath#writeAtomically} rather than appending: the same on a local disk and
 * on HDFS (whose appends are another protocol), and a failed write (a full disk, a quota) leaves the
 * earlier lines exactly as they were.
 */
public final class MetricsFile implements TrainingListener {

    public static final String HEADER = "epoch,seconds,steps,eta,training_cost,training_accuracy,validation_accuracy,test_accuracy";

    private final StoragePath file;
    private double eta;

    public MetricsFile(StoragePath file, double eta) {
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
        byte[] before = null;
        try {
            before = file.exists() ? file.readAllBytes() : null;
            String earlier = before == null || before.length == 0 ? HEADER + "\n" : new String(before, StandardCharsets.UTF_8);
            file.writeAtomically((earlier + line).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WriteFailedException(file, e, before != null ? "the lines of the epochs before are as they were" : "no file was left");
        }
    }
}
