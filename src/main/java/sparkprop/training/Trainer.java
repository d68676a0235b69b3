package sparkprop.training;

import sparkprop.metrics.Monitoring;
import sparkprop.network.Network;
import sparkprop.network.Precision;

/**
 * What {@link Sgd}'s epoch loop asks of a trainer: run one epoch's updates, and count the test
 * samples the network gets right. The trainers differ in where the arithmetic runs (one thread,
 * or Spark partitions) and in how often the partitions synchronize; the loop is the same.
 */
public interface Trainer extends AutoCloseable {

    /** Runs epoch {@code epoch}'s updates on {@code network} in place; returns the number of steps (synchronizations) taken. */
    int runEpoch(Network network, SgdSettings settings, int epoch, TrainingListener listener);

    /** How many test samples the network classifies correctly after epoch {@code epoch}, fed forward in {@code precision}. */
    int evaluate(Network network, Precision precision, int epoch);

    /** The number of test samples. */
    int testSize();

    /** network2.py's monitoring after epoch {@code epoch}: cost and accuracy on the training data, accuracy on the validation data. */
    Monitoring monitor(Network network, SgdSettings settings, int epoch);

    /** The L2 term of network2.py's total_cost, ½(λ/n)Σ‖w‖², for n training samples. */
    static double l2Term(Network network, SgdSettings settings, int n) {
        return 0.5 * settings.lambda() / n * network.sumOfSquaredWeights();
    }

    /** Lets go of what the trainer holds beyond its epochs (the deadline mode's tasks still running); nothing for most. */
    @Override
    default void close() {
    }
}
