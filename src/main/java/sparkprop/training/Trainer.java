package sparkprop.training;

import sparkprop.network.Network;

/**
 * What {@link Sgd}'s epoch loop asks of a trainer: run one epoch's updates, and count the test
 * samples the network gets right. The trainers differ in where the arithmetic runs (one thread,
 * or Spark partitions) and in how often the partitions synchronize; the loop is the same.
 */
public interface Trainer {

    /** Runs epoch {@code epoch}'s updates on {@code network} in place; returns the number of steps (synchronizations) taken. */
    int runEpoch(Network network, SgdSettings settings, int epoch, TrainingListener listener);

    /** How many test samples the network classifies correctly. */
    int evaluate(Network network);

    /** The number of test samples. */
    int testSize();
}
