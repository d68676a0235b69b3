package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import sparkprop.data.SampleBlock;
import sparkprop.metrics.EpochResult;
import sparkprop.network.Backprop;
import sparkprop.network.Golden;
import sparkprop.network.Network;
import sparkprop.network.Precision;
import sparkprop.network.Targets;

class SequentialTrainerTest {

    /** One epoch in the order given, the last mini-batch shorter where n is not a multiple of m, as network.py and network2.py ran it. */
    @ParameterizedTest
    @ValueSource(strings = {"quadratic-4-3-2.json", "quadratic-6-5-4-3.json", "crossentropy-l2-5-4-3.json"})
    void oneEpochEqualsTheBookCode(String file) {
        Golden golden = Golden.load(file);
        SampleBlock samples = golden.samples();
        Network network = golden.network();
        SgdSettings settings = new SgdSettings(1, golden.miniBatchSize(), golden.eta(), 0, 0, golden.cost(), golden.lambda());

        Sgd.steps(network, null, MiniBatches.inOrder(0, samples.size(), golden.miniBatchSize()), settings, golden.n(), 0, TrainingListener.NONE,
                (weights, members) -> Backprop.gradient(weights, samples.select(members), settings.cost(), Targets.ONE_HOT));

        assertEquals(0.0, network.maxAbsDifference(golden.networkAfterEpoch()), 1e-12, file);
    }

    @Test
    void learnsSeparableDigitsAndReportsEveryEpoch() {
        SampleBlock training = TrainingData.digits(0, 600, 16, 11);
        SampleBlock test = TrainingData.digits(0, 200, 16, 12);
        Network network = Network.gaussian(new int[] {16, 12, 10}, 5);
        int before = test.countCorrect(network);

        List<EpochResult> results = SequentialTrainer.train(network, training, test, new SgdSettings(3, 10, 3.0, 9), TrainingListener.NONE);

        assertEquals(3, results.size());
        assertEquals(60, results.get(0).steps());
        assertEquals(200, results.get(2).total());
        assertTrue(results.get(2).correct() > 160, "accuracy after 3 epochs: " + results.get(2).correct() + " / 200, before: " + before);
    }

    /**
     * float32's oracle is the double run. Float rounds each number to within 2⁻²⁴ (6·10⁻⁸) of
     * itself, and each of the 180 steps at eta = 3 adds its errors to those of the steps before.
     * The weights must stay within 10⁻⁵ of double's while they move by more than 1 over the run
     * (measured: 2.7·10⁻⁶, against a move of 2.3), and the test accuracy within 2 of the 200 samples.
     */
    @Test
    void inFloat32ItStaysNearTheDoubleRun() {
        SampleBlock training = TrainingData.digits(0, 600, 16, 11);
        SampleBlock test = TrainingData.digits(0, 200, 16, 12);
        SgdSettings inDouble = new SgdSettings(3, 10, 3.0, 9);
        Network start = Network.gaussian(new int[] {16, 12, 10}, 5);
        Network doubles = start.copy();
        List<EpochResult> doubleResults = SequentialTrainer.train(doubles, training, test, inDouble, TrainingListener.NONE);
        Network floats = start.copy();
        List<EpochResult> floatResults = SequentialTrainer.train(floats, training, test, inDouble.withPrecision(Precision.FLOAT32),
                TrainingListener.NONE);

        assertTrue(doubles.maxAbsDifference(start) > 1, "the run moves the weights");
        double difference = floats.maxAbsDifference(doubles);
        assertTrue(difference > 0, "float rounds differently from double");
        assertEquals(0.0, difference, 1e-5);
        assertEquals(doubleResults.get(2).correct(), floatResults.get(2).correct(), 2);
    }

    @Test
    void stopsAfterTheFirstEpochThatReachesTheTargetAccuracy() {
        SampleBlock training = TrainingData.digits(0, 600, 16, 11);
        SampleBlock test = TrainingData.digits(0, 200, 16, 12);
        List<EpochResult> all = SequentialTrainer.train(Network.gaussian(new int[] {16, 12, 10}, 5), training, test,
                new SgdSettings(6, 10, 3.0, 9), TrainingListener.NONE);
        double target = all.get(2).accuracy();
        int first = 0;
        while (all.get(first).accuracy() < target) {
            first++;
        }

        List<EpochResult> stopped = SequentialTrainer.train(Network.gaussian(new int[] {16, 12, 10}, 5), training, test,
                new SgdSettings(6, 10, 3.0, 9, target), TrainingListener.NONE);

        assertEquals(first + 1, stopped.size());
        assertTrue(stopped.size() < 6, "the target must stop training early here");
        assertEquals(all.get(first), new EpochResult(first, stopped.get(first).correct(), 200, all.get(first).seconds(), 60));
    }
}
