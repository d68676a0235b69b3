package sparkprop.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NetworkTest {

    @Test
    void gaussianInitIsSeededAndHasTheBookShapes() {
        Network a = Network.gaussian(new int[] {784, 30, 10}, 1);
        Network b = Network.gaussian(new int[] {784, 30, 10}, 1);
        assertEquals(0.0, a.maxAbsDifference(b));
        assertTrue(a.maxAbsDifference(Network.gaussian(new int[] {784, 30, 10}, 2)) > 0.1);
        assertEquals(30, a.weights(0).getRowDim());
        assertEquals(784, a.weights(0).getColDim());
        assertEquals(10, a.biases(1).length);
        double sum = 0;
        double sumOfSquares = 0;
        double[] w = a.weights(0).data;
        for (double v : w) {
            sum += v;
            sumOfSquares += v * v;
        }
        assertEquals(0.0, sum / w.length, 0.05);
        assertEquals(1.0, sumOfSquares / w.length, 0.05);
    }

    @Test
    void scaledInitDividesTheSameDrawsByTheSquareRootOfTheInputs() {
        Network large = Network.gaussian(new int[] {784, 30, 10}, 3);
        Network scaled = Network.scaledGaussian(new int[] {784, 30, 10}, 3);
        assertEquals(large.weight(0, 4, 100) / Math.sqrt(784), scaled.weight(0, 4, 100), 1e-15);
        assertEquals(large.weight(1, 9, 29) / Math.sqrt(30), scaled.weight(1, 9, 29), 1e-15);
        assertEquals(large.bias(0, 7), scaled.bias(0, 7));
    }

    @Test
    void weightJkConnectsNeuronKToNeuronJ() {
        Network network = Network.of(new int[] {3, 2}, new double[][][] {{{1, 2, 3}, {4, 5, 6}}}, new double[][] {{0.5, -0.5}});
        assertEquals(2.0, network.weight(0, 0, 1));
        assertEquals(4.0, network.weight(0, 1, 0));
        double[] out = network.feedforward(Batch.of(new double[][] {{1, 0, 0}}, new int[] {0}).inputs()).data;
        assertEquals(Sigmoid.sigmoid(1.5), out[0], 1e-15);
        assertEquals(Sigmoid.sigmoid(3.5), out[1], 1e-15);
    }

    @Test
    void countsCorrectAnswersByArgmax() {
        Network network = Network.of(new int[] {2, 2}, new double[][][] {{{5, -5}, {-5, 5}}}, new double[][] {{0, 0}});
        Batch batch = Batch.of(new double[][] {{1, 0}, {0, 1}, {1, 0}}, new int[] {0, 1, 1});
        assertEquals(2, network.countCorrect(batch));
    }

    @Test
    void refusesNonPositiveSizes() {
        assertThrows(IllegalArgumentException.class, () -> Network.gaussian(new int[] {784, 0, 10}, 1));
        assertThrows(IllegalArgumentException.class, () -> Network.gaussian(new int[] {784}, 1));
    }

    @Test
    void sigmoidPrimeIsTheDerivativeOfSigmoid() {
        for (double z = -6; z <= 6; z += 0.5) {
            double numeric = (Sigmoid.sigmoid(z + 1e-6) - Sigmoid.sigmoid(z - 1e-6)) / 2e-6;
            assertEquals(numeric, Sigmoid.sigmoidPrime(z), 1e-9);
            // What Backprop uses: the same number, from the activation.
            assertEquals(Sigmoid.sigmoidPrime(z), Sigmoid.sigmoidPrimeOfActivation(Sigmoid.sigmoid(z)), 0.0);
        }
    }
}
