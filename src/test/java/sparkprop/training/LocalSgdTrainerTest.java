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

import sparkprop.data.DataSlice;
import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.metrics.EpochResult;
import sparkprop.network.Backprop;
import sparkprop.network.Network;

class LocalSgdTrainerTest {

    @TempDir
    static Path dataDir;

    private static Mnist mnist;
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() throws IOException {
        mnist = SmallRun.write(dataDir);
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("LocalSgdTrainerTest"));
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    /** With one partition there is nothing to average: local SmallRun.SGD is the book's SmallRun.SGD. */
    @Test
    void onOnePartitionItIsTheSequentialTrainer() {
        Network expected = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        SequentialTrainer.train(expected, mnist.training().read(), mnist.test().read(), SmallRun.SGD, TrainingListener.NONE);

        Network local = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        List<EpochResult> results = Sgd.train(local, new LocalSgdTrainer(data(1), 7), SmallRun.SGD, TrainingListener.NONE);

        assertEquals(0.0, local.maxAbsDifference(expected), 1e-9);
        assertEquals(5, results.get(0).steps(), "31 mini-batches, 7 per synchronization");
    }

    /** On three partitions: the average, after every K local steps, of what each partition's own SmallRun.SGD gives. */
    @Test
    void onThreePartitionsItAveragesEachPartitionsOwnSteps() {
        int syncEvery = 4;
        Network expected = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        List<DataSlice> slices = ((DataSlice) mnist.training()).split(3);
        for (int epoch = 0; epoch < SmallRun.SGD.epochs(); epoch++) {
            MiniBatches all = MiniBatches.shuffled(0, SmallRun.TRAINING, SmallRun.SGD.miniBatchSize(), SmallRun.SGD.seed(), epoch);
            for (int round = 0; round * syncEvery < 11; round++) {
                Network sum = null;
                int stepped = 0;
                for (DataSlice slice : slices) {
                    SampleBlock block = slice.read();
                    MiniBatches mine = all.within(block.first(), block.size());
                    int from = round * syncEvery;
                    int to = Math.min(mine.count(), from + syncEvery);
                    if (from >= to) {
                        continue; // a partition whose epoch is over takes no part in the average
                    }
                    Network copy = expected.copy();
                    for (int k = from; k < to; k++) {
                        copy.update(Backprop.gradient(copy, block.select(mine.members(k))), SmallRun.SGD.eta());
                    }
                    if (sum == null) {
                        sum = copy;
                    } else {
                        sum.add(copy);
                    }
                    stepped++;
                }
                sum.scale(1.0 / stepped);
                expected = sum;
            }
        }

        Network local = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        List<EpochResult> results = Sgd.train(local, new LocalSgdTrainer(data(3), syncEvery), SmallRun.SGD, TrainingListener.NONE);

        assertEquals(3, results.get(0).steps(), "102 samples per partition: 11 mini-batches, 4 per synchronization");
        assertEquals(0.0, local.maxAbsDifference(expected), 1e-9);
        assertTrue(local.maxAbsDifference(Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed())) > 0.01);
    }

    private static SparkData data(int partitions) {
        return SmallRun.cache(sc, mnist, partitions);
    }
}
