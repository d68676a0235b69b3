package sparkprop.training;

import java.util.ArrayList;
import java.util.List;

import sparkprop.metrics.EpochResult;
import sparkprop.network.Network;

/**
 * network.py's {@code SGD} loop, once for every trainer: each epoch, shuffle (from the seed and the
 * epoch), step through the mini-batches with w → w − (eta/m) nablaW, b → b − (eta/m) nablaB, then
 * evaluate on the test data. Stops early after the first epoch that reaches the target accuracy.
 */
public final class Sgd {

    private Sgd() {
    }

    /** Trains {@code network} in place; returns one result per epoch run. */
    public static List<EpochResult> train(Network network, Trainer trainer, SgdSettings settings, TrainingListener listener) {
        List<EpochResult> results = new ArrayList<>();
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            long start = System.nanoTime();
            MiniBatches batches = MiniBatches.shuffled(trainer.trainingFirst(), trainer.trainingSize(),
                    settings.miniBatchSize(), settings.seed(), epoch);
            runEpoch(network, trainer, batches, settings.eta(), epoch, listener);
            EpochResult result = new EpochResult(epoch, trainer.evaluate(network), trainer.testSize(),
                    (System.nanoTime() - start) / 1e9, batches.count());
            listener.epochDone(result);
            results.add(result);
            if (settings.reached(result.accuracy())) {
                break;
            }
        }
        return results;
    }

    /** One epoch of network.py's {@code update_mini_batch}, one mini-batch after another. */
    public static void runEpoch(Network network, Trainer trainer, MiniBatches batches, double eta, int epoch,
                                TrainingListener listener) {
        for (int k = 0; k < batches.count(); k++) {
            trainer.describeStep(epoch, k + 1, batches.count());
            network.update(trainer.summedGradient(network, batches.members(k)), eta);
            listener.stepDone(epoch, k + 1, batches.count());
        }
    }
}
