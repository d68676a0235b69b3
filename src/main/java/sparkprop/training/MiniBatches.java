package sparkprop.training;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How an epoch's samples are dealt into mini-batches, as network.py's {@code SGD} does: shuffle the
 * training data, then take {@code data[k*m:(k+1)*m]} for k = 0, 1, ...; the last batch may be shorter.
 * The shuffle of epoch j depends only on (seed, j), so every trainer, on any number of partitions,
 * and a run resumed at epoch j, sees the same mini-batches.
 */
public final class MiniBatches {

    private final int[] order;
    private final int miniBatchSize;

    /** Mini-batches of samples taken in the given order (global sample indices). */
    public MiniBatches(int[] order, int miniBatchSize) {
        if (miniBatchSize <= 0) {
            throw new IllegalArgumentException("miniBatchSize must be positive, found " + miniBatchSize);
        }
        this.order = order;
        this.miniBatchSize = miniBatchSize;
    }

    /** Epoch {@code epoch}'s mini-batches of samples {@code first} to {@code first + n − 1}, shuffled from (seed, epoch). */
    public static MiniBatches shuffled(int first, int n, int miniBatchSize, long seed, int epoch) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = first + i;
        }
        // Fisher–Yates, with epoch j's own generator: the (j+1)-th split of the seed's generator.
        SplittableRandom seeded = new SplittableRandom(seed);
        SplittableRandom random = seeded.split();
        for (int j = 0; j < epoch; j++) {
            random = seeded.split();
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return new MiniBatches(order, miniBatchSize);
    }

    /** Mini-batches of samples {@code first} to {@code first + n − 1} in their stored order (no shuffle). */
    public static MiniBatches inOrder(int first, int n, int miniBatchSize) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = first + i;
        }
        return new MiniBatches(order, miniBatchSize);
    }

    /** The same order restricted to samples {@code first} to {@code first + count − 1}, dealt into mini-batches of the same size. */
    public MiniBatches within(int first, int count) {
        // A plain loop rather than a stream: every local-SGD task runs it over the whole epoch's order, often before C2 has.
        int[] mine = new int[Math.min(count, order.length)];
        int kept = 0;
        for (int i : order) {
            if (i >= first && i < first + count) {
                mine[kept++] = i;
            }
        }
        return new MiniBatches(kept == mine.length ? mine : Arrays.copyOf(mine, kept), miniBatchSize);
    }

    /** The number of mini-batches, the last one possibly shorter: ⌈n / m⌉. */
    public int count() {
        return (order.length + miniBatchSize - 1) / miniBatchSize;
    }

    /** The global sample indices of mini-batch k. */
    public int[] members(int k) {
        int from = k * miniBatchSize;
        return Arrays.copyOfRange(order, from, Math.min(order.length, from + miniBatchSize));
    }
}
