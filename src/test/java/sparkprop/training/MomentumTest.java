package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.io.StoragePath;
import sparkprop.network.Backprop;
import sparkprop.network.Cost;
import sparkprop.network.Gradient;
import sparkprop.network.Network;
import sparkprop.network.Targets;
import sparkprop.network.Velocity;

/**
 * Chapter 3's momentum-based gradient descent (v → μv − eta·∇C, w → w + v): the sequential trainer
 * against the rule applied by hand to Backprop's gradients, the exact Spark trainer against the
 * sequential one, and a run resumed from a checkpoint against one that never stopped.
 */
class MomentumTest {

    private static final SgdSettings MOMENTUM = new SgdSettings(2, 10, 0.5, 17, 0, Cost.CROSS_ENTROPY, 2.0, Targets.ONE_HOT, 0.6);

    @TempDir
    static Path dir;

    private static Mnist mnist;
    private static SampleBlock training;
    private static SampleBlock test;

    @BeforeAll
    static void write() throws IOException {
        mnist = SmallRun.write(dir.resolve("data"));
        training = mnist.training().read();
        test = mnist.test().read();
    }

    /** Two epochs of the trainer against the same steps written out: v and w per the book's rule, L2 term included. */
    @Test
    void theSequentialTrainerTakesTheBooksMomentumSteps() {
        Network expected = Network.scaledGaussian(SmallRun.SIZES, MOMENTUM.seed());
        int layers = expected.layers();
        double[][] vw = new double[layers][];
        double[][] vb = new double[layers][];
        for (int l = 0; l < layers; l++) {
            vw[l] = new double[expected.weights(l).data.length];
            vb[l] = new double[expected.biases(l).length];
        }
        int n = training.size();
        for (int epoch = 0; epoch < MOMENTUM.epochs(); epoch++) {
            MiniBatches batches = MiniBatches.shuffled(0, n, MOMENTUM.miniBatchSize(), MOMENTUM.seed(), epoch);
            for (int k = 0; k < batches.count(); k++) {
                Gradient g = Backprop.gradient(expected, training.select(batches.members(k)), MOMENTUM.cost(), MOMENTUM.targets());
                double eta = MOMENTUM.eta();
                for (int l = 0; l < layers; l++) {
                    double[] w = expected.weights(l).data;
                    for (int i = 0; i < w.length; i++) {
                        double gradient = MOMENTUM.lambda() / n * w[i] + g.nablaW(l)[i] / g.samples();
                        vw[l][i] = MOMENTUM.momentum() * vw[l][i] - eta * gradient;
                        w[i] += vw[l][i];
                    }
                    double[] b = expected.biases(l);
                    for (int j = 0; j < b.length; j++) {
                        vb[l][j] = MOMENTUM.momentum() * vb[l][j] - eta * g.nablaB(l)[j] / g.samples();
                        b[j] += vb[l][j];
                    }
                }
            }
        }

        Network trained = Network.scaledGaussian(SmallRun.SIZES, MOMENTUM.seed());
        Velocity velocity = Velocity.zero(SmallRun.SIZES);
        Sgd.train(trained, new SequentialTrainer(training, null, test, velocity), MOMENTUM, TrainingListener.NONE);

        assertEquals(0.0, trained.maxAbsDifference(expected), 1e-12);
        assertEquals(0.0, velocity.maxAbsDifference(Velocity.of(vw, vb)), 1e-12);
        Network withoutMomentum = Network.scaledGaussian(SmallRun.SIZES, MOMENTUM.seed());
        SequentialTrainer.train(withoutMomentum, training, test, MOMENTUM.withMomentum(0), TrainingListener.NONE);
        assertTrue(trained.maxAbsDifference(withoutMomentum) > 1e-3, "momentum changes the weights");
    }

    /** The exact Spark trainer with momentum, on 1 and 3 partitions, equals the sequential trainer with momentum. */
    @Test
    void theSparkTrainerWithMomentumEqualsTheSequentialTrainer() {
        Network expected = Network.scaledGaussian(SmallRun.SIZES, MOMENTUM.seed());
        Sgd.train(expected, new SequentialTrainer(training, null, test, null), MOMENTUM, TrainingListener.NONE);
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("MomentumTest"))) {
            for (int partitions : new int[] {1, 3}) {
                Network distributed = Network.scaledGaussian(SmallRun.SIZES, MOMENTUM.seed());
                Sgd.train(distributed, new DistributedTrainer(SmallRun.cache(sc, mnist, partitions), null), MOMENTUM, TrainingListener.NONE);
                assertEquals(0.0, distributed.maxAbsDifference(expected), 1e-9, partitions + " partitions");
            }
        }
    }

    /** Stopped after epoch 0 and resumed from its checkpoint, a run with momentum ends with the uninterrupted run's weights. */
    @Test
    void aResumedRunGoesOnWithTheCheckpointsVelocities() {
        SgdSettings threeEpochs = new SgdSettings(3, 10, 0.5, 17, 0, Cost.CROSS_ENTROPY, 2.0, Targets.ONE_HOT, 0.6);
        Network whole = Network.scaledGaussian(SmallRun.SIZES, threeEpochs.seed());
        Sgd.train(whole, new SequentialTrainer(training, null, test, null), threeEpochs, TrainingListener.NONE);

        Network first = Network.scaledGaussian(SmallRun.SIZES, threeEpochs.seed());
        Velocity velocity = Velocity.zero(SmallRun.SIZES);
        CheckpointDirectory checkpoints = new CheckpointDirectory(StoragePath.of(dir.resolve("checkpoints")));
        SgdSettings oneEpoch = new SgdSettings(1, 10, 0.5, 17, 0, Cost.CROSS_ENTROPY, 2.0, Targets.ONE_HOT, 0.6);
        Sgd.train(first, new SequentialTrainer(training, null, test, velocity), oneEpoch,
                new Checkpointer(checkpoints, first, velocity, Map.of(), List.of()));
        Checkpoint checkpoint = checkpoints.newestValid(e -> { }).orElseThrow();

        Network resumed = checkpoint.network();
        Sgd.train(resumed, new SequentialTrainer(training, null, test, checkpoint.velocity()), threeEpochs, TrainingListener.NONE,
                checkpoint.epoch() + 1);
        assertEquals(0.0, resumed.maxAbsDifference(whole), "the resumed run's weights are the uninterrupted run's");

        Network fromRest = checkpoint.network();
        Sgd.train(fromRest, new SequentialTrainer(training, null, test, null), threeEpochs, TrainingListener.NONE, checkpoint.epoch() + 1);
        assertTrue(fromRest.maxAbsDifference(whole) > 1e-6, "without the saved velocities the run would differ");
    }
}
