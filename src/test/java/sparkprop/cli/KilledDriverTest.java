package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.Project;
import sparkprop.io.StoragePath;
import sparkprop.training.Checkpoint;
import sparkprop.training.CheckpointDirectory;

/**
 * A driver killed with kill -9 in the middle of an epoch, then resumed from its checkpoints, ends
 * with the weights of a run that was never interrupted.
 */
class KilledDriverTest {

    @TempDir
    Path dir;

    @Test
    void resumingAfterKillMinusNineGivesTheUninterruptedWeights() throws Exception {
        Path killedDir = dir.resolve("killed");
        Path cleanDir = dir.resolve("clean");
        String[] options = {"--data", Project.realMnist().toString(), "--train-size", "5000", "--epochs", "3", "--seed", "5"};

        Process driver = driver(killedDir, options, false);
        Path firstCheckpoint = killedDir.resolve("checkpoint-epoch-00000.bin");
        assertTrue(DriverProcess.awaitWhileAlive(driver, () -> Files.exists(firstCheckpoint)), "epoch 0 was checkpointed; driver log: " + log(killedDir));
        Thread.sleep(1500); // well into epoch 1, which takes several seconds
        assertTrue(driver.isAlive(), "the driver is still training when it is killed");
        assertFalse(Files.exists(killedDir.resolve("checkpoint-epoch-00001.bin")), "killed before the end of epoch 1");
        driver.destroyForcibly(); // SIGKILL
        assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, driver.exitValue(), "killed by SIGKILL");

        Process resumed = driver(killedDir, options, true);
        assertTrue(resumed.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, resumed.exitValue(), log(killedDir));
        assertTrue(log(killedDir).contains("resuming from the checkpoint of epoch 0"), log(killedDir));
        assertTrue(log(killedDir).contains("which is gone; taken over"), "the killed driver's lock is reported stale: " + log(killedDir));

        assertEquals(0, Main.run(withCheckpoints(options, cleanDir, false)));

        Checkpoint afterKill = newest(killedDir);
        Checkpoint uninterrupted = newest(cleanDir);
        assertEquals(2, afterKill.epoch());
        assertEquals(2, uninterrupted.epoch());
        assertEquals(0.0, afterKill.network().maxAbsDifference(uninterrupted.network()), 1e-9);
        assertEquals(3, afterKill.results().size(), "the metrics of the epochs before the kill are kept");
        assertEquals(uninterrupted.results().get(2).correct(), afterKill.results().get(2).correct());
    }

    private static Process driver(Path checkpointDir, String[] options, boolean resume) throws Exception {
        Files.createDirectories(checkpointDir);
        return DriverProcess.start(logOf(checkpointDir), List.of(withCheckpoints(options, checkpointDir, resume)));
    }

    private static String[] withCheckpoints(String[] options, Path checkpointDir, boolean resume) {
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(List.of("--checkpoint-dir", checkpointDir.toString()));
        if (resume) {
            all.add("--resume");
        }
        return all.toArray(String[]::new);
    }

    private static Checkpoint newest(Path checkpointDir) {
        return new CheckpointDirectory(StoragePath.of(checkpointDir)).newestValid(e -> {
            throw e;
        }).orElseThrow();
    }

    private static Path logOf(Path checkpointDir) {
        return checkpointDir.resolveSibling(checkpointDir.getFileName() + ".log");
    }

    private static String log(Path checkpointDir) throws Exception {
        return DriverProcess.log(logOf(checkpointDir));
    }
}
