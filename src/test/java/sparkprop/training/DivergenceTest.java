package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import sparkprop.data.SampleBlock;
import sparkprop.network.Backprop;
import sparkprop.network.Gradient;
import sparkprop.network.Network;

/**
 * A weight that stops being a number ends training at that step. With the quadratic cost the
 * gradient is bounded (σ' ≤ 1/4 and saturated neurons pass nothing back), so the book's network
 * does not overflow however large eta is; the check guards against what can (non-finite inputs, a
 * cost without that bound), and this test feeds it an overflowing gradient at a known step.
 */
class DivergenceTest {

    @Test
    void aNonFiniteWeightStopsTrainingAtTheStepWhereItAppears() {
        SampleBlock training = TrainingData.digits(0, 100, 16, 11);
        Network network = Network.gaussian(new int[] {16, 12, 10}, 5);
        MiniBatchGradient overflowsAtStepFour = new MiniBatchGradient() {
            private int step;

            @Override
            public Gradient summedGradient(Network weights, int[] members) {
                Gradient gradient = Backprop.gradient(weights, training.select(members));
                if (++step == 4) {
                    gradient.nablaW(1)[7] = Double.NEGATIVE_INFINITY;
                }
                return gradient;
            }
        };
        int[] lastGoodStep = {0};
        TrainingListener steps = new TrainingListener() {
            @Override
            public void stepDone(int epoch, int step, int count) {
                lastGoodStep[0] = step;
            }
        };

        String message = assertThrows(DivergenceException.class, () -> Sgd.steps(network, null, MiniBatches.inOrder(0, 100, 10),
                new SgdSettings(1, 10, 3.0, 1), 100, 0, steps, overflowsAtStepFour)).getMessage();

        assertEquals("training diverged at epoch 0, step 4: weight (7, 0) of layer 1 = Infinity; try a smaller --eta than 3.0", message);
        assertEquals(3, lastGoodStep[0], "steps 1 to 3 completed, step 4 did not");
    }

    @Test
    void evenAHugeLearningRateOnlySaturatesTheBookNetwork() {
        Network network = Network.gaussian(new int[] {16, 12, 10}, 5);
        SequentialTrainer.train(network, TrainingData.digits(0, 200, 16, 11), TrainingData.digits(0, 50, 16, 12),
                new SgdSettings(2, 10, 1e300, 9), TrainingListener.NONE);
        assertTrue(network.firstNonFinite() == null);
    }
}
