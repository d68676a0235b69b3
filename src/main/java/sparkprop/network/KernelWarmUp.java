package sparkprop.network;

import java.util.Random;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The training steps' code run on a tiny network in a background thread while Spark starts, so that
 * C2 has compiled it before the run's first steps need it. Until then the kernel's Vector API vectors
 * are objects, and the first synchronization of the 97% command took 0.7 s against 70 ms for a later
 * one. C2 compiles a method once its counters say it is hot, whatever the shapes it ran on, and the
 * code it makes from the tiny network's steps runs the run's own shapes as fast.
 *
 * <p>The tiny network's layers take the blocks the book's networks use, at either vector width: 50
 * rows are blocks of 2 and 3 vectors with rows left over even in 16-float vectors (30 rows were, in
 * 8-float ones; a block left cold here runs for seconds in the interpreter once the run needs it),
 * 40 inputs by 10 samples make blocks of 5 and 4 columns, and the 10 outputs a last vector that
 * overlaps, or scalar blocks in 16-float vectors. The thread keeps its own network, batch and
 * workspace, so it changes nothing of the run's; it is a daemon, and it ends after {@link #STEPS} steps.
 * It pays only beside {@code KernelOnlyC2}, which keeps C2 free for it (docs/PERFORMANCE.md,
 * "C2 for the kernel alone"): without it, C2 was busy with Spark's code and the warm-up cost what it saved.
 */
public final class KernelWarmUp {

    private static final Logger LOG = LogManager.getLogger("sparkprop");

    private static final int[] SIZES = {40, 50, 10};
    /** Steps: from about 1,000 on, a step no longer gets faster (tiny steps, measured). */
    static final int STEPS = 2000;

    private KernelWarmUp() {
    }

    /** Starts the warm-up of the steps in {@code precision}, whose forward pass is also the test accuracy's, in a thread of its own. */
    public static Thread start(Precision precision) {
        Thread thread = new Thread(() -> run(precision), "sparkprop-kernel-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The warm-up itself, in the calling thread. */
    static void run(Precision precision) {
        long start = System.nanoTime();
        Network network = Network.scaledGaussian(SIZES, 1);
        Batch batch = batch(new Random(1));
        if (precision == Precision.FLOAT32) {
            FloatNetwork inFloat = FloatNetwork.of(network);
            FloatBatch inputs = FloatBatch.of(batch);
            for (int i = 0; i < STEPS; i++) {
                inFloat.step(inputs, Cost.CROSS_ENTROPY, Targets.ONE_HOT, 1e-3, 0, 1);
            }
        } else {
            Gradient sum = Gradient.zero();
            for (int i = 0; i < STEPS; i++) {
                Backprop.addGradient(network, batch, Cost.CROSS_ENTROPY, Targets.ONE_HOT, sum.clear());
                network.update(sum, 1e-3);
            }
        }
        LOG.info(String.format("kernel warmed up in %.0f ms on another thread (%d %s steps of %s, %d-bit vectors)",
                (System.nanoTime() - start) / 1e6, STEPS, precision.optionName(), java.util.Arrays.toString(SIZES), MatrixProduct.VECTOR_BITS));
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
