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
import sparkprop.data.SampleRdd;
import sparkprop.metrics.EpochResult;
import sparkprop.network.Backprop;
import sparkprop.network.Network;
import sparkprop.network.Precision;
import sparkprop.network.Velocity;

class LocalSgdTrainerTest {

    private static final SgdSettings FLOAT = SmallRun.SGD.withPrecision(Precision.FLOAT32);

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
        Network expected = SmallRun.sequential(mnist);

        Network local = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        List<EpochResult> results = Sgd.train(local, new LocalSgdTrainer(data(1), 7), SmallRun.SGD, TrainingListener.NONE);

        assertEquals(0.0, local.maxAbsDifference(expected), 1e-9);
        assertEquals(5, results.get(0).steps(), "31 mini-batches, 7 per synchronization");
    }

    /** On three partitions: the average, after every K local steps, of what each partition's own SmallRun.SGD gives. */
    @Test
    void onThreePartitionsItAveragesEachPartitionsOwnSteps() {
        Network local = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        List<EpochResult> results = Sgd.train(local, new LocalSgdTrainer(data(3), 4), SmallRun.SGD, TrainingListener.NONE);

        assertEquals(3, results.get(0).steps(), "102 samples per partition: 11 mini-batches, 4 per synchronization");
        assertEquals(0.0, local.maxAbsDifference(writtenOut(BlockUpdate.AVERAGE, 4)), 1e-9);
        assertTrue(local.maxAbsDifference(Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed())) > 0.01);
    }

    /** With a block learning rate and block momentum the driver filters the mean moves as the written-out rule does. */
    @Test
    void theDriversBlockUpdateIsBlockwiseModelUpdateFiltering() {
        BlockUpdate filtering = new BlockUpdate(1.5, 0.5);
        Network local = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        Sgd.train(local, new LocalSgdTrainer(data(3), 4, filtering, null), SmallRun.SGD, TrainingListener.NONE);

        assertEquals(0.0, local.maxAbsDifference(writtenOut(filtering, 4)), 1e-9);
        assertTrue(local.maxAbsDifference(writtenOut(BlockUpdate.AVERAGE, 4)) > 1e-3, "differs from plain averaging");
    }

    /** Without the Nesterov look-ahead each block starts from the driver's weights: classical momentum on the blocks. */
    @Test
    void withoutTheLookAheadEachBlockStartsFromTheDriversWeights() {
        BlockUpdate classical = new BlockUpdate(1.0, 0.5, false);
        Network local = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        Sgd.train(local, new LocalSgdTrainer(data(3), 4, classical, null), SmallRun.SGD, TrainingListener.NONE);

        assertEquals(0.0, local.maxAbsDifference(writtenOut(classical, 4)), 1e-9);
        assertTrue(local.maxAbsDifference(writtenOut(new BlockUpdate(1.0, 0.5), 4)) > 1e-3, "differs from the look-ahead");
    }

    /** A warm-up of one-step blocks starts the run (epoch 0 only); blocks of K steps follow. */
    @Test
    void aWarmUpTakesItsFirstBlocksOneStepAtATime() {
        BlockUpdate filtering = new BlockUpdate(1.0, 0.5);
        Network local = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        List<EpochResult> results = Sgd.train(local, new LocalSgdTrainer(data(3), 4, 3, filtering, null), SmallRun.SGD, TrainingListener.NONE);

        assertEquals(5, results.get(0).steps(), "epoch 0: 3 blocks of one step, then 8 steps in 2 blocks of 4");
        assertEquals(3, results.get(1).steps(), "later epochs: 11 steps in blocks of 4");
        assertEquals(0.0, local.maxAbsDifference(writtenOut(filtering, 4, 3)), 1e-9);
        assertTrue(local.maxAbsDifference(writtenOut(filtering, 4)) > 1e-3, "differs from no warm-up");
    }

    /** Stopped after epoch 0 and resumed with the block velocity it had, the run ends as one that never stopped. */
    @Test
    void theBlockVelocityCarriesARunAcrossAResume() {
        BlockUpdate filtering = new BlockUpdate(1.0, 0.5);
        Network whole = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        Sgd.train(whole, new LocalSgdTrainer(data(2), 3, filtering, null), SmallRun.SGD, TrainingListener.NONE);

        Network resumed = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        Velocity velocity = Velocity.zero(SmallRun.SIZES);
        Sgd.train(resumed, new LocalSgdTrainer(data(2), 3, filtering, velocity), new SgdSettings(1, 10, 3.0, 17), TrainingListener.NONE);
        Sgd.train(resumed, new LocalSgdTrainer(data(2), 3, filtering, velocity), SmallRun.SGD, TrainingListener.NONE, 1);

        assertEquals(0.0, resumed.maxAbsDifference(whole), 1e-12);
    }

    /**
     * The oracle: every partition's own local SGD written out with the sequential code, then the
     * block update by hand: Δ → μ_b·Δ + ζ·(mean − start), w → w + Δ, the next block starting at w + μ_b·Δ
     * (at w without the look-ahead).
     */
    private static Network writtenOut(BlockUpdate block, int syncEvery) {
        return writtenOut(block, syncEvery, 0);
    }

    /** As above, the run's first {@code warmUp} blocks taking one step each. */
    private static Network writtenOut(BlockUpdate block, int syncEvery, int warmUp) {
        Network expected = Network.gaussian(SmallRun.SIZES, SmallRun.SGD.seed());
        Network delta = null; // Δ, held in a network of the same shape, starting at 0
        List<DataSlice> slices = ((DataSlice) mnist.training()).split(3);
        for (int epoch = 0; epoch < SmallRun.SGD.epochs(); epoch++) {
            MiniBatches all = MiniBatches.shuffled(0, SmallRun.TRAINING, SmallRun.SGD.miniBatchSize(), SmallRun.SGD.seed(), epoch);
            List<Integer> starts = new java.util.ArrayList<>(); // each block's first local step, then the end
            int next = 0;
            for (int w = 0; epoch == 0 && w < warmUp && next < 11; w++) {
                starts.add(next++);
            }
            for (; next < 11; next += syncEvery) {
                starts.add(next);
            }
            starts.add(Integer.MAX_VALUE);
            for (int round = 0; round + 1 < starts.size(); round++) {
                Network start = expected.copy();
                if (delta != null && block.lookAhead()) {
                    Network lookAhead = delta.copy();
                    lookAhead.scale(block.momentum());
                    start.add(lookAhead);
                }
                Network sum = null;
                int stepped = 0;
                for (DataSlice slice : slices) {
                    SampleBlock samples = slice.read();
                    MiniBatches mine = all.within(samples.first(), samples.size());
                    int from = starts.get(round);
                    int to = Math.min(mine.count(), starts.get(round + 1));
                    if (from >= to) {
                        continue; // a partition whose epoch is over takes no part in the average
                    }
                    Network copy = start.copy();
                    for (int k = from; k < to; k++) {
                        copy.update(Backprop.gradient(copy, samples.select(mine.members(k))), SmallRun.SGD.eta());
                    }
                    if (sum == null) {
                        sum = copy;
                    } else {
                        sum.add(copy);
                    }
                    stepped++;
                }
                sum.scale(1.0 / stepped);
                Network move = start.copy();
                move.scale(-1);
                move.add(sum);
                move.scale(block.step());
                if (delta == null) {
                    delta = move;
                } else {
                    delta.scale(block.momentum());
                    delta.add(move);
                }
                expected.add(delta);
            }
        }
        return expected;
    }

    /**
     * On one partition each block's float steps continue where the last block's ended: the weights
     * go back to double between blocks, exactly, and the driver's w + (w̄ − w) rounds back to the
     * same floats. So the run is the float sequential trainer's, step for step.
     */
    @Test
    void inFloat32OnOnePartitionItIsTheFloatSequentialTrainer() {
        Network expected = Network.gaussian(SmallRun.SIZES, FLOAT.seed());
        SequentialTrainer.train(expected, mnist.training().read(), mnist.test().read(), FLOAT, TrainingListener.NONE);

        Network local = Network.gaussian(SmallRun.SIZES, FLOAT.seed());
        List<EpochResult> results = Sgd.train(local, new LocalSgdTrainer(data(1), 7), FLOAT, TrainingListener.NONE);

        assertEquals(5, results.get(0).steps(), "31 mini-batches, 7 per synchronization");
        assertEquals(0.0, local.maxAbsDifference(expected), 1e-12);
    }

    /**
     * On two partitions, float local SGD against double local SGD, its oracle: the same blocks, the
     * weights within 10⁻⁵ (the bound of SequentialTrainerTest's float run; measured 1.2·10⁻⁶ after
     * these 62 steps a partition, which move the weights by more than 1), the test accuracy within 2
     * of the 100 samples.
     */
    @Test
    void inFloat32ItStaysNearDoubleLocalSgd() {
        SparkData data = data(2);
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

    /**
     * The rounds of an epoch come from the driver's arithmetic for the partitions' sizes, not from a
     * job that counts them: it must be what the cached blocks hold, for a slice that starts at 0 and
     * for one that does not, in partitions of unequal sizes.
     */
    @Test
    void theDriverKnowsHowManySamplesEachPartitionHolds() {
        DataSlice secondHalf = ((DataSlice) mnist.training()).split(2).get(1);
        for (int partitions : new int[] {1, 2, 3, 7}) {
            for (DataSlice slice : List.of((DataSlice) mnist.training(), secondHalf)) {
                SparkData data = new SparkData(sc, SampleRdd.cache(sc, slice, partitions, "samples " + slice.from() + " on"),
                        slice.from(), slice.size(), null, 0);
                List<Integer> held = data.training().map(SampleBlock::size).collect();
                for (int p = 0; p < partitions; p++) {
                    assertEquals(held.get(p), data.trainingPartitionSize(p), "samples from " + slice.from() + ", partition " + p + " of " + partitions);
                }
                assertEquals(held.stream().max(Integer::compare).orElseThrow(), data.largestTrainingPartition(),
                        "samples from " + slice.from() + " in " + partitions + " partitions");
                data.training().unpersist();
            }
        }
    }

    private static SparkData data(int partitions) {
        return SmallRun.cache(sc, mnist, partitions);
    }
}
