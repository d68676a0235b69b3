package sparkprop.training;

import java.util.ArrayList;
import java.util.List;

import sparkprop.metrics.EpochResult;
import sparkprop.metrics.Monitoring;
import sparkprop.network.Network;
import sparkprop.network.Velocity;

/**
 * network.py's {@code SGD} loop, once for every trainer: each epoch, the trainer's updates, then an
 * evaluation on the test data, then the epoch's line. Stops early after the first epoch that
 * reaches the target accuracy.
 */
public final class Sgd {

    private Sgd() {
    }

    /** Trains {@code network} in place; returns one result per epoch run. */
    public static List<EpochResult> train(Network network, Trainer trainer, SgdSettings settings, TrainingListener listener) {
        return train(network, trainer, settings, listener, 0);
    }

    /** Trains {@code network} in place from epoch {@code firstEpoch} on (a resumed run); returns one result per epoch run. */
    public static List<EpochResult> train(Network network, Trainer trainer, SgdSettings settings, TrainingListener listener,
                                          int firstEpoch) {
        return train(network, trainer, settings, listener, firstEpoch, ValidationPlan.NONE);
    }

    /** As above, with chapter 3's early stopping and learning-rate schedule driven by the validation accuracy. */
    public static List<EpochResult> train(Network network, Trainer trainer, SgdSettings settings, TrainingListener listener,
                                          int firstEpoch, ValidationPlan plan) {
        List<EpochResult> results = new ArrayList<>();
        if (plan.stopReason() != null) {
            // A resumed run whose plan had already stopped it.
            listener.stopped(plan.stopReason());
            return results;
        }
        SgdSettings current = settings;
        if (plan.active() && plan.eta() != settings.eta()) {
            // A resumed run whose schedule had lowered eta.
            current = settings.withEta(plan.eta());
            listener.etaChanged(current.eta(), firstEpoch);
        }
        for (int epoch = firstEpoch; epoch < settings.epochs(); epoch++) {
            long start = System.nanoTime();
            int steps = trainer.runEpoch(network, current, epoch, listener);
            EpochResult result = new EpochResult(epoch, trainer.evaluate(network, current.precision(), epoch), trainer.testSize(),
                    (System.nanoTime() - start) / 1e9, steps);
            Monitoring monitoring = listener.wantsMonitoring() || plan.active() ? trainer.monitor(network, current, epoch) : null;
            listener.epochDone(result, monitoring);
            results.add(result);
            boolean goOn = !settings.reached(result.accuracy());
            if (goOn && plan.active()) {
                goOn = plan.goOn(monitoring.validationAccuracy());
                if (!goOn) {
                    listener.stopped(plan.stopReason());
                } else if (plan.eta() != current.eta()) {
                    current = current.withEta(plan.eta());
                    listener.etaChanged(current.eta(), epoch + 1);
                }
            }
            listener.epochEnded(result, plan.state());
            if (!goOn) {
                break;
            }
        }
        return results;
    }

    /** Stops a diverging run at the step where a parameter stops being a number, before anything saves it. */
    public static void checkFinite(Network network, int epoch, int step, double eta) {
        String bad = network.firstNonFinite();
        if (bad != null) {
            throw new DivergenceException(String.format("training diverged at epoch %d, step %d: %s; try a smaller --eta than %s",
                    epoch, step, bad, eta));
        }
    }

    /**
     * One epoch of network.py's {@code update_mini_batch}, one mini-batch after another:
     * w → (1 − eta·lambda/n) w − (eta/m) nablaW, b → b − (eta/m) nablaB, with m the mini-batch's
     * length and n the number of training samples (lambda is 0 in chapter 1); with momentum μ,
     * chapter 3's v → μv − eta·∇C, w → w + v, the velocities kept in {@code velocity}.
     */
    public static int steps(Network network, Velocity velocity, MiniBatches batches, SgdSettings settings, int n, int epoch,
                            TrainingListener listener, MiniBatchGradient gradient) {
        for (int k = 0; k < batches.count(); k++) {
            listener.stepStarting(epoch, k + 1, batches.count());
            network.update(gradient.summedGradient(network, batches.members(k)), settings.eta(), settings.lambda(), n,
                    settings.momentum(), velocity);
            checkFinite(network, epoch, k + 1, settings.eta());
            listener.stepDone(epoch, k + 1, batches.count());
        }
        return batches.count();
    }
}
