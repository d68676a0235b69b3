package sparkprop.metrics;

import java.io.Serializable;

/**
 * A network's cost summed over some samples, and how many of them it classifies correctly (a
 * partition's figures, which Spark's accumulators add up, or a whole set's).
 */
public record Score(double costSum, long correct, long samples) implements Serializable {

    public static final Score NONE = new Score(0, 0, 0);

    /** The mean cost per sample (network2.py's total_cost before its L2 term); NaN for no samples. */
    public double meanCost() {
        return samples == 0 ? Double.NaN : costSum / samples;
    }

    /** The fraction classified correctly; NaN for no samples. */
    public double accuracy() {
        return samples == 0 ? Double.NaN : (double) correct / samples;
    }
}
