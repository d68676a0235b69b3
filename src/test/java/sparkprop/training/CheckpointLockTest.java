package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.io.StoragePath;

class CheckpointLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondRunIsRefusedWhileTheFirstIsAlive() {
        try (CheckpointLock first = CheckpointLock.acquire(StoragePath.of(dir), stale -> { })) {
            String message = assertThrows(CheckpointInUseException.class, () -> CheckpointLock.acquire(StoragePath.of(dir), stale -> { })).getMessage();
            assertTrue(message.startsWith("--checkpoint-dir " + dir + ": expected no other run, found one alive holding " + dir.resolve(".lock")
                    + " (pid, start and host " + ProcessHandle.current().pid() + " "), message);
        }
        assertFalse(Files.exists(dir.resolve(".lock")), "released");
    }

    @Test
    void aLockLeftByADeadProcessIsTakenOverAndReported() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve(".lock"), gone.pid() + " 2026-01-01T00:00:00Z\n");
        List<String> reported = new ArrayList<>();

        try (CheckpointLock lock = CheckpointLock.acquire(StoragePath.of(dir), reported::add)) {
            assertEquals(1, reported.size());
            assertEquals(dir.resolve(".lock") + " was left by process " + gone.pid() + " 2026-01-01T00:00:00Z, which is gone; taken over",
                    reported.get(0));
            assertTrue(Files.readString(dir.resolve(".lock")).startsWith(ProcessHandle.current().pid() + " "));
        }
    }

    /** A driver restarted on another host finds the lock of its dead predecessor: the lease, not the process table, tells. */
    @Test
    void aLockFromAnotherHostIsTakenOverOnlyWhenItsLeaseGoesUnrenewed() throws Exception {
        Path lock = dir.resolve(".lock");
        Files.writeString(lock, "4242 2026-01-01T00:00:00Z another-host\n");
        List<String> reported = new ArrayList<>();
        try (CheckpointLock taken = CheckpointLock.acquire(StoragePath.of(dir), reported::add, Duration.ofMillis(100), Duration.ofMillis(800))) {
            assertEquals(List.of(StoragePath.of(dir).resolve(".lock") + " was left by process 4242 2026-01-01T00:00:00Z another-host,"
                    + " which is gone; taken over"), reported);
        }

        Files.writeString(lock, "4242 2026-01-01T00:00:00Z another-host\n");
        Thread owner = new Thread(() -> {
            for (int i = 0; i < 30 && !Thread.currentThread().isInterrupted(); i++) {
                try {
                    Files.setLastModifiedTime(lock, FileTime.fromMillis(System.currentTimeMillis() + i * 1000L));
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        });
        owner.start();
        try {
            String message = assertThrows(CheckpointInUseException.class,
                    () -> CheckpointLock.acquire(StoragePath.of(dir), stale -> { }, Duration.ofMillis(100), Duration.ofMillis(2000))).getMessage();
            assertTrue(message.contains("found one alive holding"), message);
        } finally {
            owner.interrupt();
            owner.join();
        }
    }
}
