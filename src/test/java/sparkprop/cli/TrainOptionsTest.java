package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import sparkprop.io.StoragePath;
import sparkprop.network.Cost;
import sparkprop.network.Precision;

class TrainOptionsTest {

    @Test
    void defaultsAreTheBookHeadlineRun() {
        TrainOptions options = TrainOptions.parse();
        assertArrayEquals(new int[] {784, 30, 10}, options.sizes());
        assertEquals(30, options.sgd().epochs());
        assertEquals(10, options.sgd().miniBatchSize());
        assertEquals(3.0, options.sgd().eta());
        assertEquals(StoragePath.of("data/mnist"), options.data());
        assertEquals(SyncEvery.EXACT, options.syncEvery());
        assertEquals(TrainOptions.TrainerChoice.SPARK, options.trainer());
        assertNull(options.checkpointDir());
        assertFalse(options.resume());
    }

    @Test
    void readsEveryOption() {
        TrainOptions options = TrainOptions.parse("--sizes", "784,40,30,20,10", "--epochs", "3", "--mini-batch-size", "100",
                "--eta", "0.5", "--data", "/d", "--train-size", "5000", "--partitions", "4", "--seed", "-7",
                "--target-accuracy", "0.95", "--sync-every", "10", "--checkpoint-dir", "/c", "--resume");
        assertArrayEquals(new int[] {784, 40, 30, 20, 10}, options.sizes());
        assertEquals(3, options.sgd().epochs());
        assertEquals(100, options.sgd().miniBatchSize());
        assertEquals(0.5, options.sgd().eta());
        assertEquals(-7, options.sgd().seed());
        assertEquals(0.95, options.sgd().targetAccuracy());
        assertEquals(5000, options.trainSize());
        assertEquals(4, options.partitions());
        assertEquals(new SyncEvery(10, false), options.syncEvery());
        assertEquals(StoragePath.of("/c"), options.checkpointDir());
        assertEquals(true, options.resume());
    }

    @Test
    void syncEveryTakesStepsSharedByThePartitions() {
        SyncEvery shared = TrainOptions.parse("--sync-every", "500/P").syncEvery();
        assertEquals(250, shared.perPartition(2));
        assertEquals(31, shared.perPartition(16), "500/16 = 31.25, rounded");
        assertEquals(1, shared.perPartition(1000), "at least one step");
        assertEquals(500, TrainOptions.parse("--sync-every", "500").syncEvery().perPartition(16), "a fixed K whatever P");
        assertEquals("500/P", TrainOptions.parse("--sync-every", "500/P").checkpointConfiguration().get("--sync-every"));
        assertMessage("--sync-every: expected a positive integer K, or S/P for S steps shared by the P partitions (such as 500/P),"
                + " found '500/Q'", "--sync-every", "500/Q");
        assertMessage("--sync-every: expected a positive integer K, or S/P for S steps shared by the P partitions (such as 500/P),"
                + " found '0/P'", "--sync-every", "0/P");
    }

    @Test
    void readsMomentumAndTheBlockUpdate() {
        assertEquals(0.0, TrainOptions.parse().sgd().momentum());
        assertEquals(0.9, TrainOptions.parse("--momentum", "0.9").sgd().momentum());
        assertMessage("--momentum: expected a number from 0 up to (not including) 1, found 1", "--momentum", "1");
        TrainOptions blocks = TrainOptions.parse("--sync-every", "50");
        assertEquals(new sparkprop.training.BlockUpdate(1.0, 0.5), blocks.blockUpdate(2), "the paper's 1 - 1/P by default");
        assertEquals(new sparkprop.training.BlockUpdate(2.0, 0.0),
                TrainOptions.parse("--sync-every", "50", "--block-lr", "2", "--block-momentum", "0").blockUpdate(4));
        assertMessage("--block-lr and --block-momentum: expected --sync-every K with K > 1 (they filter the partitions' moves between"
                + " synchronizations), found --sync-every 1", "--block-momentum", "0.5");
    }

    @Test
    void float32IsForTheLocalStepsAndTheSequentialTrainerOnly() {
        assertEquals(Precision.FLOAT64, TrainOptions.parse().sgd().precision(), "the book's double by default");
        TrainOptions local = TrainOptions.parse("--sync-every", "500/P", "--precision", "float32");
        assertEquals(Precision.FLOAT32, local.sgd().precision());
        assertEquals("float32", local.checkpointConfiguration().get("--precision"), "a resumed run must compute as the checkpoint's did");
        assertTrue(local.describe().contains("float32 arithmetic"), local.describe());
        assertEquals(Precision.FLOAT32, TrainOptions.parse("--trainer", "sequential", "--precision", "float32").sgd().precision());
        assertMessage("--precision float32: expected --sync-every K with K > 1, or --trainer sequential (the exact mode is the book's SGD"
                + " in double, equal to the sequential trainer step for step), found --sync-every 1", "--precision", "float32");
        assertMessage("--precision float32: expected no --momentum (the float steps keep no velocity), found --momentum 0.9",
                "--trainer", "sequential", "--precision", "float32", "--momentum", "0.9");
        assertMessage("--precision: expected float64 or float32, found 'half'", "--precision", "half");
    }

    @Test
    void readsTheChapterThreeOptions() {
        TrainOptions options = TrainOptions.parse("--cost", "cross-entropy", "--lambda", "5.0", "--init", "scaled");
        assertEquals(Cost.CROSS_ENTROPY, options.sgd().cost());
        assertEquals(5.0, options.sgd().lambda());
        assertEquals(TrainOptions.Init.SCALED, options.init());
        assertEquals(Cost.QUADRATIC, TrainOptions.parse().sgd().cost());
        assertEquals(0.0, TrainOptions.parse().sgd().lambda());
        assertEquals(TrainOptions.Init.LARGE, TrainOptions.parse().init());
        assertMessage("--cost: expected quadratic or cross-entropy, found 'log'", "--cost", "log");
        assertMessage("--lambda: expected a number of 0 or more, found -1", "--lambda", "-1");
        assertMessage("--init: expected large or scaled, found 'xavier'", "--init", "xavier");
        TrainOptions rashid = TrainOptions.parse("--targets", "rashid");
        assertEquals(sparkprop.network.Targets.RASHID, rashid.sgd().targets());
        assertEquals(sparkprop.data.PixelScale.RASHID, rashid.targets().pixelScale());
        assertEquals(sparkprop.network.Targets.ONE_HOT, TrainOptions.parse().sgd().targets());
        assertMessage("--targets: expected book or rashid, found 'nielsen'", "--targets", "nielsen");
    }

    @Test
    void eachMistakeNamesTheOptionWhatWasExpectedAndWhatWasFound() {
        assertMessage("--target-accuracy: expected a number above 0 and at most 1, found 95", "--target-accuracy", "95");
        assertMessage("--resume: expected --checkpoint-dir DIR to say where the checkpoints are, found none", "--resume");
        assertMessage("--sync-every 4: expected 1 with --trainer sequential (one thread has nothing to synchronize), found 4",
                "--trainer", "sequential", "--sync-every", "4");
        assertMessage("--trainer: expected spark or sequential, found 'gpu'", "--trainer", "gpu");
        assertMessage("--eta: expected a positive number, found NaN", "--eta", "NaN");
        assertMessage("--sizes: expected at least two comma-separated layer sizes such as 784,30,10, found '784'", "--sizes", "784");
        assertMessage("--epochs: expected a value after it, found the end of the command line", "--epochs");
        assertMessage("expected an option starting with --, found 'train' (see --help)", "train");
    }

    private static void assertMessage(String message, String... args) {
        assertEquals(message, assertThrows(UsageException.class, () -> TrainOptions.parse(args)).getMessage());
    }
}
