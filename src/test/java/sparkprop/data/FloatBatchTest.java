package sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import sparkprop.Project;
import sparkprop.io.StoragePath;
import sparkprop.network.Batch;
import sparkprop.network.FloatBatch;
import sparkprop.network.FloatNetwork;
import sparkprop.network.Network;
import sparkprop.network.Precision;

/**
 * {@code --precision float32} takes its batches and its test inputs straight from the pixels' bytes.
 * They must be what rounding the double path's activations gives, bit for bit, so that a float run's
 * weights are the same whichever way its inputs were made.
 */
class FloatBatchTest {

    private static final SampleBlock REAL = ((DataSlice) Mnist.open(StoragePath.of(Project.realMnist()), 1000).training())
            .split(2).get(1).read();

    @Test
    void aBatchInFloatIsTheRoundedBatchInDoubleBitForBit() {
        int[][] batches = {{REAL.first() + 7, REAL.first(), REAL.first() + REAL.size() - 1}, {REAL.first() + 3, 5, REAL.first() + 1}};
        DistortionPass[] passes = {null, new DistortionPass(ElasticDistortion.SIMARD, 17, 2)};
        BatchBuffer buffer = new BatchBuffer();
        for (DistortionPass distortions : passes) {
            for (int[] members : batches) {
                String which = Arrays.toString(members) + (distortions == null ? "" : ", distorted");
                Batch exact = REAL.select(members, distortions);
                FloatBatch inFloat = REAL.selectInFloat(members, distortions, buffer);
                assertArrayEquals(exact.labels(), inFloat.labels(), which);
                assertEquals(exact.inputs().getRowDim(), inFloat.inputSize(), which);
                assertArrayEquals(FloatBatch.of(exact).inputs(), inFloat.inputs(), which);
            }
        }
        assertSame(REAL.selectInFloat(batches[0], null, buffer).inputs(), REAL.selectInFloat(batches[0], null, buffer).inputs(),
                "a batch of the same size fills the same array");
    }

    /** The test accuracy in float: the same answers as feeding the block's rounded double inputs forward, chunk by chunk. */
    @Test
    void theAnswersInFloatAreThoseOfTheRoundedInputs() {
        Network network = Network.scaledGaussian(new int[] {784, 30, 10}, 3);
        int[] all = new int[REAL.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = REAL.first() + i;
        }
        int[] expected = FloatNetwork.of(network).classify(REAL.select(all).inputs());
        assertArrayEquals(expected, REAL.classify(network, Precision.FLOAT32));
    }
}
