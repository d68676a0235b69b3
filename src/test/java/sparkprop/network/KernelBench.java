package sparkprop.network;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.ojalgo.matrix.store.R064Store;

import sparkprop.metrics.Flops;

/**
 * The kernel's microbenchmark (a measurement, not a test): GFLOP/s on one core for each layer shape
 * and mini-batch size m, of the two products ({@code MatrixProduct} and ojalgo's
 * {@code fillByMultiplying} on the same operands) and of the whole step that training runs
 * (backprop of a batch plus the book's update) and of the evaluation's feedforward.
 *
 * <pre>mvn -q test-compile && java @conf/java17-options -cp target/test-classes:target/classes:$(cat target/classpath.txt) sparkprop.network.KernelBench</pre>
 *
 * <p>A plain harness rather than JMH: no new dependency or annotation processor, and the figures
 * wanted are rates of calls that each take 10 µs or more, where a loop timed with
 * {@code System.nanoTime} is accurate. Each figure is the median of 7 rounds of at least 0.3 s,
 * after 1.5 s of warm-up.
 */
public final class KernelBench {

    private static volatile double sink;

    public static void main(String[] args) {
        System.out.println("| shape (W) | m | forward W·a: ojalgo | forward: MatrixProduct | BP4 δ·aᵀ: ojalgo | BP4: MatrixProduct | whole step (backprop + update) | feedforward of 1000 |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int hidden : new int[] {30, 100}) {
            for (int m : new int[] {10, 100}) {
                row(hidden, m);
            }
        }
    }

    private static void row(int hidden, int m) {
        Random random = new Random(1);
        int n = 784;
        double[] w = gaussians(random, hidden * n);
        double[] x = uniforms(random, n * m);
        double[] delta = gaussians(random, hidden * m);
        double productFlops = 2.0 * hidden * n * m;

        R064Store wStore = R064Store.wrap(w, hidden);
        R064Store xStore = R064Store.wrap(x, n);
        R064Store deltaStore = R064Store.wrap(delta, hidden);
        R064Store z = R064Store.FACTORY.make(hidden, m);
        R064Store nablaW = R064Store.FACTORY.make(hidden, n);
        double[] zArray = new double[hidden * m];
        double[] nablaWArray = new double[hidden * n];

        double ojalgoForward = rate(productFlops, () -> z.fillByMultiplying(wStore, xStore));
        double kernelForward = rate(productFlops, () -> MatrixProduct.multiply(w, hidden, n, x, 1, n, m, zArray, false));
        double ojalgoBp4 = rate(productFlops, () -> nablaW.fillByMultiplying(deltaStore, xStore.transpose()));
        double kernelBp4 = rate(productFlops, () -> MatrixProduct.multiply(delta, hidden, m, x, n, 1, n, nablaWArray, false));

        int[] sizes = {n, hidden, 10};
        Network network = Network.scaledGaussian(sizes, 1);
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            labels[i] = random.nextInt(10);
        }
        Batch batch = new Batch(xStore, labels);
        double stepFlops = (double) Flops.perTrainingSample(sizes) * m;
        Gradient sum = Gradient.zero();
        double step = rate(stepFlops, () -> {
            Backprop.addGradient(network, batch, Cost.CROSS_ENTROPY, Targets.ONE_HOT, sum.clear());
            network.update(sum, 1e-6);
        });
        R064Store thousand = R064Store.wrap(uniforms(random, n * 1000), n);
        double forwardFlops = 2.0 * (n * hidden + hidden * 10) * 1000;
        double feedforward = rate(forwardFlops, () -> sink += network.classify(thousand)[0]);
        System.out.printf(Locale.ROOT, "| %d×%d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                hidden, n, m, ojalgoForward, kernelForward, ojalgoBp4, kernelBp4, step, feedforward);
    }

    /** GFLOP/s of {@code work}, which does {@code flops} each call: median of 7 timed rounds after a warm-up. */
    private static double rate(double flops, Runnable work) {
        run(work, 1_500_000_000L);
        double[] rates = new double[7];
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
            for (int i = 0; i < 10; i++) {
                work.run();
            }
            calls += 10;
        }
        return calls;
    }

    private static double[] gaussians(Random random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextGaussian() * 0.05;
        }
        return values;
    }

    private static double[] uniforms(Random random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextDouble();
        }
        return values;
    }
}
