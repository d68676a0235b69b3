package sparkprop.training;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;

import sparkprop.data.SampleBlock;
import sparkprop.data.SampleSource;
import sparkprop.metrics.Monitoring;
import sparkprop.metrics.Score;
import sparkprop.network.Cost;
import sparkprop.network.Network;
import sparkprop.network.Precision;
import sparkprop.network.Targets;

/**
 * The cached training and test RDDs that the Spark trainers share, with the one evaluation they
 * both run. Evaluation and monitoring count with named accumulators ("test correct", "training
 * cost sum", ...) in an action, where Spark applies each task's count once even when a task is run
 * again; so each epoch's figures are in Spark's own records too, on the stage of a job described
 * "epoch E: ...": the web UI, the event log and the History Server show them.
 *
 * @param training      cached blocks of samples {@code trainingFirst} to {@code trainingFirst + trainingSize − 1}
 * @param test          cached blocks of the {@code testSize} test samples
 * @param validation    cached blocks of the validation samples, or null for none
 */
public record SparkData(JavaSparkContext sc, JavaRDD<SampleBlock> training, int trainingFirst, int trainingSize,
                        JavaRDD<SampleBlock> test, int testSize, JavaRDD<SampleBlock> validation) {

    /** What each data set's accumulators count: "test correct", "training cost sum", ... ({@link #accumulator}). */
    public static final String CORRECT = "correct";
    public static final String SAMPLES = "samples";
    public static final String COST_SUM = "cost sum";
    /** The names of the evaluation's accumulators, as the UI and the event log show them. */
    public static final String TEST_CORRECT = accumulator("test", CORRECT);
    public static final String TEST_SAMPLES = accumulator("test", SAMPLES);
    /** The words before the L2 term in a monitoring job's description. */
    public static final String L2_TERM = "L2 term";

    /** The data without a validation set. */
    public SparkData(JavaSparkContext sc, JavaRDD<SampleBlock> training, int trainingFirst, int trainingSize,
                     JavaRDD<SampleBlock> test, int testSize) {
        this(sc, training, trainingFirst, trainingSize, test, testSize, null);
    }

    /**
     * How many training samples partition {@code p} holds. Every source (an IDX file, its shards, a
     * table) splits its samples into contiguous ranges as {@link SampleSource#partitionStart} says,
     * so the driver knows the sizes without a Spark job to count them.
     */
    public int trainingPartitionSize(int p) {
        int parts = training.getNumPartitions();
        return SampleSource.partitionStart(trainingFirst, trainingSize, parts, p + 1)
                - SampleSource.partitionStart(trainingFirst, trainingSize, parts, p);
    }

    /** The samples of the largest training partition ({@link #trainingPartitionSize}). */
    public int largestTrainingPartition() {
        int largest = 0;
        for (int p = 0; p < training.getNumPartitions(); p++) {
            largest = Math.max(largest, trainingPartitionSize(p));
        }
        return largest;
    }

    /** Epoch {@code epoch}'s mini-batches of the training samples. */
    public MiniBatches miniBatches(SgdSettings settings, int epoch) {
        return MiniBatches.shuffled(trainingFirst, trainingSize, settings.miniBatchSize(), settings.seed(), epoch);
    }

    /** network2.py's monitoring after epoch {@code epoch}, each figure counted where its blocks are cached. */
    public Monitoring monitor(Network network, SgdSettings settings, int epoch) {
        double l2Term = Trainer.l2Term(network, settings, trainingSize);
        // The L2 term is the driver's figure, so the job's description carries it to Spark's records.
        Score trainingScore = score(training, network, settings, "epoch " + epoch + ": monitoring, cost and accuracy on the training data"
                + (l2Term != 0 ? ", " + L2_TERM + " " + l2Term : ""), "training");
        Score validationScore = validation == null ? Score.NONE
                : score(validation, network, settings, "epoch " + epoch + ": monitoring, accuracy on the validation data", "validation");
        return Monitoring.of(trainingScore, validationScore, l2Term);
    }

    /** The name of the accumulator counting {@code figure} on the data set {@code data}, e.g. "training cost sum". */
    public static String accumulator(String data, String figure) {
        return data + " " + figure;
    }

    /** Cost and accuracy on {@code blocks}, counted into accumulators named after {@code name}. */
    private Score score(JavaRDD<SampleBlock> blocks, Network network, SgdSettings settings, String description, String name) {
        sc.setJobDescription(description);
        DoubleAccumulator costSum = sc.sc().doubleAccumulator(accumulator(name, COST_SUM));
        LongAccumulator correct = sc.sc().longAccumulator(accumulator(name, CORRECT));
        LongAccumulator samples = sc.sc().longAccumulator(accumulator(name, SAMPLES));
        Broadcast<Network> weights = sc.broadcast(network);
        Cost cost = settings.cost();
        Targets targets = settings.targets();
        try {
            blocks.foreach(block -> {
                Score score = block.score(weights.value(), cost, targets);
                costSum.add(score.costSum());
                correct.add(score.correct());
                samples.add(score.samples());
            });
            return new Score(costSum.sum(), correct.sum(), samples.sum());
        } finally {
            weights.destroy();
        }
    }

    /**
     * How many test images the network classifies correctly after epoch {@code epoch}, fed forward
     * in {@code precision}, counted where the test blocks are cached.
     */
    public int evaluate(Network network, Precision precision, int epoch) {
        sc.setJobDescription("epoch " + epoch + ": evaluating on " + testSize + " test images");
        LongAccumulator correct = sc.sc().longAccumulator(TEST_CORRECT);
        LongAccumulator samples = sc.sc().longAccumulator(TEST_SAMPLES);
        Broadcast<Network> weights = sc.broadcast(network);
        try {
            test.foreach(block -> {
                correct.add(block.countCorrect(weights.value(), precision));
                samples.add(block.size());
            });
            return Math.toIntExact(correct.sum());
        } finally {
            weights.destroy();
        }
    }
}
