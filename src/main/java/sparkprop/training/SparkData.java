package sparkprop.training;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import sparkprop.data.SampleBlock;
import sparkprop.network.Network;

/**
 * The cached training and test RDDs that the Spark trainers share, with the one evaluation they
 * both run.
 *
 * @param training      cached blocks of samples {@code trainingFirst} to {@code trainingFirst + trainingSize − 1}
 * @param test          cached blocks of the {@code testSize} test samples
 */
public record SparkData(JavaSparkContext sc, JavaRDD<SampleBlock> training, int trainingFirst, int trainingSize,
                        JavaRDD<SampleBlock> test, int testSize) {

    /** Epoch {@code epoch}'s mini-batches of the training samples. */
    public MiniBatches miniBatches(SgdSettings settings, int epoch) {
        return MiniBatches.shuffled(trainingFirst, trainingSize, settings.miniBatchSize(), settings.seed(), epoch);
    }

    /** How many test images the network classifies correctly, counted where the test blocks are cached. */
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
