package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.data.Mnist;
import sparkprop.network.Network;

/** The kernel warm-up takes steps of its own until the first real step, and the run's weights are those of a run without it. */
class KernelWarmUpTest {

    @TempDir
    Path dataDir;

    @Test
    void itStepsUntilTheFirstRealStepAndThenStops() throws InterruptedException {
        KernelWarmUp warmUp = KernelWarmUp.start(new int[] {784, 30, 10}, new SgdSettings(1, 10, 0.5, 1), 60_000);
        Thread.sleep(300);
        warmUp.stepStarting(0, 1, 100);
        int steps = warmUp.stop();
        Thread.sleep(100);

        assertTrue(steps > 0, "took steps before the first real one");
        assertEquals(steps, warmUp.stop(), "took none after it");
    }

    @Test
    void aRunBesideItEndsWithTheWeightsOfARunWithoutIt() throws IOException {
        Mnist mnist = SmallRun.write(dataDir);
        Network without = SmallRun.sequential(mnist);

        Network beside;
        try (KernelWarmUp warmUp = KernelWarmUp.start(SmallRun.SIZES, SmallRun.SGD, 60_000)) {
            beside = SmallRun.sequential(mnist); // the same kernel, in this thread, while the warm-up's thread runs it too
            assertTrue(warmUp.stop() > 0);
        }

        assertEquals(0.0, beside.maxAbsDifference(without));
    }
}
