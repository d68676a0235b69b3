package sparkprop.training;

import sparkprop.metrics.Monitoring;
import sparkprop.network.Network;
import sparkprop.network.Precision;

/** What the Spark trainers share: the cached data, and evaluation on the cached test RDD. */
abstract class SparkTrainer implements Trainer {

    protected final SparkData data;

    SparkTrainer(SparkData data) {
        this.data = data;
    }

    @Override
    public int evaluate(Network network, Precision precision, int epoch) {
        return data.evaluate(network, precision, epoch);
    }

    @Override
    public int testSize() {
        return data.testSize();
    }

    @Override
    public Monitoring monitor(Network network, SgdSettings settings, int epoch) {
        return data.monitor(network, settings, epoch);
    }
}
