package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.metrics.EpochResult;
import sparkprop.network.Network;

/**
 * The deadline mode: with a deadline every partition meets it takes the blocks of local SGD and
 * gives its weights (on one partition, the sequential trainer's); with one partition that is slow,
 * the others go on without it, its untaken samples are counted, and the network still learns.
 */
class DeadlineTrainerTest {

    @TempDir
    static Path dataDir;

    private static Mnist mnist;
    private static JavaSparkContext sc;
    /** A deadline no block of this small run comes near. */
    private static final BlockDeadline NEVER_REACHED = new BlockDeadline(600_000);
    private static final BlockUpdate BLOCK_MOMENTUM = new BlockUpdate(1, 0.5);

    @BeforeAll
    static void start() throws IOException {
        mnist = SmallRun.write(dataDir);
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("DeadlineTrainerTest"));
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    @Test
    void onOnePartitionItIsTheSequentialTrainer() {
        Network expected = SmallRun.sequential(mnist);
        Network deadline = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        try (DeadlineTrainer trainer = new DeadlineTrainer(SmallRun.cache(sc, mnist, 1), 7, BlockUpdate.AVERAGE, NEVER_REACHED, null)) {
            List<EpochResult> results = Sgd.train(deadline, trainer, SmallRun.SGD, TrainingListener.NONE);
            assertEquals(5, results.get(0).steps(), "31 mini-batches, 7 per block");
            assertEquals(0, trainer.samplesSkipped());
        }
        assertEquals(0.0, deadline.maxAbsDifference(expected), 1e-9);
    }

    /** 305 samples in 5 partitions of 61: every block's moves have equal weights, as local SGD's average has. */
    @Test
    void whenEveryPartitionMeetsTheDeadlineItGivesTheWeightsOfLocalSgd() {
        SparkData data = SmallRun.cache(sc, mnist, 5);
        Network expected = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        Sgd.train(expected, new LocalSgdTrainer(data, 3, BLOCK_MOMENTUM, null), SmallRun.SGD, TrainingListener.NONE);
        Network deadline = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        try (DeadlineTrainer trainer = new DeadlineTrainer(data, 3, BLOCK_MOMENTUM, NEVER_REACHED, null)) {
            Sgd.train(deadline, trainer, SmallRun.SGD, TrainingListener.NONE);
            assertEquals(0, trainer.samplesSkipped());
        }
        assertEquals(0.0, deadline.maxAbsDifference(expected), 1e-9);
    }

    /** Partition 1 sleeps 300 ms whenever it is read (every block): the others take all their steps without waiting for it. */
    @Test
    void aSlowPartitionTakesFewerStepsAndTheRestGoOn() {
        SparkData cached = SmallRun.cache(sc, mnist, 2);
        JavaRDD<SampleBlock> slow = cached.training().mapPartitionsWithIndex((partition, blocks) -> {
            if (partition == 1) {
                Thread.sleep(300);
            }
            return blocks;
        }, true);
        SparkData data = new SparkData(sc, slow, 0, SmallRun.TRAINING, cached.test(), SmallRun.TEST);
        Network network = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        SgdSettings settings = new SgdSettings(4, 10, 3.0, 17);
        long skippedFast;
        long skippedSlow;
        List<EpochResult> results;
        try (DeadlineTrainer trainer = new DeadlineTrainer(data, 2, BLOCK_MOMENTUM, BlockDeadline.AUTO, null)) {
            results = Sgd.train(network, trainer, settings, TrainingListener.NONE);
            skippedFast = trainer.samplesSkipped(0);
            skippedSlow = trainer.samplesSkipped(1);
        }
        // Partition 0 (152 samples, 16 mini-batches) takes 8 blocks of 2 steps in a few ms each; partition 1 (153) at 300 ms a block cannot keep pace.
        assertEquals(0, skippedFast, "the partition that meets every deadline takes all its samples");
        assertTrue(skippedSlow > 0, "the slow partition's untaken samples are counted");
        assertTrue(skippedSlow <= 4 * 153, "at most all of the slow partition's samples, in each of 4 epochs: " + skippedSlow);
        EpochResult last = results.get(results.size() - 1);
        // Local SGD with both partitions undisturbed gets 82 of the 100 after these 4 epochs; this run 38 to 60 here, as its
        // late moves arrive (from older weights) on a busy or an idle machine; chance is 10.
        assertTrue(last.correct() > 0.25 * SmallRun.TEST, "it learns from what arrives: " + last.correct() + " / " + SmallRun.TEST);
    }
}
