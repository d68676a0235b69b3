package sparkprop.training;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import sparkprop.data.SampleBlock;
import sparkprop.metrics.Monitoring;
import sparkprop.metrics.Score;
import sparkprop.network.Cost;
import sparkprop.network.Network;
import sparkprop.network.Targets;

/**
 * The cached training and test RDDs that the Spark trainers share, with the one evaluation they
 * both run.
 *
 * @param training      cached blocks of samples {@code trainingFirst} to {@code trainingFirst + trainingSize − 1}
 * @param test          cached blocks of the {@code testSize} test samples
 * @param validation    cached blocks of the validation samples, or null for none
 */
public record SparkData(JavaSparkContext sc, JavaRDD<SampleBlock> training, int trainingFirst, int trainingSize,
                        JavaRDD<SampleBlock> test, int testSize, JavaRDD<SampleBlock> validation) {

    /** The data without a validation set. */
    public SparkData(JavaSparkContext sc, JavaRDD<SampleBlock> training, int trainingFirst, int trainingSize,
                     JavaRDD<SampleBlock> test, int testSize) {
        this(sc, training, trainingFirst, trainingSize, test, testSize, null);
    }

    /** Epoch {@code epoch}'s mini-batches of the training samples. */
    public MiniBatches miniBatches(SgdSettings settings, int epoch) {
        return MiniBatches.shuffled(trainingFirst, trainingSize, settings.miniBatchSize(), settings.seed(), epoch);
    }

    /** network2.py's monitoring, each figure counted where its blocks are cached. */
    public Monitoring monitor(Network network, SgdSettings settings) {
        Score validationScore = validation == null ? Score.NONE : score(validation, network, settings, "validation");
        return Monitoring.of(score(training, network, settings, "training"), validationScore,
                Trainer.l2Term(network, settings, trainingSize));
    }

    private Score score(JavaRDD<SampleBlock> blocks, Network network, SgdSettings settings, String name) {
        sc.setJobDescription("monitoring: cost and accuracy on the " + name + " data");
        Broadcast<Network> weights = sc.broadcast(network);
        Cost cost = settings.cost();
        Targets targets = settings.targets();
        try {
            return blocks.map(block -> block.score(weights.value(), cost, targets)).reduce(Score::plus);
        } finally {
            weights.destroy();
        }
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
