package sparkprop.network;

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
 * <p>The timing is {@link StepBench}'s (a plain harness; its comment says why).
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
        double[] x = StepBench.uniforms(random, n * m);
        double[] delta = gaussians(random, hidden * m);
        double productFlops = 2.0 * hidden * n * m;

        R064Store wStore = R064Store.wrap(w, hidden);
        R064Store xStore = R064Store.wrap(x, n);
        R064Store deltaStore = R064Store.wrap(delta, hidden);
        R064Store z = R064Store.FACTORY.make(hidden, m);
        R064Store nablaW = R064Store.FACTORY.make(hidden, n);
        double[] zArray = new double[hidden * m];
        double[] nablaWArray = new double[hidden * n];

        double ojalgoForward = StepBench.rate(productFlops, () -> z.fillByMultiplying(wStore, xStore));
        double kernelForward = StepBench.rate(productFlops, () -> MatrixProduct.multiply(w, hidden, n, x, 1, n, m, zArray, false));
        double ojalgoBp4 = StepBench.rate(productFlops, () -> nablaW.fillByMultiplying(deltaStore, xStore.transpose()));
        double kernelBp4 = StepBench.rate(productFlops, () -> MatrixProduct.multiply(delta, hidden, m, x, n, 1, n, nablaWArray, false));

        int[] sizes = {n, hidden, 10};
        Network network = Network.scaledGaussian(sizes, 1);
        Batch batch = new Batch(xStore, StepBench.labels(random, m));
        double stepFlops = (double) Flops.perTrainingSample(sizes) * m;
        Gradient sum = Gradient.zero();
        double step = StepBench.rate(stepFlops, () -> {
            Backprop.addGradient(network, batch, Cost.CROSS_ENTROPY, Targets.ONE_HOT, sum.clear());
            network.update(sum, 1e-6);
        });
        R064Store thousand = R064Store.wrap(StepBench.uniforms(random, n * 1000), n);
        double forwardFlops = 2.0 * (n * hidden + hidden * 10) * 1000;
        double feedforward = StepBench.rate(forwardFlops, () -> sink += network.classify(thousand)[0]);
        System.out.printf(Locale.ROOT, "| %d×%d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                hidden, n, m, ojalgoForward, kernelForward, ojalgoBp4, kernelBp4, step, feedforward);
    }

    private static double[] gaussians(Random random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextGaussian() * 0.05;
        }
        return values;
    }

}
