package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.data.Mnist;
import sparkprop.metrics.EpochResult;
import sparkprop.network.Network;

/**
 * {@code --precision float32} in the trainers: local SGD's float steps are the float sequential
 * trainer's where there is nothing to average, and a float run stays near the double run, its oracle.
 */
class Float32TrainingTest {

    private static final SgdSettings FLOAT = SmallRun.SGD.withPrecision(Precision.FLOAT32);

    @TempDir
    static Path dataDir;

    private static Mnist mnist;
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() throws IOException {
        mnist = SmallRun.write(dataDir);
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("Float32TrainingTest"));
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    /**
     * On one partition each block's float steps continue where the last block's ended: the weights
     * go back to double between blocks, exactly, and the driver's w + (w̄ − w) rounds back to the
     * same floats. So the run is the float sequential trainer's, step for step.
     */
    @Test
    void onOnePartitionFloatLocalSgdIsTheFloatSequentialTrainer() {
        Network expected = Network.gaussian(SmallRun.SIZES, FLOAT.seed());
        SequentialTrainer.train(expected, mnist.training().read(), mnist.test().read(), FLOAT, TrainingListener.NONE);

        Network local = Network.gaussian(SmallRun.SIZES, FLOAT.seed());
        List<EpochResult> results = Sgd.train(local, new LocalSgdTrainer(SmallRun.cache(sc, mnist, 1), 7), FLOAT, TrainingListener.NONE);

        assertEquals(5, results.get(0).steps(), "31 mini-batches, 7 per synchronization");
        assertEquals(0.0, local.maxAbsDifference(expected), 1e-12);
    }

    /**
     * The double run is the oracle. Float rounds each number to within 2⁻²⁴ (6·10⁻⁸) of itself, and
     * each of the 62 steps at eta = 3 adds its errors to those of the steps before. The weights must
     * stay within 10⁻⁵ of double's while they move by more than 1 over the run (measured: 7.5·10⁻⁷
     * here, 1.2·10⁻⁶ on two partitions), and the test accuracy within 2 of the 100 samples.
     */
    @Test
    void theFloatSequentialRunStaysNearTheDoubleRun() {
        Network inDouble = Network.gaussian(SmallRun.SIZES, FLOAT.seed());
        List<EpochResult> doubleResults = SequentialTrainer.train(inDouble, mnist.training().read(), mnist.test().read(), SmallRun.SGD,
                TrainingListener.NONE);
        Network inFloat = Network.gaussian(SmallRun.SIZES, FLOAT.seed());
        List<EpochResult> floatResults = SequentialTrainer.train(inFloat, mnist.training().read(), mnist.test().read(), FLOAT,
                TrainingListener.NONE);

        assertTrue(inDouble.maxAbsDifference(Network.gaussian(SmallRun.SIZES, FLOAT.seed())) > 1, "the run moves the weights");
        double difference = inFloat.maxAbsDifference(inDouble);
        assertTrue(difference > 0, "float rounds differently from double");
        assertEquals(0.0, difference, 1e-5);
        assertEquals(doubleResults.get(1).correct(), floatResults.get(1).correct(), 2);
    }

    /** On two partitions, float local SGD against double local SGD: the same blocks, near the same weights. */
    @Test
    void floatLocalSgdStaysNearDoubleLocalSgd() {
        SparkData data = SmallRun.cache(sc, mnist, 2);
        Network inDouble = Network.gaussian(SmallRun.SIZES, FLOAT.seed());
        List<EpochResult> doubleResults = Sgd.train(inDouble, new LocalSgdTrainer(data, 4), SmallRun.SGD, TrainingListener.NONE);
        Network inFloat = Network.gaussian(SmallRun.SIZES, FLOAT.seed());
        List<EpochResult> floatResults = Sgd.train(inFloat, new LocalSgdTrainer(data, 4), FLOAT, TrainingListener.NONE);

        assertEquals(doubleResults.get(1).steps(), floatResults.get(1).steps());
        double difference = inFloat.maxAbsDifference(inDouble);
        assertTrue(difference > 0, "float rounds differently from double");
        assertEquals(0.0, difference, 1e-5);
        assertEquals(doubleResults.get(1).correct(), floatResults.get(1).correct(), 2);
    }
}
