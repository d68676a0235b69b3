package sparkprop.training;

import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import sparkprop.data.SampleBlock;
import sparkprop.metrics.EpochResult;
import sparkprop.network.Backprop;
import sparkprop.network.Batch;
import sparkprop.network.Gradient;
import sparkprop.network.Network;

/**
 * network.py's {@code SGD}, data-parallel on Spark. Every mini-batch step is one Spark job:
 * broadcast the weights; each partition sums nablaW and nablaB over its members of the mini-batch
 * ({@link Backprop}, the same code the sequential trainer runs); {@code treeAggregate} adds the
 * partial sums on the way to the driver; the driver takes the book's step. The mini-batches are
 * those of {@link MiniBatches}, so the weights equal the sequential trainer's whatever the number
 * of partitions, up to the order of floating-point additions.
 */
public final class DistributedTrainer implements Trainer {

    private final JavaSparkContext sc;
    private final JavaRDD<SampleBlock> training;
    private final int trainingFirst;
    private final int trainingSize;
    private final JavaRDD<SampleBlock> test;
    private final int testSize;

    /**
     * @param training cached blocks of samples {@code trainingFirst} to {@code trainingFirst + trainingSize − 1}
     * @param test     cached blocks of the test samples
     */
    public DistributedTrainer(JavaSparkContext sc, JavaRDD<SampleBlock> training, int trainingFirst, int trainingSize,
                              JavaRDD<SampleBlock> test, int testSize) {
        this.sc = sc;
        this.training = training;
        this.trainingFirst = trainingFirst;
        this.trainingSize = trainingSize;
        this.test = test;
        this.testSize = testSize;
    }

    /** Trains {@code network} in place, evaluating on the test RDD after each epoch. */
    public List<EpochResult> train(Network network, SgdSettings settings, TrainingListener listener) {
        return Sgd.train(network, this, settings, listener);
    }

    @Override
    public int trainingFirst() {
        return trainingFirst;
    }

    @Override
    public int trainingSize() {
        return trainingSize;
    }

    @Override
    public int testSize() {
        return testSize;
    }

    @Override
    public void describeStep(int epoch, int step, int steps) {
        sc.setJobDescription("epoch " + epoch + ", step " + step + "/" + steps);
    }

    /** One Spark job: nablaW and nablaB summed over the mini-batch's members, across all partitions. */
    @Override
    public Gradient summedGradient(Network network, int[] members) {
        Broadcast<Network> weights = sc.broadcast(network);
        try {
            return training.treeAggregate(Gradient.zero(),
                    (sum, block) -> {
                        Batch batch = block.select(members);
                        return batch == null ? sum : sum.add(Backprop.gradient(weights.value(), batch));
                    },
                    Gradient::add);
        } finally {
            // 5,000 steps an epoch: every step's broadcast must go, on the executors and the driver.
            weights.destroy();
        }
    }

    /** How many test images the network classifies correctly, counted where the test blocks are cached. */
    @Override
    public int evaluate(Network network) {
        sc.setJobDescription("evaluating on " + testSize + " test images");
        Broadcast<Network> weights = sc.broadcast(network);
        try {
            return test.map(block -> block.countCorrect(weights.value())).reduce(Integer::sum);
        } finally {
            weights.destroy();
        }
    }
}
