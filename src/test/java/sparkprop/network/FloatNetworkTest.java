package sparkprop.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The float step against the double one ({@link Backprop} and {@link Network#update}, themselves
 * checked against the book's code at 1e-12), from the same weights and on the same mini-batch.
 */
class FloatNetworkTest {

    /** Unit roundoff of float: 2⁻²⁴. */
    private static final double FLOAT_ROUNDOFF = 0x1p-24;

    /**
     * One step of [784, 30, 10], cross-entropy with L2, on 10 samples of pixels in [0, 1]. The step's
     * move, w' − w, may differ from double's by the rounding of the weights (2⁻²⁴ |w|) and by the
     * error of float sums: a dot product over n terms is within n·2⁻²⁴ of its size in relative terms
     * (Higham's γ_n), 4.7·10⁻⁵ for the 784 inputs, and the errors of the layers' chain add a few
     * more. So the moves must agree within 10⁻⁴ of the largest move, after the weights' own
     * rounding; a wrong index or transpose misses that by orders of magnitude.
     */
    @Test
    void oneStepMovesTheWeightsAsTheDoubleStepDoesToFloatPrecision() {
        int[] sizes = {784, 30, 10};
        for (Cost cost : Cost.values()) {
            Network start = Network.scaledGaussian(sizes, 5);
            Batch batch = pixels(new Random(6), 784, 10);

            Network expected = start.copy();
            expected.update(Backprop.gradient(expected, batch, cost, Targets.ONE_HOT), 0.5, 5.0, 50_000);
            FloatNetwork inFloat = FloatNetwork.of(start);
            inFloat.step(batch, cost, Targets.ONE_HOT, 0.5, 5.0, 50_000);
            Network actual = inFloat.toNetwork();

            double largestMove = expected.maxAbsDifference(start);
            assertTrue(largestMove > 1e-3, "the step moves the weights");
            double allowed = 1e-4 * largestMove + FLOAT_ROUNDOFF * maxAbs(start) * 2;
            assertEquals(0.0, actual.maxAbsDifference(expected), allowed, cost.optionName());
        }
    }

    /**
     * Fed forward in float, the network gives double's answer for every sample whose two highest
     * output activations differ by more than float's error (10⁻⁴ here; the activations' own error
     * is about 784·2⁻²⁴ of their size); and most samples are such.
     */
    @Test
    void classifiesAsDoubleDoesWhereTheAnswerIsNotATie() {
        Network network = Network.scaledGaussian(new int[] {784, 30, 10}, 10);
        Batch batch = pixels(new Random(11), 784, 500);
        double[] outputs = network.feedforward(batch.inputs()).data;

        int[] inDouble = network.classify(batch.inputs());
        int[] inFloat = FloatNetwork.of(network).classify(batch.inputs());

        int clear = 0;
        for (int i = 0; i < inDouble.length; i++) {
            double best = outputs[inDouble[i] + 10 * i];
            double second = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 10; j++) {
                if (j != inDouble[i]) {
                    second = Math.max(second, outputs[j + 10 * i]);
                }
            }
            if (best - second > 1e-4) {
                clear++;
                assertEquals(inDouble[i], inFloat[i], "sample " + i);
            }
        }
        assertTrue(clear > 450, "samples with a clear answer: " + clear + " of 500");
    }

    /** Going to float and back rounds each parameter to the nearest float, and nothing else. */
    @Test
    void toFloatAndBackRoundsEachParameterOnce() {
        Network network = Network.gaussian(new int[] {5, 4, 3}, 7);
        Network back = FloatNetwork.of(network).toNetwork();
        for (int l = 0; l < network.layers(); l++) {
            for (int j = 0; j < network.sizes()[l + 1]; j++) {
                assertEquals((double) (float) network.bias(l, j), back.bias(l, j), 0.0);
                for (int k = 0; k < network.sizes()[l]; k++) {
                    assertEquals((double) (float) network.weight(l, j, k), back.weight(l, j, k), 0.0);
                }
            }
        }
    }

    /** The smaller last mini-batch of an epoch after full ones: the workspace's stale columns take no part. */
    @Test
    void aShorterBatchAfterALongerOneIsStillTheDoubleStep() {
        int[] sizes = {20, 8, 10};
        Network start = Network.scaledGaussian(sizes, 8);
        Random random = new Random(9);
        FloatNetwork inFloat = FloatNetwork.of(start);
        Network expected = start.copy();
        for (int m : new int[] {10, 3}) {
            Batch batch = pixels(random, 20, m);
            inFloat.step(batch, Cost.QUADRATIC, Targets.ONE_HOT, 3.0, 0, 100);
            expected.update(Backprop.gradient(expected, batch), 3.0);
        }
        double largestMove = expected.maxAbsDifference(start);
        assertEquals(0.0, inFloat.toNetwork().maxAbsDifference(expected), 1e-4 * largestMove + 4 * FLOAT_ROUNDOFF * maxAbs(start));
    }

    private static Batch pixels(Random random, int inputs, int m) {
        double[][] columns = new double[m][inputs];
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < inputs; k++) {
                columns[i][k] = random.nextInt(256) / 255.0;
            }
            labels[i] = random.nextInt(10);
        }
        return Batch.of(columns, labels);
    }

    private static double maxAbs(Network network) {
        Network zero = network.copy();
        zero.scale(0);
        return network.maxAbsDifference(zero);
    }
}
