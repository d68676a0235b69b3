package sparkprop.network;

import java.io.Serializable;

/**
 * The velocities of chapter 3's momentum-based gradient descent: one v per weight and per bias,
 * with the shapes of a network's parameters (column-major weights, like {@link Network}). A run
 * keeps one and changes it in place; checkpoints save it, so a resumed run goes on with the same
 * velocities. With the partitions' block updates ({@code --sync-every}) it is the driver's block
 * velocity instead (see {@code sparkprop.training.BlockUpdate}).
 */
public final class Velocity implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double[][] weights;
    private final double[][] biases;

    private Velocity(double[][] weights, double[][] biases) {
        this.weights = weights;
        this.biases = biases;
    }

    /** All velocities 0: the state before the first step. */
    public static Velocity zero(int[] sizes) {
        double[][] weights = new double[sizes.length - 1][];
        double[][] biases = new double[sizes.length - 1][];
        for (int l = 0; l + 1 < sizes.length; l++) {
            weights[l] = new double[sizes[l + 1] * sizes[l]];
            biases[l] = new double[sizes[l + 1]];
        }
        return new Velocity(weights, biases);
    }

    /** Velocities in {@link Network}'s layout, taken as they are (a checkpoint's). */
    public static Velocity of(double[][] weights, double[][] biases) {
        return new Velocity(weights, biases);
    }

    public int layers() {
        return weights.length;
    }

    /** The velocities of weights l, column-major: the array itself. */
    public double[] weights(int layer) {
        return weights[layer];
    }

    /** The velocities of biases l: the array itself. */
    public double[] biases(int layer) {
        return biases[layer];
    }

    /**
     * v → μ·v + step·(to − from), parameter by parameter: a block velocity taking in one block's
     * move from the weights {@code from} to the weights {@code to}.
     */
    public void accumulate(double momentum, double step, Network to, Network from) {
        for (int l = 0; l < weights.length; l++) {
            blend(weights[l], momentum, step, to.weights(l).data, from.weights(l).data);
            blend(biases[l], momentum, step, to.biases(l), from.biases(l));
        }
    }

    private static void blend(double[] v, double momentum, double step, double[] to, double[] from) {
        for (int i = 0; i < v.length; i++) {
            v[i] = momentum * v[i] + step * (to[i] - from[i]);
        }
    }

    /** Makes this velocity equal to {@code other}. */
    public void setTo(Velocity other) {
        for (int l = 0; l < weights.length; l++) {
            System.arraycopy(other.weights[l], 0, weights[l], 0, weights[l].length);
            System.arraycopy(other.biases[l], 0, biases[l], 0, biases[l].length);
        }
    }

    /** The largest absolute difference between two velocities, entry by entry. */
    public double maxAbsDifference(Velocity other) {
        double max = 0;
        for (int l = 0; l < weights.length; l++) {
            for (int i = 0; i < weights[l].length; i++) {
                max = Math.max(max, Math.abs(weights[l][i] - other.weights[l][i]));
            }
            for (int i = 0; i < biases[l].length; i++) {
                max = Math.max(max, Math.abs(biases[l][i] - other.biases[l][i]));
            }
        }
        return max;
    }
}
