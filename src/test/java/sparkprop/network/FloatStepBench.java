package sparkprop.network;

import java.util.Locale;
import java.util.Random;

import org.ojalgo.matrix.store.R064Store;

import sparkprop.metrics.Flops;
import sparkprop.metrics.FmaPeak;

/**
 * A measurement, not a test: a whole training step of {@code --precision float32}
 * ({@link FloatNetwork#step}) beside the double step (Backprop's gradient, then the update), and the
 * two products of each through their kernels alone, on one core, for [784,30,10], [784,100,10] and
 * [784,200,10] (the 98% network) at m = 10. The rest of a step (sigmoids, BP2, the update's pass
 * over the weights, the output layer's products) is the difference between the step and its products.
 *
 * <pre>mvn -q test-compile && java @conf/java17-options -cp target/test-classes:target/classes:$(cat target/classpath.txt) sparkprop.network.FloatStepBench</pre>
 *
 * <p>Each step's rate is given as a fraction of one thread's peak ({@link FmaPeak}, FMAs alone on
 * vectors of the kernels' width, as {@code submit/bench} measures it): the double peak for float64,
 * twice it for float32 (a vector holds twice as many floats).
 *
 * <p>The timing is {@link StepBench}'s (medians of 5 rounds of 0.3 s after 1 s of warm-up), after
 * {@link KernelWarmUp} has had every block compiled. {@code -Dsparkprop.vectorBits=256} (or 512)
 * after {@code java} sets the kernels' width.
 */
public final class FloatStepBench {

    private FloatStepBench() {
    }

    public static void main(String[] args) {
        // Every block compiled before any is timed, as in a run: one left cold runs in the interpreter for seconds.
        KernelWarmUp.run(Precision.FLOAT32);
        KernelWarmUp.run(Precision.FLOAT64);
        System.out.println("both kernels: " + MatrixProduct.VECTOR_BITS + "-bit vectors (-D" + MatrixProduct.WIDTH_PROPERTY
                + "=256 or 512 sets them)");
        double peak = FmaPeak.gflops(1, 0.5);
        System.out.printf(Locale.ROOT, "peak of one thread: %.2f GFLOP/s in double, FMAs alone on %d-bit vectors (float32's is twice that)%n",
                peak, FmaPeak.bits());
        System.out.println("| network, m = 10 | precision | whole step µs | forward w·a µs | BP4 δ·aᵀ µs | the rest µs | step GFLOP/s | of the peak |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int hidden : new int[] {30, 100, 200}) {
            int n = 784;
            int m = 10;
            int[] sizes = {n, hidden, 10};
            Random random = new Random(1);
            Network network = Network.scaledGaussian(sizes, 1);
            double[] inputs = StepBench.uniforms(random, n * m);
            Batch batch = new Batch(R064Store.wrap(inputs, n), StepBench.labels(random, m));
            double stepFlops = (double) Flops.perTrainingSample(sizes) * m;
            double productFlops = 2.0 * hidden * n * m;
            double[] delta = StepBench.uniforms(random, hidden * m);
            double[] z = new double[hidden * m];
            double[] nablaW = new double[hidden * n];
            // One sum for the whole run, emptied each step, as the trainers keep it (LocalSteps, SequentialTrainer).
            Gradient sum = Gradient.zero();
            double step = StepBench.rate(stepFlops, () -> {
                Backprop.addGradient(network, batch, Cost.CROSS_ENTROPY, Targets.ONE_HOT, sum.clear());
                network.update(sum, 1e-6, 5.0, 50_000);
            });
            double forward = StepBench.rate(productFlops, () -> MatrixProduct.multiply(network.weightArray(0), hidden, n, inputs, 1, n, m, z, false));
            double bp4 = StepBench.rate(productFlops, () -> MatrixProduct.multiply(delta, hidden, m, inputs, n, 1, n, nablaW, false));
            row(sizes, "float64", stepFlops, step, productFlops, forward, bp4, peak);

            FloatNetwork inFloat = FloatNetwork.of(network);
            float[] inputsF = FloatNetwork.toFloats(inputs);
            float[] weightsF = FloatNetwork.toFloats(network.weightArray(0));
            float[] deltaF = FloatNetwork.toFloats(delta);
            float[] zF = new float[hidden * m];
            float[] nablaWF = new float[hidden * n];
            FloatBatch batchInFloat = FloatBatch.of(batch);
            step = StepBench.rate(stepFlops, () -> inFloat.step(batchInFloat, Cost.CROSS_ENTROPY, Targets.ONE_HOT, 1e-6, 5.0, 50_000));
            forward = StepBench.rate(productFlops, () -> FloatMatrixProduct.multiply(weightsF, hidden, n, inputsF, 1, n, m, zF, false));
            bp4 = StepBench.rate(productFlops, () -> FloatMatrixProduct.multiply(deltaF, hidden, m, inputsF, n, 1, n, nablaWF, false));
            row(sizes, "float32", stepFlops, step, productFlops, forward, bp4, 2 * peak);
        }
    }

    private static void row(int[] sizes, String precision, double stepFlops, double step, double productFlops, double forward, double bp4,
                            double peak) {
        double stepMicros = stepFlops / step / 1e3;
        double forwardMicros = productFlops / forward / 1e3;
        double bp4Micros = productFlops / bp4 / 1e3;
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f%% |%n", java.util.Arrays.toString(sizes), precision,
                stepMicros, forwardMicros, bp4Micros, stepMicros - forwardMicros - bp4Micros, step, 100 * step / peak);
    }
}
