package sparkprop.training;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.spark.api.java.JavaSparkContext;

import sparkprop.data.IdxWriter;
import sparkprop.data.Mnist;
import sparkprop.data.SampleRdd;
import sparkprop.io.StoragePath;
import sparkprop.network.Network;

/**
 * The small run the Spark trainer tests share: made-up 6×6 digits written as MNIST files, 305
 * training samples (so the last mini-batch of 10 is shorter and partitions hold unequal shares of
 * each batch) and 100 test samples, a [36, 15, 10] network, 2 epochs.
 */
final class SmallRun {

    static final int[] SIZES = {36, 15, 10};
    static final int TRAINING = 305;
    static final int TEST = 100;
    static final SgdSettings SGD = new SgdSettings(2, 10, 3.0, 17);

    private SmallRun() {
    }

    /** Writes the files into {@code directory} and opens them. */
    static Mnist write(Path directory) throws IOException {
        IdxWriter.writeDigits(directory, TRAINING, TEST, 6, 23, false);
        return Mnist.open(StoragePath.of(directory), 0);
    }

    /** The oracle: the sequential trainer's weights after {@link #SGD} from the seed's initial weights. */
    static Network sequential(Mnist mnist) {
        Network network = Network.gaussian(SIZES, SGD.seed());
        SequentialTrainer.train(network, mnist.training().read(), mnist.test().read(), SGD, TrainingListener.NONE);
        return network;
    }

    /** The data cached in {@code partitions} partitions. */
    static SparkData cache(JavaSparkContext sc, Mnist mnist, int partitions) {
        return new SparkData(sc, SampleRdd.cache(sc, mnist.training(), partitions, "training " + partitions), 0, TRAINING,
                SampleRdd.cache(sc, mnist.test(), partitions, "test " + partitions), TEST);
    }
}
