package sparkprop.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The progress lines within an epoch, on a clock the test moves. */
class ProgressLogTest {

    private long now;
    private final ProgressLog log = new ProgressLog(1.0, 3.0, () -> now);

    /** Runs steps {@code from}..{@code to} of an epoch of {@code steps}, each taking {@code ms}; returns the lines due. */
    private List<String> run(int epoch, int from, int to, int steps, long ms) {
        List<String> lines = new ArrayList<>();
        for (int step = from; step <= to; step++) {
            log.stepStarting(epoch, step, steps);
            now += ms * 1_000_000L;
            String line = log.progress(epoch, step, steps);
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void reportsTheRateSinceTheLastLineAndTheTimeLeftAtIt() {
        // 50 steps of 40 ms (the JIT still compiling), then steps of 4 ms.
        List<String> slow = run(0, 1, 50, 1000, 40);
        assertEquals(List.of(
                "epoch 0: step 25/1000, 40.00 ms/step lately, 39 s left in this epoch at that rate",
                "epoch 0: step 50/1000, 40.00 ms/step lately, 38 s left in this epoch at that rate"), slow);
        List<String> fast = run(0, 51, 550, 1000, 4);
        // An average since the epoch's start would say 10.00 ms/step and 7 s left at step 300.
        assertEquals("epoch 0: step 300/1000, 4.00 ms/step lately, 3 s left in this epoch at that rate", fast.get(0));
        assertEquals(2, fast.size());
    }

    @Test
    void startsAfreshEachEpochAndSaysNothingAtItsLastStep() {
        run(0, 1, 100, 100, 40);
        now += 60_000_000_000L; // the evaluation between epochs does not count as a step
        List<String> next = run(1, 1, 30, 100, 40);
        assertEquals(List.of("epoch 1: step 25/100, 40.00 ms/step lately, 3 s left in this epoch at that rate"), next);
        assertNull(new ProgressLog(0.0, 3.0, () -> now).progress(2, 100, 100));
    }
}
