package sparkprop.training;

import java.util.List;

import sparkprop.data.BatchBuffer;
import sparkprop.data.DistortionPass;
import sparkprop.data.SampleBlock;
import sparkprop.metrics.EpochResult;
import sparkprop.metrics.Monitoring;
import sparkprop.metrics.Score;
import sparkprop.network.Backprop;
import sparkprop.network.Gradient;
import sparkprop.network.Network;
import sparkprop.network.Precision;
import sparkprop.network.Targets;
import sparkprop.network.Velocity;

/**
 * network.py's {@code SGD} in one thread, with no Spark: the reference that the distributed trainer
 * must match, and the {@code sequential} trainer of the command line. It shares {@link Backprop},
 * {@link Network#update} and the {@link Sgd} loop with the distributed trainer.
 */
public final class SequentialTrainer implements Trainer {

    private final SampleBlock training;
    private final SampleBlock validation;
    private final SampleBlock test;
    /** Momentum's velocities, changed in place; null until the first step (then 0) unless given. */
    private Velocity velocity;

    public SequentialTrainer(SampleBlock training, SampleBlock test) {
        this(training, null, test, null);
    }

    /**
     * @param validation the validation samples for {@link #monitor}, or null for none
     * @param velocity   the run's momentum velocities, changed in place (a resumed run's); null to start from 0
     */
    public SequentialTrainer(SampleBlock training, SampleBlock validation, SampleBlock test, Velocity velocity) {
        this.training = training;
        this.validation = validation;
        this.test = test;
        this.velocity = velocity;
    }

    /** Trains {@code network} in place, evaluating on {@code test} after each epoch. */
    public static List<EpochResult> train(Network network, SampleBlock training, SampleBlock test,
                                          SgdSettings settings, TrainingListener listener) {
        return Sgd.train(network, new SequentialTrainer(training, test), settings, listener);
    }

    @Override
    public int runEpoch(Network network, SgdSettings settings, int epoch, TrainingListener listener) {
        MiniBatches batches = MiniBatches.shuffled(training.first(), training.size(), settings.miniBatchSize(), settings.seed(), epoch);
        Gradient sum = Gradient.zero(); // one sum for the epoch, emptied before each step: no arrays allocated per step
        if (velocity == null) {
            velocity = Velocity.zero(network.sizes());
        }
        DistortionPass distortions = settings.distortions(epoch);
        if (settings.precision() == Precision.FLOAT32) {
            return floatEpoch(network, batches, settings, epoch, listener, distortions);
        }
        BatchBuffer buffer = new BatchBuffer();
        return Sgd.steps(network, velocity, batches, settings, training.size(), epoch, listener, (weights, members) -> {
            Backprop.addGradient(weights, training.select(members, distortions, buffer), settings.cost(), settings.targets(), sum.clear());
            return sum;
        });
    }

    /**
     * The same epoch with the steps in float ({@link LocalSteps}): the weights go to float at the
     * epoch's start and back into {@code network} at its end, or when a stop ends it between two steps.
     * A diverging run is caught at the epoch's end, as local SGD's is at each synchronization.
     */
    private int floatEpoch(Network network, MiniBatches batches, SgdSettings settings, int epoch, TrainingListener listener,
                           DistortionPass distortions) {
        LocalSteps local = LocalSteps.from(network, settings, training.size());
        int done = 0;
        try {
            for (int k = 0; k < batches.count(); k++) {
                listener.stepStarting(epoch, k + 1, batches.count());
                local.take(training, batches.members(k), distortions);
                done = k + 1;
                listener.stepDone(epoch, k + 1, batches.count());
            }
        } finally {
            network.setTo(local.network());
        }
        Sgd.checkFinite(network, epoch, done, settings.eta());
        return batches.count();
    }

    @Override
    public int evaluate(Network network, Precision precision, int epoch) {
        return test.countCorrect(network, precision);
    }

    @Override
    public int testSize() {
        return test.size();
    }

    @Override
    public Monitoring monitor(Network network, SgdSettings settings, int epoch) {
        Score validationScore = validation == null ? Score.NONE : validation.score(network, settings.cost(), settings.targets());
        return Monitoring.of(training.score(network, settings.cost(), settings.targets()), validationScore,
                Trainer.l2Term(network, settings, training.size()));
    }
}
