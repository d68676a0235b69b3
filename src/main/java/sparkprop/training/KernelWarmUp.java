package sparkprop.training;

import java.util.Random;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import sparkprop.data.PixelInputs;
import sparkprop.data.PixelScale;
import sparkprop.data.SampleBlock;
import sparkprop.network.Backprop;
import sparkprop.network.Gradient;
import sparkprop.network.Network;

/**
 * Mini-batch steps of the run's shapes on synthetic images, in a daemon thread of the driver while
 * Spark starts and the data are read, so that the JIT has compiled the training kernel (and the
 * evaluation's) before the first real step: without it the first epoch ran several times slower
 * than the later ones (docs/PERFORMANCE.md, "The first epoch"). It trains a network of its own, so
 * the run's weights are untouched; in local mode the driver is the executor, so the compiled code
 * is the one the tasks run. As a listener it ends when the first step starts.
 */
public final class KernelWarmUp implements TrainingListener, AutoCloseable {

    private static final Logger LOG = LogManager.getLogger("sparkprop");

    private final Thread thread;
    private final long started = System.nanoTime();
    private volatile boolean stopped;
    private volatile int steps;

    private KernelWarmUp(int[] sizes, SgdSettings settings, long budgetMillis) {
        thread = new Thread(() -> run(sizes, settings, budgetMillis), "sparkprop kernel warm-up");
        thread.setDaemon(true);
    }

    /** Starts the steps: until {@link #stop} or {@code budgetMillis}, whichever comes first. */
    public static KernelWarmUp start(int[] sizes, SgdSettings settings, long budgetMillis) {
        KernelWarmUp warmUp = new KernelWarmUp(sizes, settings, budgetMillis);
        warmUp.thread.start();
        return warmUp;
    }

    private void run(int[] sizes, SgdSettings settings, long budgetMillis) {
        long end = System.nanoTime() + budgetMillis * 1_000_000;
        int samples = 100;
        Random random = new Random(0);
        byte[] pixels = new byte[samples * sizes[0]];
        random.nextBytes(pixels);
        int[] labels = random.ints(samples, 0, sizes[sizes.length - 1]).toArray();
        SampleBlock block = new SampleBlock(0, new PixelInputs(sizes[0], PixelInputs.widthOf(sizes[0]), pixels, PixelScale.BOOK), labels);
        Network network = Network.scaledGaussian(sizes, 0);
        Gradient sum = Gradient.zero();
        int m = Math.min(settings.miniBatchSize(), samples);
        int[] members = new int[m];
        while (!stopped && System.nanoTime() < end) {
            for (int i = 0; i < m; i++) {
                members[i] = random.nextInt(samples);
            }
            Backprop.addGradient(network, block.select(members, null), settings.cost(), settings.targets(), sum.clear());
            network.update(sum, settings.eta(), settings.lambda(), samples);
            if (steps % 50 == 0) {
                network.countCorrect(block.select(members, null)); // the evaluation's forward pass
            }
            steps++;
        }
    }

    /** The first real step ends the warm-up. */
    @Override
    public void stepStarting(int epoch, int step, int steps) {
        if (!stopped) {
            int taken = stop();
            LOG.info(String.format("kernel warm-up: %d synthetic steps in the %.1f s before the first step", taken,
                    (System.nanoTime() - started) / 1e9));
        }
    }

    /** Ends the steps (at the end of the one under way) and returns how many were taken. */
    public int stop() {
        stopped = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return steps;
    }

    @Override
    public void close() {
        stop();
    }
}
