package sparkprop.training;

import java.util.ArrayList;
import java.util.List;

import sparkprop.data.SampleBlock;
import sparkprop.metrics.EpochResult;
import sparkprop.network.Backprop;
import sparkprop.network.Network;

/**
 * network.py's {@code SGD} in one thread, with no Spark: the reference that the distributed trainer
 * must match, and the {@code local} trainer of the product. It shares {@link Backprop} and
 * {@link Network#update} with the distributed trainer, so the two differ only in where the sums
 * are computed.
 */
public final class SequentialTrainer {

    private SequentialTrainer() {
    }

    /** Trains {@code network} in place for {@code settings.epochs()} epochs, evaluating on {@code test} after each. */
    public static List<EpochResult> train(Network network, SampleBlock training, SampleBlock test,
                                          SgdSettings settings, TrainingListener listener) {
        List<EpochResult> results = new ArrayList<>();
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            long start = System.nanoTime();
            MiniBatches batches = MiniBatches.shuffled(training.first(), training.size(), settings.miniBatchSize(), settings.seed(), epoch);
            runEpoch(network, training, batches, settings.eta(), epoch, listener);
            EpochResult result = new EpochResult(epoch, test.countCorrect(network), test.size(),
                    (System.nanoTime() - start) / 1e9, batches.count());
            listener.epochDone(result);
            results.add(result);
        }
        return results;
    }

    /** One epoch of network.py's {@code update_mini_batch}, one mini-batch after another. */
    public static void runEpoch(Network network, SampleBlock training, MiniBatches batches, double eta,
                                int epoch, TrainingListener listener) {
        for (int k = 0; k < batches.count(); k++) {
            network.update(Backprop.gradient(network, training.select(batches.members(k))), eta);
            listener.stepDone(epoch, k + 1, batches.count());
        }
    }
}
