package sparkprop.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import sparkprop.data.SampleBlock;

/** Backprop against three oracles: the book's own code (golden files), a worked example, and finite differences. */
class BackpropTest {

    @ParameterizedTest
    @ValueSource(strings = {"quadratic-4-3-2.json", "quadratic-6-5-4-3.json", "crossentropy-l2-5-4-3.json"})
    void firstMiniBatchGradientEqualsTheBookCode(String file) {
        Golden golden = Golden.load(file);
        SampleBlock samples = golden.samples();
        int[] firstBatch = range(0, golden.miniBatchSize());

        Gradient gradient = Backprop.gradient(golden.network(), samples.select(firstBatch), golden.cost(), Targets.ONE_HOT);

        Network expected = golden.firstMiniBatchSummedNabla();
        assertEquals(golden.miniBatchSize(), gradient.samples());
        assertEquals(0.0, maxDifference(gradient, expected), 1e-12, file);
    }

    /**
     * The 2-2-2 example worked by hand in ../shared/README.md (inputs 0.05, 0.10; targets 0.01, 0.99,
     * which are Rashid's targets for label 1): forward pass, total error, and one step with eta 0.5.
     */
    @Test
    void workedExampleForwardPassAndOneStep() {
        double[][][] weights = {{{0.15, 0.20}, {0.25, 0.30}}, {{0.40, 0.45}, {0.50, 0.55}}};
        double[][] biases = {{0.35, 0.35}, {0.60, 0.60}};
        Network network = Network.of(new int[] {2, 2, 2}, weights, biases);
        Batch batch = Batch.of(new double[][] {{0.05, 0.10}}, new int[] {1});

        double[] out = network.feedforward(batch.inputs()).data;
        assertEquals(0.75136507, out[0], 1e-8);
        assertEquals(0.772928465, out[1], 1e-9);
        double error = 0.5 * Math.pow(0.01 - out[0], 2) + 0.5 * Math.pow(0.99 - out[1], 2);
        assertEquals(0.298371109, error, 1e-9);

        network.update(Backprop.gradient(network, batch, Cost.QUADRATIC, Targets.RASHID), 0.5);

        assertEquals(0.35891648, network.weight(1, 0, 0), 1e-8);
        assertEquals(0.408666186, network.weight(1, 0, 1), 1e-9);
        assertEquals(0.511301270, network.weight(1, 1, 0), 1e-9);
        assertEquals(0.561370121, network.weight(1, 1, 1), 1e-9);
        assertEquals(0.149780716, network.weight(0, 0, 0), 1e-9);
        assertEquals(0.19956143, network.weight(0, 0, 1), 1e-8);
        assertEquals(0.24975114, network.weight(0, 1, 0), 1e-8);
        assertEquals(0.29950229, network.weight(0, 1, 1), 1e-8);
        // The biases are not part of the hand-worked example, but the book's rule moves them too.
        assertTrue(network.bias(1, 0) < 0.60 && network.bias(1, 1) > 0.60);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Cost.class)
    void gradientMatchesFiniteDifferencesOfTheCost(Cost cost) {
        int[] sizes = {5, 4, 3, 3};
        Network network = Network.gaussian(sizes, 7);
        Random random = new Random(3);
        double[][] inputs = new double[6][5];
        int[] labels = new int[6];
        for (int i = 0; i < inputs.length; i++) {
            for (int k = 0; k < 5; k++) {
                inputs[i][k] = random.nextDouble();
            }
            labels[i] = random.nextInt(3);
        }
        Batch batch = Batch.of(inputs, labels);
        Gradient gradient = Backprop.gradient(network, batch, cost, Targets.ONE_HOT);

        double h = 1e-6;
        for (int l = 0; l < network.layers(); l++) {
            double[] w = network.weights(l).data;
            for (int i = 0; i < w.length; i++) {
                double numeric = centralDifference(network, batch, cost, w, i, h);
                assertEquals(numeric, gradient.nablaW(l)[i], 1e-7, "nablaW layer " + l + " entry " + i);
            }
            double[] b = network.biases(l);
            for (int j = 0; j < b.length; j++) {
                double numeric = centralDifference(network, batch, cost, b, j, h);
                assertEquals(numeric, gradient.nablaB(l)[j], 1e-7, "nablaB layer " + l + " entry " + j);
            }
        }
    }

    @Test
    void costValuesAreTheBookFormulas() {
        assertEquals(0.5 * 0.09, Cost.QUADRATIC.value(0.7, 1.0), 1e-15);
        assertEquals(-Math.log(0.7), Cost.CROSS_ENTROPY.value(0.7, 1.0), 1e-15);
        assertEquals(-Math.log(0.3), Cost.CROSS_ENTROPY.value(0.7, 0.0), 1e-15);
        assertEquals(0.0, Cost.CROSS_ENTROPY.value(1.0, 1.0), 0.0);
        assertEquals(Double.MAX_VALUE, Cost.CROSS_ENTROPY.value(1.0, 0.0), 0.0);
    }

    @Test
    void gradientsOfDisjointBatchesAddUpToTheGradientOfTheirUnion() {
        Golden golden = Golden.load("quadratic-6-5-4-3.json");
        SampleBlock samples = golden.samples();
        Network network = golden.network();
        Gradient whole = Backprop.gradient(network, samples.select(range(0, samples.size())));
        Gradient parts = Gradient.zero()
                .add(Backprop.gradient(network, samples.select(new int[] {0, 2, 4, 6, 8})))
                .add(Backprop.gradient(network, samples.select(new int[] {1, 3, 5, 7, 9})));
        assertEquals(samples.size(), parts.samples());
        assertTrue(maxDifference(whole, parts) < 1e-14);
    }

    /** The cost summed over the batch, written out from the book's equations 6 and 63, not from Cost. */
    private static double summedCost(Network network, Batch batch, Cost cost) {
        double[] out = network.feedforward(batch.inputs()).data;
        int outputs = out.length / batch.size();
        double sum = 0;
        for (int i = 0; i < batch.size(); i++) {
            for (int j = 0; j < outputs; j++) {
                double y = batch.labels()[i] == j ? 1.0 : 0.0;
                double a = out[j + i * outputs];
                sum += cost == Cost.QUADRATIC ? 0.5 * Math.pow(y - a, 2) : -(y * Math.log(a) + (1 - y) * Math.log(1 - a));
            }
        }
        return sum;
    }

    private static double centralDifference(Network network, Batch batch, Cost cost, double[] parameters, int i, double h) {
        double saved = parameters[i];
        parameters[i] = saved + h;
        double plus = summedCost(network, batch, cost);
        parameters[i] = saved - h;
        double minus = summedCost(network, batch, cost);
        parameters[i] = saved;
        return (plus - minus) / (2 * h);
    }

    static double maxDifference(Gradient gradient, Network expected) {
        double max = 0;
        for (int l = 0; l < expected.layers(); l++) {
            double[] w = expected.weights(l).data;
            for (int i = 0; i < w.length; i++) {
                max = Math.max(max, Math.abs(w[i] - gradient.nablaW(l)[i]));
            }
            for (int j = 0; j < expected.biases(l).length; j++) {
                max = Math.max(max, Math.abs(expected.biases(l)[j] - gradient.nablaB(l)[j]));
            }
        }
        return max;
    }

    static double maxDifference(Gradient a, Gradient b) {
        assertEquals(a.layers(), b.layers());
        double max = 0;
        for (int l = 0; l < a.layers(); l++) {
            for (int i = 0; i < a.nablaW(l).length; i++) {
                max = Math.max(max, Math.abs(a.nablaW(l)[i] - b.nablaW(l)[i]));
            }
            for (int i = 0; i < a.nablaB(l).length; i++) {
                max = Math.max(max, Math.abs(a.nablaB(l)[i] - b.nablaB(l)[i]));
            }
        }
        return max;
    }

    static int[] range(int from, int to) {
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return indices;
    }
}
