package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.Project;
import sparkprop.data.Mnist;
import sparkprop.data.SampleRdd;
import sparkprop.io.StoragePath;
import sparkprop.metrics.EpochResult;
import sparkprop.network.Network;

/**
 * The distributed trainer against its oracle, the sequential trainer: same seed, same data, same
 * weights after every epoch, whatever the number of partitions and local threads.
 */
class DistributedTrainerTest {

    @TempDir
    static Path dataDir;

    private static Mnist mnist;
    private static Network sequential;
    private static List<EpochResult> sequentialResults;

    @BeforeAll
    static void trainTheOracle() throws IOException {
        mnist = SmallRun.write(dataDir);
        sequential = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        sequentialResults = SequentialTrainer.train(sequential, mnist.training().read(), mnist.test().read(), SmallRun.SGD, TrainingListener.NONE);
    }

    @Test
    void localOneThreadMatchesTheSequentialTrainerOnOneTwoAndThreePartitions() {
        matchesTheSequentialTrainer("local[1]");
    }

    @Test
    void localTwoThreadsMatchesTheSequentialTrainerOnOneTwoAndThreePartitions() {
        matchesTheSequentialTrainer("local[2]");
    }

    /** Chapter 3 and Rashid on Spark: cross-entropy, L2 and 0.01/0.99 targets give the sequential trainer's weights too. */
    @Test
    void crossEntropyL2AndRashidTargetsMatchTheSequentialTrainer() {
        SgdSettings chapter3 = new SgdSettings(1, 10, 0.5, 3, 0, sparkprop.network.Cost.CROSS_ENTROPY, 1.0,
                sparkprop.network.Targets.RASHID);
        Network expected = Network.scaledGaussian(SmallRun.SIZES, chapter3.seed());
        SequentialTrainer.train(expected, mnist.training().read(), mnist.test().read(), chapter3, TrainingListener.NONE);
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("DistributedTrainerTest"))) {
            Network distributed = Network.scaledGaussian(SmallRun.SIZES, chapter3.seed());
            new DistributedTrainer(SmallRun.cache(sc, mnist, 3)).train(distributed, chapter3, TrainingListener.NONE);
            assertEquals(0.0, distributed.maxAbsDifference(expected), 1e-9);
            assertTrue(distributed.maxAbsDifference(Network.scaledGaussian(SmallRun.SIZES, chapter3.seed())) > 0.01);
        }
    }

    /** Any depth: four weight layers, like the book's [784, 40, 30, 20, 10]. */
    @Test
    void deepNetworkMatchesTheSequentialTrainer() {
        int[] deep = {36, 20, 15, 12, 10};
        SgdSettings sgd = new SgdSettings(1, 7, 3.0, 5);
        Network expected = Network.gaussian(deep, sgd.seed());
        SequentialTrainer.train(expected, mnist.training().read(), mnist.test().read(), sgd, TrainingListener.NONE);
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("DistributedTrainerTest"))) {
            DistributedTrainer trainer = new DistributedTrainer(SmallRun.cache(sc, mnist, 2));
            Network distributed = Network.gaussian(deep, sgd.seed());
            trainer.train(distributed, sgd, TrainingListener.NONE);
            assertEquals(0.0, distributed.maxAbsDifference(expected), 1e-9);
            assertTrue(distributed.maxAbsDifference(Network.gaussian(deep, sgd.seed())) > 0.01);
        }
    }

    /**
     * Real MNIST, 1,000 steps of the book's headline run (the first 10,000 images, one epoch). Over
     * a whole 5,000-step epoch the two drift apart by rounding alone: see RoundingDrift and the
     * docs/REPRODUCIBILITY.md.
     */
    @Test
    void realMnistThousandStepsMatchTheSequentialTrainer() {
        Mnist real = Mnist.open(StoragePath.of(Project.realMnist()), 10_000);
        SgdSettings headline = new SgdSettings(1, 10, 3.0, 1);
        Network expected = Network.gaussian(new int[] {784, 30, 10}, headline.seed());
        SequentialTrainer.train(expected, real.training().read(), real.test().read(), headline, TrainingListener.NONE);
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("DistributedTrainerTest"))) {
            DistributedTrainer trainer = new DistributedTrainer(new SparkData(sc, SampleRdd.cache(sc, real.training(), 2, "training"), 0,
                    10_000, SampleRdd.cache(sc, real.test(), 2, "test"), real.test().size()));
            Network distributed = Network.gaussian(new int[] {784, 30, 10}, headline.seed());
            trainer.train(distributed, headline, TrainingListener.NONE);
            assertEquals(0.0, distributed.maxAbsDifference(expected), 1e-9);
        }
    }

    private void matchesTheSequentialTrainer(String master) {
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster(master).setAppName("DistributedTrainerTest"))) {
            for (int partitions = 1; partitions <= 3; partitions++) {
                SparkData data = SmallRun.cache(sc, mnist, partitions);
                DistributedTrainer trainer = new DistributedTrainer(data);
                Network distributed = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
                List<Integer> steps = new ArrayList<>();
                List<EpochResult> results = trainer.train(distributed, SmallRun.SGD, new TrainingListener() {
                    @Override
                    public void stepDone(int epoch, int step, int stepsInEpoch) {
                        steps.add(step);
                    }
                });

                String where = master + ", " + partitions + " partitions";
                assertEquals(0.0, distributed.maxAbsDifference(sequential), 1e-9, where);
                assertTrue(distributed.maxAbsDifference(Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed())) > 0.01, "the weights moved: " + where);
                assertEquals(2 * 31, steps.size(), where);
                assertEquals(sequentialResults.get(1).correct(), results.get(1).correct(), where);
                assertEquals(100, results.get(1).total());
                data.training().unpersist();
                data.test().unpersist();
            }
        }
    }
}
