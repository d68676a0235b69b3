package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.data.DataSlice;
import sparkprop.data.IdxWriter;
import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.io.StoragePath;
import sparkprop.metrics.EpochResult;
import sparkprop.network.Network;

/**
 * The learning-rate schedule survives a stop: a run checkpointed and stopped after epoch 5, then
 * resumed from its checkpoint, ends with the same weights and the same etas as a run that never
 * stopped, and a plan that had stopped training stops the resumed run at once.
 */
class ResumedPlanTest {

    @TempDir
    Path dir;

    private static final int[] SIZES = {16, 12, 10};
    private static final int EPOCHS = 12;
    /** The first run stops after this many epochs, when the schedule has halved eta once. */
    private static final int STOPPED_AFTER = 6;

    @Test
    void aResumedScheduleGoesOnWhereItStopped() throws IOException {
        IdxWriter.writeDigits(dir.resolve("data"), 300, 60, 4, 3, false);
        Mnist mnist = Mnist.open(StoragePath.of(dir.resolve("data")), 0);
        // The made-up files have no validation part; the last 100 training images stand in for it.
        DataSlice files = (DataSlice) mnist.training();
        SampleBlock training = new DataSlice(files.imageFile(), files.labelFile(), 0, 200, files.scale()).read();
        SampleBlock validation = new DataSlice(files.imageFile(), files.labelFile(), 200, 300, files.scale()).read();
        SampleBlock test = mnist.test().read();
        SequentialTrainer trainer = new SequentialTrainer(training, validation, test, null);
        SgdSettings settings = new SgdSettings(EPOCHS, 10, 4.0, 5);

        Network whole = Network.gaussian(SIZES, 5);
        List<String> wholeEtas = new ArrayList<>();
        Sgd.train(whole, trainer, settings, etaLog(wholeEtas), 0, new ValidationPlan(0, 1, settings.eta()));

        Network first = Network.gaussian(SIZES, 5);
        CheckpointDirectory checkpoints = new CheckpointDirectory(StoragePath.of(dir.resolve("checkpoints")));
        List<String> etas = new ArrayList<>();
        Sgd.train(first, trainer, new SgdSettings(STOPPED_AFTER, 10, 4.0, 5), TrainingListener.all(etaLog(etas),
                new Checkpointer(checkpoints, first, sparkprop.network.Velocity.zero(SIZES), Map.of(), List.of())), 0, new ValidationPlan(0, 1, settings.eta()));
        Checkpoint checkpoint = checkpoints.newestValid(e -> { }).orElseThrow();
        assertEquals(STOPPED_AFTER - 1, checkpoint.epoch());
        assertTrue(checkpoint.plan().eta() < settings.eta(), "the schedule had halved eta by then: " + wholeEtas);

        ValidationPlan resumed = new ValidationPlan(0, 1, settings.eta());
        resumed.restore(checkpoint.plan());
        Network second = checkpoint.network();
        List<EpochResult> rest = Sgd.train(second, trainer, settings, etaLog(etas), checkpoint.epoch() + 1, resumed);

        assertEquals(0.0, second.maxAbsDifference(whole), "the resumed run's weights are the uninterrupted run's");
        assertEquals(wholeEtas, etas, "the same eta after every epoch");
        assertTrue(!rest.isEmpty());
    }

    @Test
    void aPlanThatHadStoppedTrainingStopsTheResumedRunAtOnce() {
        ValidationPlan stopped = new ValidationPlan(1, 0, 1.0);
        stopped.goOn(0.9);
        stopped.goOn(0.8);
        ValidationPlan resumed = new ValidationPlan(1, 0, 1.0);
        resumed.restore(stopped.state());
        List<String> told = new ArrayList<>();
        List<EpochResult> results = Sgd.train(Network.gaussian(SIZES, 1), null, new SgdSettings(5, 10, 1.0, 1), new TrainingListener() {
            @Override
            public void stopped(String reason) {
                told.add(reason);
            }
        }, 2, resumed);
        assertEquals(List.of(), results);
        assertEquals(List.of(stopped.stopReason()), told);
    }

    /** Records the eta the plan chose after each epoch. */
    private static TrainingListener etaLog(List<String> etas) {
        return new TrainingListener() {
            @Override
            public void epochEnded(EpochResult result, ValidationPlan.State plan) {
                etas.add("after epoch " + result.epoch() + ": eta " + plan.eta());
            }
        };
    }
}
