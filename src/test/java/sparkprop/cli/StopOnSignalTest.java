package sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.Project;
import sparkprop.io.StoragePath;
import sparkprop.training.Checkpoint;
import sparkprop.training.CheckpointDirectory;

/**
 * Ctrl-C and SIGTERM, sent to a training driver in a JVM of its own as a terminal or a cluster
 * manager sends them: the run stops between two steps and ends with one line (where it stopped, the
 * newest checkpoint, the command that resumes), no stack trace, exit status 128 + the signal's
 * number, and the checkpoint written before the signal intact.
 */
class StopOnSignalTest {

    @TempDir
    Path dir;

    @Test
    void ctrlCEndsWithOneLineThatNamesTheCheckpointAndTheCommandThatResumes() throws Exception {
        // A process keeps a SIGINT that was ignored when it started, and so do its children: the
        // driver could not see Ctrl-C, and the run would end as if no signal had come.
        assertFalse(ignored(2), "SIGINT is ignored in this JVM (mvn started as a background job of a shell without job"
                + " control, which ignores SIGINT in it): run the tests in the foreground, or with set -m");
        Path checkpoints = dir.resolve("ck");
        Path log = dir.resolve("interrupted.log");
        List<String> args = List.of("--data", Project.realMnist().toString(), "--train-size", "5000", "--epochs", "3", "--seed", "5",
                "--checkpoint-dir", checkpoints.toString());
        Process driver = DriverProcess.start(log, args);
        Path first = checkpoints.resolve("checkpoint-epoch-00000.bin");
        assertTrue(DriverProcess.awaitWhileAlive(driver, () -> Files.exists(first)), "epoch 0 was checkpointed; driver log: " + DriverProcess.log(log));
        Thread.sleep(1500); // well into epoch 1
        assertTrue(driver.isAlive(), "still training when the signal comes");
        signal("INT", driver);
        assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "the driver ended after SIGINT");
        String output = DriverProcess.log(log);
        assertEquals(130, driver.exitValue(), output);

        String last = lastLine(output);
        Matcher stopped = Pattern.compile("sparkprop: stopped by SIGINT in epoch 1 after step (\\d+)/500; newest checkpoint (\\S+); resume with: (.*)")
                .matcher(last);
        assertTrue(stopped.matches(), last);
        assertEquals(first.toString(), stopped.group(2));
        assertEquals("submit/train --master local[2] " + String.join(" ", args) + " --resume", stopped.group(3).replace("'local[2]'", "local[2]"));
        assertTrue(stopped.group(3).startsWith("submit/train --master 'local[2]' "), "a glob is quoted for the shell: " + stopped.group(3));
        String afterEpoch0 = output.substring(output.indexOf("Epoch 0: "));
        assertFalse(afterEpoch0.contains("Exception") || afterEpoch0.contains("\tat "), "no stack trace: " + afterEpoch0);

        Checkpoint kept = new CheckpointDirectory(StoragePath.of(checkpoints)).newestValid(e -> {
            throw e;
        }).orElseThrow();
        assertEquals(0, kept.epoch());
        try (Stream<Path> files = Files.list(checkpoints)) {
            assertEquals(List.of("checkpoint-epoch-00000.bin"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no lock and no temporary file left");
        }

        // The printed command, run as it says (its master is DriverProcess's), resumes and finishes.
        List<String> resumeArgs = new ArrayList<>(Arrays.asList(stopped.group(3).split(" ")));
        assertEquals(List.of("submit/train", "--master", "'local[2]'"), resumeArgs.subList(0, 3));
        Process resumed = DriverProcess.start(dir.resolve("resumed.log"), resumeArgs.subList(3, resumeArgs.size()));
        assertTrue(resumed.waitFor(300, TimeUnit.SECONDS));
        String resumedOutput = DriverProcess.log(dir.resolve("resumed.log"));
        assertEquals(0, resumed.exitValue(), resumedOutput);
        assertTrue(resumedOutput.contains("resuming from the checkpoint of epoch 0"), resumedOutput);
        assertTrue(resumedOutput.contains("Epoch 2: "), resumedOutput);
    }

    @Test
    void sigtermWithoutCheckpointsSaysSoAndExits143() throws Exception {
        Path log = dir.resolve("terminated.log");
        Process driver = DriverProcess.start(log, List.of("--data", Project.realMnist().toString(), "--train-size", "5000",
                "--epochs", "30", "--seed", "5"));
        DriverProcess.awaitWhileAlive(driver, () -> DriverProcess.log(log).contains("training data: "));
        Thread.sleep(1000);
        assertTrue(driver.isAlive(), "still training when the signal comes: " + DriverProcess.log(log));
        signal("TERM", driver);
        assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "the driver ended after SIGTERM");
        String output = DriverProcess.log(log);
        assertEquals(143, driver.exitValue(), output);
        assertTrue(lastLine(output).matches("sparkprop: stopped by SIGTERM in epoch \\d+ after step \\d+/500; no checkpoint to resume from"
                + " \\(--checkpoint-dir DIR keeps one after every epoch\\)"), lastLine(output));
        assertFalse(output.contains("Exception") || output.contains("\tat "), "no stack trace: " + output);
    }

    private static void signal(String name, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }

    /** Whether this process ignores signal {@code number} (Linux's /proc/self/status, mask SigIgn). */
    private static boolean ignored(int number) throws Exception {
        String mask = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .orElseThrow().substring("SigIgn:".length()).strip();
        return new BigInteger(mask, 16).testBit(number - 1);
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }
}
