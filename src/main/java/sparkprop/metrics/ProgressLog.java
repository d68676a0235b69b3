package sparkprop.metrics;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import sparkprop.training.TrainingListener;

/**
 * Writes training progress to the driver log: every few seconds within an epoch, the step, the time
 * a step takes and the time left in the epoch; after every epoch, the book's line.
 */
public final class ProgressLog implements TrainingListener {

    private static final Logger LOG = LogManager.getLogger("sparkprop");

    private final long intervalNanos;
    private long epochStart;
    private long lastReport;

    /** Reports within an epoch at most once every {@code intervalSeconds}. */
    public ProgressLog(double intervalSeconds) {
        this.intervalNanos = (long) (intervalSeconds * 1e9);
    }

    @Override
    public void stepStarting(int epoch, int step, int steps) {
        if (step == 1) {
            epochStart = System.nanoTime();
            lastReport = epochStart;
        }
    }

    @Override
    public void stepDone(int epoch, int step, int steps) {
        long now = System.nanoTime();
        if (now - lastReport >= intervalNanos && step < steps) {
            lastReport = now;
            double msPerStep = (now - epochStart) / 1e6 / step;
            LOG.info(String.format("epoch %d: step %d/%d, %.2f ms/step, %.0f s left in this epoch",
                    epoch, step, steps, msPerStep, msPerStep * (steps - step) / 1000.0));
        }
    }

    @Override
    public void epochDone(EpochResult result) {
        LOG.info(result.logLine());
    }

    @Override
    public void etaChanged(double eta, int fromEpoch) {
        LOG.info("learning-rate schedule: eta {} from epoch {}", eta, fromEpoch);
    }

    @Override
    public void stopped(String reason) {
        LOG.info("stopping: {}", reason);
    }
}
