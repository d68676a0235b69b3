package sparkprop.training;

import sparkprop.network.Gradient;
import sparkprop.network.Network;

/**
 * Where a trainer computes what SGD needs: the summed gradient of a mini-batch and the test
 * accuracy. {@link Sgd} runs the same loop over any trainer, so the sequential and the distributed
 * trainer differ only here.
 */
public interface Trainer {

    /** The global index of the first training sample. */
    int trainingFirst();

    /** The number of training samples. */
    int trainingSize();

    /** The number of test samples. */
    int testSize();

    /** nablaW and nablaB summed over the mini-batch's members (global sample indices). */
    Gradient summedGradient(Network network, int[] members);

    /** How many test samples the network classifies correctly. */
    int evaluate(Network network);

    /** Called before each step, so a trainer can say what it is doing (the Spark UI shows it). */
    default void describeStep(int epoch, int step, int steps) {
    }
}
