package sparkprop.metrics;

import java.util.function.LongSupplier;

import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import sparkprop.training.TrainingListener;

/**
 * Writes training progress to the driver log: every few seconds within an epoch, the step, the time
 * a step has taken since the last such line and the time left in the epoch at that rate; after every
 * epoch, the book's line, with the epoch's figures ({@link EpochFigures}) in the log event's context
 * map, which a JSON log writes out.
 */
public final class ProgressLog implements TrainingListener {

    private static final Logger LOG = LogManager.getLogger("sparkprop");

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long lastReport;
    private int lastReportStep;
    private double eta;

    /** Reports within an epoch at most once every {@code intervalSeconds}; {@code eta} is the run's first. */
    public ProgressLog(double intervalSeconds, double eta) {
        this(intervalSeconds, eta, System::nanoTime);
    }

    ProgressLog(double intervalSeconds, double eta, LongSupplier nanoClock) {
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.eta = eta;
        this.nanoClock = nanoClock;
    }

    @Override
    public void stepStarting(int epoch, int step, int steps) {
        if (step == 1) {
            lastReport = nanoClock.getAsLong();
            lastReportStep = 0;
        }
    }

    @Override
    public void stepDone(int epoch, int step, int steps) {
        String line = progress(epoch, step, steps);
        if (line != null) {
            LOG.info(line);
        }
    }

    /**
     * The progress line due once {@code step} is done, or null when none is. The rate is that of the
     * steps since the last line, not of the whole epoch: the first epoch's steps speed up several
     * times over while the JIT compiles Spark's job path, and an average from the epoch's start
     * would overstate the time left.
     */
    String progress(int epoch, int step, int steps) {
        long now = nanoClock.getAsLong();
        if (now - lastReport < intervalNanos || step >= steps) {
            return null;
        }
        double msPerStep = (now - lastReport) / 1e6 / (step - lastReportStep);
        lastReport = now;
        lastReportStep = step;
        return String.format("epoch %d: step %d/%d, %.2f ms/step lately, %.0f s left in this epoch at that rate",
                epoch, step, steps, msPerStep, msPerStep * (steps - step) / 1000.0);
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
