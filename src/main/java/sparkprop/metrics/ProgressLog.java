package sparkprop.metrics;

import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import sparkprop.training.TrainingListener;

/**
 * Writes training progress to the driver log: every few seconds within an epoch, the step, the time
 * a step takes and the time left in the epoch; after every epoch, the book's line, with the epoch's
 * figures ({@link EpochFigures}) in the log event's context map, which a JSON log writes out.
 */
public final class ProgressLog implements TrainingListener {

    private static final Logger LOG = LogManager.getLogger("sparkprop");

    private final long intervalNanos;
    private long epochStart;
    private long lastReport;
    private double eta;

    /** Reports within an epoch at most once every {@code intervalSeconds}; {@code eta} is the run's first. */
    public ProgressLog(double intervalSeconds, double eta) {
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.eta = eta;
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
    public void epochDone(EpochResult result, Monitoring monitoring) {
        try (CloseableThreadContext.Instance context = CloseableThreadContext.putAll(EpochFigures.of(result, eta, monitoring).context())) {
            LOG.info(result.logLine());
        }
    }

    @Override
    public void etaChanged(double newEta, int fromEpoch) {
        eta = newEta;
        LOG.info("learning-rate schedule: eta {} from epoch {}", newEta, fromEpoch);
    }

    @Override
    public void stopped(String reason) {
        LOG.info("stopping: {}", reason);
    }
}
