package sparkprop.training;

import org.apache.spark.broadcast.Broadcast;

import sparkprop.data.DistortionPass;
import sparkprop.network.Network;
import sparkprop.network.Velocity;

/**
 * Local SGD, or periodic parameter averaging (Zinkevich, Weimer, Smola and Li, "Parallelized
 * Stochastic Gradient Descent", 2010): between two synchronizations every partition takes
 * {@code syncEvery} steps of the book's rule (mini-batches of m, learning rate eta) on its own
 * samples, starting from the broadcast weights; the driver then averages the partitions' weights
 * and takes its own step from that mean ({@link BlockUpdate}: plain averaging, or a block learning
 * rate and block momentum).
 * A partition's mini-batches are its own samples in the epoch's shuffled order. One Spark job per
 * synchronization instead of one per mini-batch: fewer, longer jobs, at some cost in accuracy.
 */
public final class LocalSgdTrainer extends SparkTrainer {

    private final int syncEvery;
    /** Blocks of a single step at the start of the run (epoch 0), before blocks of {@code syncEvery}. */
    private final int warmUpSteps;
    private final BlockUpdate blockUpdate;
    /** The driver's block velocity Δ, kept across blocks and epochs (and in checkpoints). */
    private Velocity blockVelocity;

    /** Plain averaging, starting from no block velocity. */
    public LocalSgdTrainer(SparkData data, int syncEvery) {
        this(data, syncEvery, BlockUpdate.AVERAGE, null);
    }

    /** @param blockVelocity the run's block velocity, changed in place; null to start from 0 */
    public LocalSgdTrainer(SparkData data, int syncEvery, BlockUpdate blockUpdate, Velocity blockVelocity) {
        this(data, syncEvery, 0, blockUpdate, blockVelocity);
    }

    /**
     * @param warmUpSteps the run's first blocks that take one step each (K = 1), so that the block
     *                    velocity builds up over a few samples instead of over P blocks of K steps
     */
    public LocalSgdTrainer(SparkData data, int syncEvery, int warmUpSteps, BlockUpdate blockUpdate, Velocity blockVelocity) {
        super(data);
        if (syncEvery < 1) {
            throw new IllegalArgumentException("syncEvery must be positive, found " + syncEvery);
        }
        if (warmUpSteps < 0) {
            throw new IllegalArgumentException("warmUpSteps must be 0 or positive, found " + warmUpSteps);
        }
        this.syncEvery = syncEvery;
        this.warmUpSteps = warmUpSteps;
        this.blockUpdate = blockUpdate;
        this.blockVelocity = blockVelocity;
    }

    @Override
    public int runEpoch(Network network, SgdSettings settings, int epoch, TrainingListener listener) {
        int miniBatchSize = settings.miniBatchSize();
        // The partition with the most samples sets the rounds of an epoch.
        int steps = (data.largestTrainingPartition() + miniBatchSize - 1) / miniBatchSize;
        int warm = warmUp(epoch, steps);
        int rounds = warm + (steps - warm + syncEvery - 1) / syncEvery;
        for (int round = 0; round < rounds; round++) {
            listener.stepStarting(epoch, round + 1, rounds);
            data.sc().setJobGroup("epoch " + epoch, "epoch " + epoch + ", synchronization " + (round + 1) + "/" + rounds, false);
            Velocity velocity = blockVelocity(network);
            Network start = blockUpdate.start(network, velocity);
            int from = blockStart(warm, round);
            blockUpdate.apply(network, velocity, averageAfterLocalSteps(start, settings, epoch, from, blockStart(warm, round + 1)), start);
            Sgd.checkFinite(network, epoch, round + 1, settings.eta());
            listener.stepDone(epoch, round + 1, rounds);
        }
        return rounds;
    }

    /** The warm-up's one-step blocks in this epoch: in the run's first epoch only. */
    private int warmUp(int epoch, int steps) {
        return epoch == 0 ? Math.min(warmUpSteps, steps) : 0;
    }

    /** The first local step of block {@code round}, after {@code warm} blocks of one step. */
    private int blockStart(int warm, int round) {
        return round <= warm ? round : warm + (round - warm) * syncEvery;
    }

    /** One Spark job: each partition's weights after its local steps [from, to) of this epoch, averaged. */
    private Network averageAfterLocalSteps(Network network, SgdSettings settings, int epoch, int from, int to) {
        Broadcast<Network> weights = data.sc().broadcast(network);
        int first = data.trainingFirst();
        int size = data.trainingSize();
        int miniBatchSize = settings.miniBatchSize();
        long seed = settings.seed();
        DistortionPass distortions = settings.distortions(epoch);
        try {
            ParameterSum sum = TreeAggregate.treeAggregate(data.training(), ParameterSum.empty(),
                    (partial, block) -> {
                        MiniBatches mine = MiniBatches.shuffled(first, size, miniBatchSize, seed, epoch)
                                .within(block.first(), block.size());
                        int last = Math.min(mine.count(), to);
                        if (from >= last) {
                            return partial; // this partition's epoch is over: it takes no part in the average
                        }
                        LocalSteps local = LocalSteps.from(weights.value(), settings, size);
                        for (int k = from; k < last; k++) {
                            local.take(block, mine.members(k), distortions);
                        }
                        return partial.add(local.network());
                    },
                    ParameterSum::add);
            return sum.average();
        } finally {
            weights.destroy();
        }
    }

    private Velocity blockVelocity(Network network) {
        if (blockVelocity == null) {
            blockVelocity = Velocity.zero(network.sizes());
        }
        return blockVelocity;
    }
}
