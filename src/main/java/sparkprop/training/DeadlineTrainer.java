package sparkprop.training;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import scala.Function1;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import sparkprop.data.DistortionPass;
import sparkprop.data.SampleBlock;
import sparkprop.network.Network;
import sparkprop.network.Velocity;

/**
 * Local SGD whose blocks end at a deadline ({@code --sync-every K --block-deadline auto|MS}), so
 * that a slow partition takes fewer steps instead of holding every other one back: the straggler
 * tolerance that parameter-averaging systems lack (one slow worker sets the pace of all).
 *
 * <p>Each partition's block is a Spark job of its own, on that partition alone, taking up to K of
 * the partition's mini-batches from where it left off (its cursor in the epoch's shuffled order,
 * the order of {@link LocalSgdTrainer}), and stopping early when its own time is up. The driver
 * waits for the block's {@link BlockDeadline}, then takes the moves that have arrived, each
 * weighted by the samples it took, as the block's mean move G = Σ nₚ(wₚ − sₚ) / Σ nₚ over the
 * moves that arrived (sₚ: the weights partition p started from; nₚ the samples it took), and
 * filters it as {@link BlockUpdate} does. A late
 * partition gets no new block until its task ends, and its move counts in the block in which it
 * arrives (a move from older weights, as in asynchronous SGD). The epoch ends
 * when some partition has taken all its mini-batches and every other has too or is late (when
 * every partition is late, the driver waits for the next move); the samples a late partition had
 * not reached are skipped, and the driver log says how many.
 *
 * <p>This is the one mode whose weights depend on timing (which moves arrive by which deadline), so
 * it is off unless asked for; every other mode gives the same weights on every run. With equal
 * partitions and a deadline that every partition meets, it takes the blocks of
 * {@link LocalSgdTrainer} and gives its weights.
 */
public final class DeadlineTrainer extends SparkTrainer {

    private static final Logger LOG = LogManager.getLogger("sparkprop");
    private static final String JOB_GROUP = "sparkprop deadline blocks";

    private final int syncEvery;
    private final BlockUpdate blockUpdate;
    private final BlockDeadline deadline;
    /** The driver's block velocity Δ, kept across blocks and epochs (and in checkpoints). */
    private Velocity blockVelocity;
    /** The partitions whose task is still running, from this block or an earlier one, by partition. */
    private final Map<Integer, Task> running = new HashMap<>();
    /** Training samples left untaken at the ends of the epochs so far, by partition. */
    private final long[] samplesSkipped;
    /** Blocks started so far, over all epochs: which block a running task belongs to. */
    private long blocksStarted;
    /** Milliseconds per step of the median partition in the last block (0 until one is known). */
    private double millisPerStep;
    /** Each partition's job is submitted from a thread of its own, so the driver can stop waiting for it. */
    private final ExecutorService submitter = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "deadline block submitter");
        thread.setDaemon(true);
        return thread;
    });

    /** What one partition's task brings back: its move w − s over {@code samples} samples in {@code steps} steps. */
    record BlockMove(int epoch, int partition, int steps, int samples, Network move, long millis) implements Serializable {
    }

    /** A partition's task under way, and the block that started it (counted across epochs). */
    private record Task(long block, int epoch, CompletableFuture<BlockMove> result) {
    }

    /** @param blockVelocity the run's block velocity, changed in place; null to start from 0 */
    public DeadlineTrainer(SparkData data, int syncEvery, BlockUpdate blockUpdate, BlockDeadline deadline, Velocity blockVelocity) {
        super(data);
        if (syncEvery < 1) {
            throw new IllegalArgumentException("syncEvery must be positive, found " + syncEvery);
        }
        this.syncEvery = syncEvery;
        this.blockUpdate = blockUpdate;
        this.deadline = deadline;
        this.blockVelocity = blockVelocity;
        samplesSkipped = new long[data.training().getNumPartitions()];
    }

    @Override
    public int runEpoch(Network network, SgdSettings settings, int epoch, TrainingListener listener) {
        int m = settings.miniBatchSize();
        int parts = data.training().getNumPartitions();
        int[] steps = new int[parts];
        for (int p = 0; p < parts; p++) {
            steps[p] = (data.trainingPartitionSize(p) + m - 1) / m;
        }
        int[] cursor = new int[parts];
        int rounds = (Arrays.stream(steps).max().orElse(0) + syncEvery - 1) / syncEvery;
        int block = 0;
        while (true) {
            List<Integer> ready = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                if (!running.containsKey(p) && cursor[p] < steps[p]) {
                    ready.add(p);
                }
            }
            if (ready.isEmpty() && (running.isEmpty() || anyFinished(cursor, steps))) {
                break; // every partition that is not late has taken all its mini-batches
            }
            // With none ready and none finished, every partition is late: this block starts no task and takes what arrives.
            block++;
            blocksStarted++;
            listener.stepStarting(epoch, block, Math.max(rounds, block));
            long started = System.nanoTime();
            Velocity velocity = blockVelocity(network);
            Network start = blockUpdate.start(network, velocity);
            // The weights travel in each task, not in a broadcast: a broadcast's pieces may come from another executor that
            // fetched them, and a frozen or slow one then holds the others back with it, which is what this mode is for.
            // (Each job has one task, so a broadcast would save nothing.) A copy: Spark serializes the task after this returns.
            Network weights = start.copy();
            long budget = deadline.auto() ? Math.round(syncEvery * millisPerStep * (1 + BlockDeadline.SLACK)) : deadline.millis();
            for (int p : ready) {
                PartitionBlock task = new PartitionBlock(p, data.trainingFirst(), data.trainingSize(), weights, settings, epoch,
                        cursor[p], Math.min(steps[p], cursor[p] + syncEvery), budget);
                running.put(p, new Task(blocksStarted, epoch, submit(task, "epoch " + epoch + ", block " + block + ", partition " + p)));
            }
            List<BlockMove> arrived = awaitDeadline(started);
            long samples = 0;
            Network sum = null;
            for (BlockMove move : arrived) {
                if (move.epoch() == epoch) {
                    cursor[move.partition()] += move.steps();
                }
                move.move().scale(move.samples());
                if (sum == null) {
                    sum = move.move();
                } else {
                    sum.add(move.move());
                }
                samples += move.samples();
            }
            if (samples > 0) {
                // The mean over the samples that arrived: a late partition does not shrink the block's move (counting it as a
                // move of 0 made every block it missed about 1/P of a step, and cost a slow worker's run 0.48 points of accuracy).
                sum.scale(1.0 / samples);
                Network average = start.copy();
                average.add(sum);
                blockUpdate.apply(network, velocity, average, start);
            }
            Sgd.checkFinite(network, epoch, block, settings.eta());
            listener.stepDone(epoch, block, Math.max(rounds, block));
        }
        logSkipped(epoch, cursor, m);
        return block;
    }

    /** Whether some partition with mini-batches to take has taken all of them this epoch. */
    private static boolean anyFinished(int[] cursor, int[] steps) {
        for (int p = 0; p < steps.length; p++) {
            if (steps[p] > 0 && cursor[p] >= steps[p]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits for the block's deadline: a fixed time from {@code started}, or (auto) until half of the
     * tasks this block started have delivered and then half as long again; or less, when every task
     * has delivered. Waits for at least one. Returns the moves that arrived, from this block or earlier ones.
     *
     * <p>Only this block's tasks set the auto deadline: a late task of an earlier block can deliver
     * a moment after this block starts, and taking its arrival for the median's would leave the
     * partitions that are on time almost no time at all.
     */
    private List<BlockMove> awaitDeadline(long started) {
        long thisBlock = blocksStarted;
        long startedHere = running.values().stream().filter(task -> task.block() == thisBlock).count();
        long median = (startedHere + 1) / 2;
        long until = deadline.auto() ? Long.MAX_VALUE : started + TimeUnit.MILLISECONDS.toNanos(deadline.millis());
        while (true) {
            long done = running.values().stream().filter(task -> task.result().isDone()).count();
            long doneHere = running.values().stream().filter(task -> task.block() == thisBlock && task.result().isDone()).count();
            long now = System.nanoTime();
            if (done == running.size()) {
                break;
            }
            if (deadline.auto() && doneHere >= median && until == Long.MAX_VALUE) {
                until = now + Math.round((now - started) * BlockDeadline.SLACK);
            }
            if (done >= 1 && now >= until) {
                break;
            }
            CompletableFuture<?>[] waiting = running.values().stream().map(Task::result).filter(f -> !f.isDone())
                    .toArray(CompletableFuture[]::new);
            if (waiting.length == 0) {
                continue; // the last ones ended since they were counted (anyOf of none would never end)
            }
            try {
                CompletableFuture.anyOf(waiting).get(until == Long.MAX_VALUE ? 1000 : Math.max(1, (until - now) / 1_000_000),
                        TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // a deadline, or a failure that join() reports below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a block", e);
            }
        }
        List<BlockMove> arrived = new ArrayList<>();
        List<Double> paces = new ArrayList<>();
        for (Integer p : new ArrayList<>(running.keySet())) {
            Task task = running.get(p);
            if (task.result().isDone()) {
                running.remove(p);
                BlockMove move = task.result().join(); // a task that failed for good (after Spark's retries) fails the run
                arrived.add(move);
                if (move.steps() > 0) {
                    paces.add((double) move.millis() / move.steps());
                }
            }
        }
        if (!paces.isEmpty()) {
            paces.sort(null);
            millisPerStep = paces.get(paces.size() / 2);
        }
        return arrived;
    }

    /** Runs {@code task} as a Spark job on its partition alone, from a thread of its own. */
    private CompletableFuture<BlockMove> submit(PartitionBlock task, String description) {
        return CompletableFuture.supplyAsync(() -> {
            data.sc().setJobGroup(JOB_GROUP, description, true);
            Object results = data.sc().sc().runJob(data.training().rdd(), task,
                    CollectionConverters.asScala(List.<Object>of(task.partition())).toSeq(), ClassTag$.MODULE$.apply(BlockMove.class));
            return ((BlockMove[]) results)[0];
        }, submitter);
    }

    private void logSkipped(int epoch, int[] cursor, int m) {
        long skipped = 0;
        StringBuilder which = new StringBuilder();
        for (int p = 0; p < cursor.length; p++) {
            int left = Math.max(0, data.trainingPartitionSize(p) - cursor[p] * m);
            if (left > 0) {
                skipped += left;
                samplesSkipped[p] += left;
                which.append(which.length() == 0 ? "" : ", ").append("partition ").append(p).append(": ").append(left);
            }
        }
        if (skipped > 0) {
            LOG.info("epoch {}: the block deadline left {} of {} training samples untaken ({}; a late task's steps count in a later block)",
                    epoch, skipped, data.trainingSize(), which);
        }
    }

    /** The training samples that the ends of the epochs so far left untaken, over all epochs. */
    public long samplesSkipped() {
        return Arrays.stream(samplesSkipped).sum();
    }

    /**
     * Those of partition {@code p}. A late task's steps that arrive after its epoch ended count as
     * skipped in that epoch (they move the weights in the next one, from older weights).
     */
    public long samplesSkipped(int p) {
        return p < samplesSkipped.length ? samplesSkipped[p] : 0;
    }

    private Velocity blockVelocity(Network network) {
        if (blockVelocity == null) {
            blockVelocity = Velocity.zero(network.sizes());
        }
        return blockVelocity;
    }

    /** Cancels the tasks still running (their moves would come after the run) and stops the submitting threads. */
    @Override
    public void close() {
        if (!running.isEmpty()) {
            data.sc().cancelJobGroup(JOB_GROUP);
            for (Task task : running.values()) {
                try {
                    task.result().get(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    // cancelled: nothing of it is wanted
                }
            }
            running.clear();
        }
        submitter.shutdownNow();
    }

    /**
     * One partition's block, run where the partition is cached: mini-batches {@code from} up to
     * {@code to} of the partition's share of the epoch's shuffled order, each a step of the book's
     * rule from the block's weights (shipped in the task), until they are done or {@code budgetMillis} have passed (0:
     * no limit; at least one step is taken).
     */
    private record PartitionBlock(int partition, int first, int size, Network weights, SgdSettings settings,
                                  int epoch, int from, int to, long budgetMillis)
            implements Function1<Iterator<SampleBlock>, BlockMove>, Serializable {

        @Override
        public BlockMove apply(Iterator<SampleBlock> blocks) {
            long started = System.nanoTime();
            SampleBlock block = blocks.next();
            MiniBatches mine = MiniBatches.shuffled(first, size, settings.miniBatchSize(), settings.seed(), epoch)
                    .within(block.first(), block.size());
            DistortionPass distortions = settings.distortions(epoch);
            Network start = weights;
            LocalSteps local = LocalSteps.from(start, settings, size);
            int k = from;
            int samples = 0;
            while (k < to) {
                int[] members = mine.members(k);
                local.take(block, members, distortions);
                samples += members.length;
                k++;
                if (budgetMillis > 0 && System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(budgetMillis)) {
                    break;
                }
            }
            Network move = start.copy();
            move.scale(-1);
            move.add(local.network());
            return new BlockMove(epoch, partition, k - from, samples, move, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }
}
