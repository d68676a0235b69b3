package sparkprop.network;

import java.util.Random;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The training steps' code run on a tiny network in a background thread, so that the JIT has
 * compiled it before the run's first steps need it. Until C2 has compiled them, the kernel's
 * vectors are objects and a step of [784,100,10] takes 10 to 250 ms instead of 0.1 to 0.25 ms:
 * the first 20 steps of a sequential run took about 0.5 s (docs/PERFORMANCE.md, "A warm kernel").
 * C2 compiles a method once its counters say it is hot, whatever the shapes it ran on, and the code
 * it makes from the tiny network's steps runs the run's own shapes as fast.
 *
 * <p>The tiny network's layers take every block of both kernels: 30 rows are blocks of 2 and 3
 * vectors with rows left over, 40 inputs by 10 samples make blocks of 5 and 4 columns, and the
 * 10 outputs a last vector that overlaps. The thread keeps its own network, batch and workspace,
 * so it changes nothing of the run's; it is a daemon, and it ends after {@link #STEPS} steps.
 */
public final class KernelWarmUp {

    private static final Logger LOG = LogManager.getLogger("sparkprop");

    private static final int[] SIZES = {40, 30, 10};
    /** Steps per precision: from about 1,000 on, a step no longer gets faster (tiny steps, measured). */
    static final int STEPS = 2000;

    private KernelWarmUp() {
    }

    /** Starts the warm-up of the double steps, and of the float ones when {@code floatSteps}, in a thread of its own. */
    public static Thread start(boolean floatSteps) {
        Thread thread = new Thread(() -> run(floatSteps), "sparkprop-kernel-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The warm-up itself, in the calling thread: the double steps (whose forward pass is also the evaluation's), then the float ones. */
    static void run(boolean floatSteps) {
        long start = System.nanoTime();
        Network network = Network.scaledGaussian(SIZES, 1);
        Batch batch = batch(new Random(1));
        Gradient sum = Gradient.zero();
        for (int i = 0; i < STEPS; i++) {
            Backprop.addGradient(network, batch, Cost.CROSS_ENTROPY, Targets.ONE_HOT, sum.clear());
            network.update(sum, 1e-3);
        }
        if (floatSteps) {
            FloatNetwork inFloat = FloatNetwork.of(network);
            for (int i = 0; i < STEPS; i++) {
                inFloat.step(batch, Cost.CROSS_ENTROPY, Targets.ONE_HOT, 1e-3, 0, 1);
            }
        }
        LOG.info(String.format("kernel warmed up in %.0f ms on another thread (%d steps of %s%s)", (System.nanoTime() - start) / 1e6, STEPS,
                java.util.Arrays.toString(SIZES), floatSteps ? " in double and as many in float" : ""));
    }

    private static Batch batch(Random random) {
        int m = 10;
        double[][] inputs = new double[m][SIZES[0]];
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < SIZES[0]; k++) {
                inputs[i][k] = random.nextDouble();
            }
            labels[i] = i % SIZES[SIZES.length - 1];
        }
        return Batch.of(inputs, labels);
    }
}
