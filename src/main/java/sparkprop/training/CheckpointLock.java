package sparkprop.training;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import sparkprop.io.StorageException;
import sparkprop.io.StoragePath;

/**
 * Keeps two live runs out of one checkpoint directory, on a local disk or on HDFS: {@code DIR/.lock}
 * is created in one step of the file system (of two runs, one wins) and holds the owner's pid, start
 * time and host. A lock whose owner is gone (a driver killed with kill -9) is stale: the next run
 * takes it over and says so. On the owner's host the process table tells; from another host (a driver
 * restarted by the cluster elsewhere) the lock's lease does: its owner renews the file's modification
 * time every {@link #RENEW_EVERY}, and a lock that is not renewed for {@link #STALE_AFTER} is stale.
 */
public final class CheckpointLock implements AutoCloseable {

    /** How often a live owner renews its lock. */
    public static final Duration RENEW_EVERY = Duration.ofSeconds(5);
    /** How long a lock held from another host must go unrenewed before it is taken over. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(20);

    private final StoragePath file;
    private final ScheduledExecutorService renewer;

    private CheckpointLock(StoragePath file, Duration renewEvery) {
        this.file = file;
        this.renewer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "checkpoint lock lease");
            thread.setDaemon(true);
            return thread;
        });
        long millis = renewEvery.toMillis();
        renewer.scheduleWithFixedDelay(this::renew, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lock of {@code directory}; {@code tookOver} receives the description of a stale lock
     * that was replaced. Throws {@link CheckpointInUseException} when a live process holds it.
     */
    public static CheckpointLock acquire(StoragePath directory, Consumer<String> tookOver) {
        return acquire(directory, tookOver, RENEW_EVERY, STALE_AFTER);
    }

    /** As {@link #acquire(StoragePath, Consumer)}, with the lease's periods given (tests shorten them). */
    static CheckpointLock acquire(StoragePath directory, Consumer<String> tookOver, Duration renewEvery, Duration staleAfter) {
        StoragePath file = directory.resolve(".lock");
        ProcessHandle self = ProcessHandle.current();
        String owner = self.pid() + " " + self.info().startInstant().map(Instant::toString).orElse("?") + " " + thisHost();
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                if (file.createExclusively((owner + "\n").getBytes(StandardCharsets.UTF_8))) {
                    return new CheckpointLock(file, renewEvery);
                }
                String holder;
                try {
                    holder = file.readString().trim();
                } catch (java.io.FileNotFoundException released) {
                    continue; // released between the two calls: try again
                }
                if (isAlive(holder, file, staleAfter)) {
                    throw new CheckpointInUseException("--checkpoint-dir " + directory + ": expected no other run, found one alive holding "
                            + file + " (pid, start and host " + holder + ")");
                }
                file.delete();
                tookOver.accept(file + " was left by process " + holder + ", which is gone; taken over");
            }
            throw new CheckpointInUseException("--checkpoint-dir " + directory + ": another run took " + file + " at the same moment");
        } catch (IOException e) {
            throw new StorageException("--checkpoint-dir " + directory + ": cannot lock it (" + StoragePath.firstLine(e) + ")", e);
        }
    }

    /**
     * Whether the owner named in a lock file ("pid start host") still runs: on this host, the same pid
     * with the same start time; on another, a lease renewed while we watch for {@code staleAfter}.
     */
    private static boolean isAlive(String holder, StoragePath file, Duration staleAfter) throws IOException {
        String[] parts = holder.split(" ");
        if (parts.length < 3 || parts[2].equals(thisHost())) {
            try {
                Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(parts[0]));
                return process.isPresent() && process.get().isAlive()
                        && (parts.length < 2 || process.get().info().startInstant().map(Instant::toString).orElse("?").equals(parts[1]));
            } catch (NumberFormatException e) {
                return false; // an unreadable lock protects nothing
            }
        }
        // Another host's process cannot be looked up: watch the lease, on this host's clock only.
        long renewed = file.modificationTime();
        long deadline = System.nanoTime() + staleAfter.toNanos();
        while (System.nanoTime() < deadline) {
            sleep(Math.min(1000, staleAfter.toMillis() / 4 + 1));
            if (!file.exists()) {
                return false;
            }
            if (file.modificationTime() != renewed) {
                return true;
            }
        }
        return false;
    }

    private void renew() {
        try {
            file.touch();
        } catch (IOException | RuntimeException e) {
            // A missed renewal only shortens the lease; the next one may succeed.
        }
    }

    private static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while watching a checkpoint lock", e);
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            file.delete();
        } catch (IOException e) {
            throw new StorageException(file + ": cannot release the lock (" + StoragePath.firstLine(e) + ")", e);
        }
    }
}
