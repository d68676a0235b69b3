package sparkprop.network;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.ojalgo.matrix.store.R064Store;

import sparkprop.metrics.Flops;

/**
 * A measurement, not a test: GFLOP/s on one core of a whole training step ({@code Backprop.gradient}
 * of a batch, then the book's update) and of the evaluation's feedforward, for [784,30,10] and
 * [784,100,10] at m = 10 and 100. It uses only what every version of the network package has had,
 * so the same file compiles against an older commit for a before-and-after comparison
 * (docs/PERFORMANCE.md, "The kernel"):
 *
 * <pre>mvn -q test-compile && java @conf/java17-options -cp target/test-classes:target/classes:$(cat target/classpath.txt) sparkprop.network.StepBench</pre>
 *
 * <p>A plain harness rather than JMH: no new dependency, and each call takes 10 µs or more, where a
 * loop timed with {@code System.nanoTime} is accurate. Each figure is the median of 5 rounds of
 * 0.3 s after 1 s of warm-up.
 */
public final class StepBench {

    private static volatile double sink;

    public static void main(String[] args) {
        for (int hidden : new int[] {30, 100}) {
            for (int m : new int[] {10, 100}) {
                Random random = new Random(1);
                int n = 784;
                int[] sizes = {n, hidden, 10};
                Network network = Network.scaledGaussian(sizes, 1);
                Batch batch = new Batch(R064Store.wrap(uniforms(random, n * m), n), labels(random, m));
                double stepFlops = (double) Flops.perTrainingSample(sizes) * m;
                double step = rate(stepFlops,
                        () -> network.update(Backprop.gradient(network, batch, Cost.CROSS_ENTROPY, Targets.ONE_HOT), 1e-6));
                R064Store thousand = R064Store.wrap(uniforms(random, n * 1000), n);
                double feedforward = rate(2.0 * (n * hidden + hidden * 10) * 1000, () -> sink += network.classify(thousand)[0]);
                System.out.printf(Locale.ROOT, "%d×%d m=%d step %.2f feedforward %.2f%n", hidden, n, m, step, feedforward);
            }
        }
    }

    /** GFLOP/s of {@code work}, which does {@code flops} each call: median of 5 timed rounds after a warm-up. */
    static double rate(double flops, Runnable work) {
        run(work, 1_000_000_000L);
        double[] rates = new double[5];
        for (int r = 0; r < rates.length; r++) {
            long start = System.nanoTime();
            long calls = run(work, 300_000_000L);
            rates[r] = flops * calls / (System.nanoTime() - start);
        }
        Arrays.sort(rates);
        return rates[rates.length / 2];
    }

    private static long run(Runnable work, long nanos) {
        long end = System.nanoTime() + nanos;
        long calls = 0;
        while (System.nanoTime() < end) {
            work.run();
            calls++;
        }
        return calls;
    }

    static double[] uniforms(Random random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextDouble();
        }
        return values;
    }

    static int[] labels(Random random, int count) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(10);
        }
        return labels;
    }
}
