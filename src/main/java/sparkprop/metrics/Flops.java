package sparkprop.metrics;

/**
 * Useful floating-point work of training, counted as the book's algorithm needs it: a multiply-add
 * is 2 FLOPs; per sample, the forward pass (w a, every layer), BP4 (delta a^T, every layer) and
 * BP2 (w^T delta, every layer but the first) each cost 2 × (the weights involved).
 */
public final class Flops {

    private Flops() {
    }

    /** FLOPs of forward and backward passes for one training sample. */
    public static long perTrainingSample(int[] sizes) {
        long all = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            all += (long) sizes[l] * sizes[l + 1];
        }
        long first = (long) sizes[0] * sizes[1];
        return 2 * all + 2 * all + 2 * (all - first);
    }
}
