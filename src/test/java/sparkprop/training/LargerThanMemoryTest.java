package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;
import org.junit.jupiter.api.Test;

import sparkprop.Project;
import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.data.SampleRdd;
import sparkprop.io.StoragePath;
import sparkprop.metrics.EpochResult;
import sparkprop.network.Network;

/**
 * Data larger than the executors' storage memory: with spark.memory.fraction made tiny, 20,000
 * MNIST images (15.7 MB) meet about 4 MB of storage memory. The blocks that do not fit go to local
 * disk, the driver's line says so and why, and the exact mode still ends with the sequential
 * trainer's weights.
 */
class LargerThanMemoryTest {

    private static final int SAMPLES = 20000;
    private static final long STORAGE_BYTES = 4L << 20;

    @Test
    void blocksThatDoNotFitGoToDiskAndTheWeightsAreTheSequentialTrainers() {
        Mnist mnist = Mnist.open(StoragePath.of(Project.realMnist()), SAMPLES);
        SgdSettings sgd = new SgdSettings(1, 100, 3.0, 4);
        int[] sizes = {784, 30, 10};
        Network expected = Network.gaussian(sizes, sgd.seed());
        List<EpochResult> oracle = SequentialTrainer.train(expected, mnist.training().read(), mnist.test().read(), sgd, TrainingListener.NONE);

        // Spark's unified memory is (heap - 300 MB) x spark.memory.fraction; storage may use all of it.
        double fraction = (double) STORAGE_BYTES / (Runtime.getRuntime().maxMemory() - (300L << 20));
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("LargerThanMemoryTest")
                .set("spark.memory.fraction", Double.toString(fraction));
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            JavaRDD<SampleBlock> training = SampleRdd.cache(sc, mnist.training(), 2, "training data");
            JavaRDD<SampleBlock> test = SampleRdd.cache(sc, mnist.test(), 2, "test data");
            RDDInfo info = SampleRdd.storageInfo(sc, training).orElseThrow();
            assertTrue(info.diskSize() > 0 && info.memSize() < STORAGE_BYTES, "part of the training data is on disk: " + info);
            assertEquals(2, info.numCachedPartitions(), "every block is kept, in memory or on disk");
            String line = SampleRdd.describe(sc, training, SAMPLES);
            assertTrue(line.matches("training data: 20000 samples in 2 partitions, 2 of them cached \\(\\d+\\.\\d MB in memory, \\d+\\.\\d MB on the"
                    + " executors' local disks: more than their storage memory holds \\(\\d\\.\\d MB in all, .*"), line);

            Network distributed = Network.gaussian(sizes, sgd.seed());
            List<EpochResult> results = new DistributedTrainer(new SparkData(sc, training, 0, SAMPLES, test, mnist.test().size()))
                    .train(distributed, sgd, TrainingListener.NONE);
            assertEquals(0.0, distributed.maxAbsDifference(expected), 1e-9);
            assertEquals(oracle.get(0).correct(), results.get(0).correct());
        }
    }
}
