package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.data.SampleRdd;
import sparkprop.metrics.Monitoring;
import sparkprop.network.Batch;
import sparkprop.network.Cost;
import sparkprop.network.Network;

/** network2.py's monitoring figures, against a computation written out here, on one thread and on Spark. */
class MonitoringTest {

    @TempDir
    Path dataDir;

    @Test
    void trainingCostWithTheL2TermAndAccuraciesMatchTheBookFormulas() throws IOException {
        Mnist mnist = SmallRun.write(dataDir);
        SampleBlock training = mnist.training().read();
        SampleBlock test = mnist.test().read();
        Network network = Network.gaussian(SmallRun.SIZES, 4);
        SgdSettings settings = new SgdSettings(1, 10, 0.5, 1, 0, Cost.CROSS_ENTROPY, 5.0);

        // C = −(1/n) Σ_x Σ_j [y ln a + (1 − y) ln(1 − a)] + (λ/2n) Σ w², written out from the book's equations 63 and 85.
        double sum = 0;
        int correct = 0;
        for (int i = 0; i < training.size(); i++) {
            Batch one = training.select(new int[] {i});
            double[] a = network.feedforward(one.inputs()).data;
            for (int j = 0; j < a.length; j++) {
                double y = j == one.labels()[0] ? 1 : 0;
                sum -= y * Math.log(a[j]) + (1 - y) * Math.log(1 - a[j]);
            }
            correct += network.countCorrect(one);
        }
        double squares = 0;
        for (int l = 0; l < network.layers(); l++) {
            for (double w : network.weights(l).data) {
                squares += w * w;
            }
        }
        double expectedCost = sum / training.size() + 5.0 / (2 * training.size()) * squares;

        Monitoring sequential = new SequentialTrainer(training, test, test, null).monitor(network, settings, 0);
        assertEquals(expectedCost, sequential.trainingCost(), 1e-9);
        assertEquals((double) correct / training.size(), sequential.trainingAccuracy(), 0.0);
        assertEquals((double) test.countCorrect(network) / test.size(), sequential.validationAccuracy(), 0.0, "the test set stands in for validation here");

        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("MonitoringTest"))) {
            SparkData data = new SparkData(sc, SampleRdd.cache(sc, mnist.training(), 3, "training"), 0, SmallRun.TRAINING,
                    SampleRdd.cache(sc, mnist.test(), 2, "test"), SmallRun.TEST, SampleRdd.cache(sc, mnist.test(), 2, "validation"));
            Monitoring spark = new DistributedTrainer(data).monitor(network, settings, 0);
            assertEquals(sequential.trainingCost(), spark.trainingCost(), 1e-9);
            assertEquals(sequential.trainingAccuracy(), spark.trainingAccuracy(), 0.0);
            assertEquals(sequential.validationAccuracy(), spark.validationAccuracy(), 0.0);
        }
    }
}
