package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import sparkprop.Project;
import sparkprop.data.ElasticDistortion;
import sparkprop.data.Mnist;
import sparkprop.data.SampleRdd;
import sparkprop.io.StoragePath;
import sparkprop.network.Network;

/**
 * --distort: every image distorted afresh each time it is drawn, as a function of (seed, epoch,
 * index), so the exact mode on Spark still gives the sequential trainer's weights, on any number
 * of partitions; and the distortions do change the run.
 */
class DistortedTrainingTest {

    @Test
    void theExactModeWithDistortionsGivesTheSequentialTrainersWeights() {
        Mnist mnist = Mnist.open(StoragePath.of(Project.realMnist()), 1000);
        int[] sizes = {784, 30, 10};
        SgdSettings distorted = new SgdSettings(2, 10, 3.0, 6).withDistortion(ElasticDistortion.SIMARD);
        Network expected = Network.gaussian(sizes, distorted.seed());
        SequentialTrainer.train(expected, mnist.training().read(), mnist.test().read(), distorted, TrainingListener.NONE);
        Network plain = Network.gaussian(sizes, distorted.seed());
        SequentialTrainer.train(plain, mnist.training().read(), mnist.test().read(), distorted.withDistortion(null), TrainingListener.NONE);
        assertTrue(plain.maxAbsDifference(expected) > 0.01, "distortions change the weights");

        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("DistortedTrainingTest"))) {
            for (int partitions : new int[] {2, 3}) {
                SparkData data = new SparkData(sc, SampleRdd.cache(sc, mnist.training(), partitions, "training " + partitions), 0, 1000,
                        SampleRdd.cache(sc, mnist.test(), partitions, "test " + partitions), mnist.test().size());
                Network distributed = Network.gaussian(sizes, distorted.seed());
                new DistributedTrainer(data).train(distributed, distorted, TrainingListener.NONE);
                assertEquals(0.0, distributed.maxAbsDifference(expected), 1e-9, partitions + " partitions");
            }
        }
    }
}
