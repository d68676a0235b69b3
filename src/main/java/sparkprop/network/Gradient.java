package sparkprop.network;

import java.io.Serializable;

/**
 * ∂C/∂w and ∂C/∂b, the book's {@code nablaW} and {@code nablaB}, summed over {@code samples} samples.
 * Sums add: a partition's partial sum and the driver's total are the same kind of object, which is
 * what lets Spark's {@code treeAggregate} combine them. {@link #zero()} holds no arrays, so the zero
 * value that Spark ships with every task costs nothing to serialize.
 */
public final class Gradient implements Serializable {

    private static final long serialVersionUID = 1L;

    /** nablaW[l] has the shape of the network's weights l (column-major), nablaB[l] of its biases l. */
    private double[][] nablaW;
    private double[][] nablaB;
    private int samples;

    private Gradient(double[][] nablaW, double[][] nablaB, int samples) {
        this.nablaW = nablaW;
        this.nablaB = nablaB;
        this.samples = samples;
    }

    /** An empty sum: the zero of {@link #add(Gradient)}. */
    public static Gradient zero() {
        return new Gradient(null, null, 0);
    }

    /** The sums over {@code samples} samples; the arrays are taken, not copied. */
    public static Gradient of(double[][] nablaW, double[][] nablaB, int samples) {
        return new Gradient(nablaW, nablaB, samples);
    }

    /** Adds another sum into this one and returns this one (Spark's seqOp and combOp both use it). */
    public Gradient add(Gradient other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            nablaW = deepCopy(other.nablaW);
            nablaB = deepCopy(other.nablaB);
        } else {
            for (int l = 0; l < nablaW.length; l++) {
                addInto(nablaW[l], other.nablaW[l]);
                addInto(nablaB[l], other.nablaB[l]);
            }
        }
        samples += other.samples;
        return this;
    }

    /**
     * Makes room for {@code network}'s gradient, keeping arrays that are already there, and says
     * whether the sum is empty: then the arrays hold nothing of value and the next terms are written
     * into them rather than added ({@link Backprop#addGradient}).
     */
    boolean prepare(Network network) {
        if (nablaW == null) {
            int[] sizes = network.sizes();
            nablaW = new double[sizes.length - 1][];
            nablaB = new double[sizes.length - 1][];
            for (int l = 0; l + 1 < sizes.length; l++) {
                nablaW[l] = new double[sizes[l + 1] * sizes[l]];
                nablaB[l] = new double[sizes[l + 1]];
            }
        }
        return isEmpty();
    }

    /** Counts {@code count} more samples in the sum, after their terms were added. */
    void addSamples(int count) {
        samples += count;
    }

    /** Empties the sum, keeping its arrays for the next one (the sequential trainer's one sum per run). */
    public Gradient clear() {
        samples = 0;
        return this;
    }

    /** The number of weight layers summed; 0 for an empty sum. */
    public int layers() {
        return nablaW == null ? 0 : nablaW.length;
    }

    public boolean isEmpty() {
        return samples == 0;
    }

    /** How many samples were summed: the book's {@code len(mini_batch)}. */
    public int samples() {
        return samples;
    }

    /** Summed ∂C/∂w of layer l, column-major like {@link Network#weights}. */
    public double[] nablaW(int layer) {
        return nablaW[layer];
    }

    /** Summed ∂C/∂b of layer l. */
    public double[] nablaB(int layer) {
        return nablaB[layer];
    }

    private static double[][] deepCopy(double[][] arrays) {
        double[][] copy = new double[arrays.length][];
        for (int l = 0; l < arrays.length; l++) {
            copy[l] = arrays[l].clone();
        }
        return copy;
    }

    private static void addInto(double[] sum, double[] term) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += term[i];
        }
    }
}
