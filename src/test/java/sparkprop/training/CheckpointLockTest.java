package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondRunIsRefusedWhileTheFirstIsAlive() {
        try (CheckpointLock first = CheckpointLock.acquire(dir, stale -> { })) {
            String message = assertThrows(CheckpointInUseException.class, () -> CheckpointLock.acquire(dir, stale -> { })).getMessage();
            assertTrue(message.startsWith("--checkpoint-dir " + dir + ": expected no other run, found one alive holding " + dir.resolve(".lock")
                    + " (pid and start " + ProcessHandle.current().pid() + " "), message);
        }
        assertFalse(Files.exists(dir.resolve(".lock")), "released");
    }

    @Test
    void aLockLeftByADeadProcessIsTakenOverAndReported() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve(".lock"), gone.pid() + " 2026-01-01T00:00:00Z\n");
        List<String> reported = new ArrayList<>();

        try (CheckpointLock lock = CheckpointLock.acquire(dir, reported::add)) {
            assertEquals(1, reported.size());
            assertEquals(dir.resolve(".lock") + " was left by process " + gone.pid() + " 2026-01-01T00:00:00Z, which is gone; taken over",
                    reported.get(0));
            assertTrue(Files.readString(dir.resolve(".lock")).startsWith(ProcessHandle.current().pid() + " "));
        }
    }
}
