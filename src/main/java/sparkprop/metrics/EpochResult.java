package sparkprop.metrics;

/**
 * What one epoch of training gave: test accuracy and how long it took.
 *
 * @param epoch   0-based, as network.py prints it
 * @param correct test images classified correctly
 * @param total   test images
 * @param seconds the epoch's wall time, evaluation included
 * @param steps   mini-batch updates in the epoch
 */
public record EpochResult(int epoch, int correct, int total, double seconds, int steps) {

    /** The book's line, {@code Epoch 0: 9012 / 10000}, then this run's figures in parentheses. */
    public String logLine() {
        return String.format("Epoch %d: %d / %d (%.1f s, %d steps, %.2f ms/step)",
                epoch, correct, total, seconds, steps, millisPerStep());
    }

    public double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }

    public double millisPerStep() {
        return steps == 0 ? 0 : seconds * 1000.0 / steps;
    }
}
