package sparkprop.training;

import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import sparkprop.data.DistortionPass;
import sparkprop.metrics.EpochResult;
import sparkprop.network.Backprop;
import sparkprop.network.Cost;
import sparkprop.network.Batch;
import sparkprop.network.Gradient;
import sparkprop.network.Network;
import sparkprop.network.Targets;
import sparkprop.network.Velocity;

/**
 * network.py's {@code SGD}, data-parallel on Spark. Every mini-batch step is one Spark job:
 * broadcast the weights; each partition sums nablaW and nablaB over its members of the mini-batch
 * ({@link Backprop}, the same code the sequential trainer runs); {@code treeAggregate} adds the
 * partial sums on the way to the driver ({@link TreeAggregate}); the driver takes the book's step.
 * The mini-batches are those of {@link MiniBatches}, so the weights equal the sequential trainer's
 * whatever the number of partitions, up to the order of floating-point additions.
 */
public final class DistributedTrainer extends SparkTrainer {

    /** Momentum's velocities, changed in place; null until the first step (then 0) unless given. */
    private Velocity velocity;

    public DistributedTrainer(SparkData data) {
        this(data, null);
    }

    /** @param velocity the run's momentum velocities, changed in place (a resumed run's); null to start from 0 */
    public DistributedTrainer(SparkData data, Velocity velocity) {
        super(data);
        this.velocity = velocity;
    }

    /** Trains {@code network} in place, evaluating on the test RDD after each epoch. */
    public List<EpochResult> train(Network network, SgdSettings settings, TrainingListener listener) {
        return Sgd.train(network, this, settings, listener);
    }

    @Override
    public int runEpoch(Network network, SgdSettings settings, int epoch, TrainingListener listener) {
        JavaSparkContext sc = data.sc();
        TrainingListener jobGroups = new TrainingListener() {
            @Override
            public void stepStarting(int e, int step, int steps) {
                // The web UI groups each epoch's jobs and names the step each one is.
                sc.setJobGroup("epoch " + e, "epoch " + e + ", step " + step + "/" + steps, false);
            }
        };
        TrainingListener describing = TrainingListener.all(jobGroups, listener);
        if (velocity == null) {
            velocity = Velocity.zero(network.sizes());
        }
        return Sgd.steps(network, velocity, data.miniBatches(settings, epoch), settings, data.trainingSize(), epoch, describing,
                (weights, members) -> summedGradient(weights, members, settings.cost(), settings.targets(), settings.distortions(epoch)));
    }

    /** One Spark job: nablaW and nablaB summed over the mini-batch's members, across all partitions. */
    public Gradient summedGradient(Network network, int[] members, Cost cost, Targets targets) {
        return summedGradient(network, members, cost, targets, null);
    }

    /** The same with the members' images distorted as {@code distortions} says (null: as they are). */
    public Gradient summedGradient(Network network, int[] members, Cost cost, Targets targets, DistortionPass distortions) {
        Broadcast<Network> weights = data.sc().broadcast(network);
        try {
            return TreeAggregate.treeAggregate(data.training(), Gradient.zero(),
                    (sum, block) -> {
                        Batch batch = block.select(members, distortions);
                        if (batch != null) {
                            Backprop.addGradient(weights.value(), batch, cost, targets, sum);
                        }
                        return sum;
                    },
                    Gradient::add);
        } finally {
            // 5,000 steps an epoch: every step's broadcast must go, on the executors and the driver.
            weights.destroy();
        }
    }
}
