package sparkprop.network;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Random;

import org.ojalgo.matrix.store.R064Store;

/**
 * A fully-connected network of sigmoid neurons: the state of network.py's {@code Network}.
 *
 * <p>{@code sizes[0]} is the input layer, which has no biases. Weights l connect layer l to layer
 * l+1: a {@code sizes[l+1] × sizes[l]} matrix whose entry (j, k) is the weight from neuron k of layer
 * l to neuron j of layer l+1, as in the book. The parameters are plain arrays, column-major (ojalgo's
 * layout, so {@link #weights(int)} wraps them without copying), which Spark serializes cheaply.
 */
public final class Network implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] sizes;
    private final double[][] weights;
    private final double[][] biases;

    private Network(int[] sizes, double[][] weights, double[][] biases) {
        this.sizes = sizes.clone();
        this.weights = weights;
        this.biases = biases;
    }

    /**
     * The book's chapter-1 initialization: every weight and bias drawn from N(0, 1), from a seeded
     * generator so that a run can be repeated. Drawn layer by layer, biases before weights.
     */
    public static Network gaussian(int[] sizes, long seed) {
        checkSizes(sizes);
        Random random = new Random(seed);
        int layers = sizes.length - 1;
        double[][] weights = new double[layers][];
        double[][] biases = new double[layers][];
        for (int l = 0; l < layers; l++) {
            biases[l] = gaussians(random, sizes[l + 1]);
            weights[l] = gaussians(random, sizes[l + 1] * sizes[l]);
        }
        return new Network(sizes, weights, biases);
    }

    /**
     * Chapter 3's initialization (network2.py's {@code default_weight_initializer}): weights from
     * N(0, 1/n_in), n_in the number of inputs of the neuron, so that weighted inputs do not start
     * saturated; biases from N(0, 1). Same draws, in the same order, as {@link #gaussian}, scaled.
     */
    public static Network scaledGaussian(int[] sizes, long seed) {
        Network network = gaussian(sizes, seed);
        for (int l = 0; l < network.layers(); l++) {
            double scale = 1 / Math.sqrt(sizes[l]);
            for (int i = 0; i < network.weights[l].length; i++) {
                network.weights[l][i] *= scale;
            }
        }
        return network;
    }

    /**
     * A network with the given parameters, in network2.py's JSON layout: {@code weights[l][j][k]} and
     * {@code biases[l][j]}. The arrays are copied.
     */
    public static Network of(int[] sizes, double[][][] weights, double[][] biases) {
        checkSizes(sizes);
        int layers = sizes.length - 1;
        if (weights.length != layers || biases.length != layers) {
            throw new IllegalArgumentException("sizes " + Arrays.toString(sizes) + " need " + layers
                    + " weight matrices and bias vectors, found " + weights.length + " and " + biases.length);
        }
        double[][] w = new double[layers][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int rows = sizes[l + 1];
            int cols = sizes[l];
            if (weights[l].length != rows || biases[l].length != rows) {
                throw new IllegalArgumentException("layer " + l + " needs " + rows + " rows of weights and biases");
            }
            w[l] = new double[rows * cols];
            for (int j = 0; j < rows; j++) {
                if (weights[l][j].length != cols) {
                    throw new IllegalArgumentException("weights " + l + " row " + j + " needs " + cols + " entries, found " + weights[l][j].length);
                }
                for (int k = 0; k < cols; k++) {
                    w[l][j + k * rows] = weights[l][j][k];
                }
            }
            b[l] = biases[l].clone();
        }
        return new Network(sizes, w, b);
    }

    /**
     * A network from parameters in this class's own layout: {@code weights[l]} column-major
     * {@code sizes[l+1] × sizes[l]}, {@code biases[l]} of length {@code sizes[l+1]}. The arrays are taken, not copied.
     */
    public static Network ofColumnMajor(int[] sizes, double[][] weights, double[][] biases) {
        checkSizes(sizes);
        int layers = sizes.length - 1;
        if (weights.length != layers || biases.length != layers) {
            throw new IllegalArgumentException("sizes " + Arrays.toString(sizes) + " need " + layers
                    + " weight matrices and bias vectors, found " + weights.length + " and " + biases.length);
        }
        for (int l = 0; l < layers; l++) {
            if (weights[l].length != sizes[l + 1] * sizes[l] || biases[l].length != sizes[l + 1]) {
                throw new IllegalArgumentException("layer " + l + " of sizes " + Arrays.toString(sizes) + " needs "
                        + sizes[l + 1] * sizes[l] + " weights and " + sizes[l + 1] + " biases, found "
                        + weights[l].length + " and " + biases[l].length);
            }
        }
        return new Network(sizes, weights, biases);
    }

    public int[] sizes() {
        return sizes.clone();
    }

    /** The number of weight layers: one less than the number of layers of neurons. */
    public int layers() {
        return weights.length;
    }

    /** Weights l as an ojalgo matrix (a view of this network's array, not a copy). */
    public R064Store weights(int layer) {
        return R064Store.wrap(weights[layer], sizes[layer + 1]);
    }

    /** Biases l (one per neuron of layer l+1); the caller must not change the array. */
    public double[] biases(int layer) {
        return biases[layer];
    }

    /** The weight from neuron k of layer l to neuron j of layer l+1. */
    public double weight(int layer, int j, int k) {
        return weights[layer][j + k * sizes[layer + 1]];
    }

    /** The bias of neuron j of layer l+1. */
    public double bias(int layer, int j) {
        return biases[layer][j];
    }

    /**
     * The gradient-descent step of network.py's {@code update_mini_batch}:
     * w → w − (eta/m) nablaW and b → b − (eta/m) nablaB, with m the number of samples summed.
     */
    public void update(Gradient gradient, double eta) {
        update(gradient, eta, 0, 1);
    }

    /**
     * network2.py's step with L2 regularization (the book's equation 93):
     * w → (1 − eta·lambda/n) w − (eta/m) nablaW, b → b − (eta/m) nablaB; n is the size of the
     * training set, m the number of samples summed. The biases are not decayed.
     */
    public void update(Gradient gradient, double eta, double lambda, int n) {
        double step = eta / gradient.samples();
        double decay = 1 - eta * lambda / n;
        for (int l = 0; l < layers(); l++) {
            // One pass: (decay·w) − (step·nablaW), each product rounded as the two-pass form rounds it
            // (Java does not fuse them), and decay·w = w exactly when lambda is 0.
            double[] w = weights[l];
            double[] nablaW = gradient.nablaW(l);
            for (int i = 0; i < w.length; i++) {
                w[i] = decay * w[i] - step * nablaW[i];
            }
            subtractScaled(biases[l], step, gradient.nablaB(l));
        }
    }

    /**
     * Chapter 3's momentum-based gradient descent ("Variations on stochastic gradient descent"):
     * v → μv − eta·∇C, w → w + v, with ∇C the mini-batch's mean gradient plus, for the weights, the
     * L2 term (lambda/n)·w of equation 93: v → μv − (eta·lambda/n) w − (eta/m) nablaW, and for the
     * biases v → μv − (eta/m) nablaB. With μ = 0 this is {@link #update(Gradient, double, double, int)},
     * which it then calls, so the book's runs stay bit for bit as they were.
     */
    public void update(Gradient gradient, double eta, double lambda, int n, double momentum, Velocity velocity) {
        if (momentum == 0) {
            update(gradient, eta, lambda, n);
            return;
        }
        double step = eta / gradient.samples();
        double l2Step = eta * lambda / n;
        for (int l = 0; l < layers(); l++) {
            double[] w = weights[l];
            double[] v = velocity.weights(l);
            double[] nablaW = gradient.nablaW(l);
            for (int i = 0; i < w.length; i++) {
                v[i] = momentum * v[i] - l2Step * w[i] - step * nablaW[i];
                w[i] += v[i];
            }
            double[] b = biases[l];
            double[] vb = velocity.biases(l);
            double[] nablaB = gradient.nablaB(l);
            for (int j = 0; j < b.length; j++) {
                vb[j] = momentum * vb[j] - step * nablaB[j];
                b[j] += vb[j];
            }
        }
    }

    /** w → w + factor·v for every weight and bias: a move along a velocity. */
    public void addScaled(double factor, Velocity velocity) {
        for (int l = 0; l < layers(); l++) {
            subtractScaled(weights[l], -factor, velocity.weights(l));
            subtractScaled(biases[l], -factor, velocity.biases(l));
        }
    }

    /** this += other, parameter by parameter: with {@link #scale}, how partitions' weights are averaged. */
    public void add(Network other) {
        if (!Arrays.equals(sizes, other.sizes)) {
            throw new IllegalArgumentException("cannot add a network of sizes " + Arrays.toString(other.sizes) + " to one of " + Arrays.toString(sizes));
        }
        for (int l = 0; l < layers(); l++) {
            subtractScaled(weights[l], -1.0, other.weights[l]);
            subtractScaled(biases[l], -1.0, other.biases[l]);
        }
    }

    /** Multiplies every parameter by {@code factor}. */
    public void scale(double factor) {
        for (int l = 0; l < layers(); l++) {
            for (int i = 0; i < weights[l].length; i++) {
                weights[l][i] *= factor;
            }
            for (int i = 0; i < biases[l].length; i++) {
                biases[l][i] *= factor;
            }
        }
    }

    /** Makes this network's parameters equal to {@code other}'s. */
    public void setTo(Network other) {
        if (!Arrays.equals(sizes, other.sizes)) {
            throw new IllegalArgumentException("cannot set a network of sizes " + Arrays.toString(sizes) + " to one of " + Arrays.toString(other.sizes));
        }
        for (int l = 0; l < layers(); l++) {
            System.arraycopy(other.weights[l], 0, weights[l], 0, weights[l].length);
            System.arraycopy(other.biases[l], 0, biases[l], 0, biases[l].length);
        }
    }

    /**
     * The output activations for every column of {@code inputs} (network.py's {@code feedforward}):
     * a' = σ(w a + b), layer by layer.
     */
    public R064Store feedforward(R064Store inputs) {
        double[] a = inputs.data;
        int columns = inputs.getColDim();
        for (int l = 0; l < layers(); l++) {
            double[] next = new double[sizes[l + 1] * columns];
            activate(l, a, columns, next);
            a = next;
        }
        return R064Store.wrap(a, sizes[sizes.length - 1]);
    }

    /**
     * The network's answer for each column of {@code inputs}: the output neuron with the highest
     * activation (network.py's {@code np.argmax(self.feedforward(x))}).
     */
    public int[] classify(R064Store inputs) {
        R064Store out = feedforward(inputs);
        int[] answers = new int[out.getColDim()];
        for (int i = 0; i < answers.length; i++) {
            answers[i] = argmax(out, i);
        }
        return answers;
    }

    /** The index of the largest activation in column {@code column} of {@code outputs} (the first of equals). */
    public static int argmax(R064Store outputs, int column) {
        int rows = outputs.getRowDim();
        int best = 0;
        for (int j = 1; j < rows; j++) {
            if (outputs.data[j + column * rows] > outputs.data[best + column * rows]) {
                best = j;
            }
        }
        return best;
    }

    /** Σ‖w‖² over every weight (not the biases): the L2 term of network2.py's total_cost. */
    public double sumOfSquaredWeights() {
        double sum = 0;
        for (double[] layer : weights) {
            for (double w : layer) {
                sum += w * w;
            }
        }
        return sum;
    }

    /** How many of the batch's samples the network classifies correctly (network.py's {@code evaluate}). */
    public int countCorrect(Batch batch) {
        int[] answers = classify(batch.inputs());
        int correct = 0;
        for (int i = 0; i < answers.length; i++) {
            if (answers[i] == batch.labels()[i]) {
                correct++;
            }
        }
        return correct;
    }

    /**
     * a' = σ(w a + b) for weight layer l and the first {@code columns} columns of {@code a}
     * (column-major, {@code sizes[l]} rows): the activations of layer l+1, written into {@code out}.
     */
    void activate(int layer, double[] a, int columns, double[] out) {
        int rows = sizes[layer + 1];
        MatrixProduct.multiply(weights[layer], rows, sizes[layer], a, 1, sizes[layer], columns, out, false);
        double[] b = biases[layer];
        for (int i = 0; i < columns; i++) {
            for (int j = 0; j < rows; j++) {
                out[j + i * rows] = Sigmoid.sigmoid(out[j + i * rows] + b[j]);
            }
        }
    }

    /** The number of neurons that weight layer l feeds: {@code sizes[l+1]}. */
    int outputs(int layer) {
        return sizes[layer + 1];
    }

    /** The number of neurons that feed weight layer l: {@code sizes[l]}. */
    int inputs(int layer) {
        return sizes[layer];
    }

    /** Weights l, column-major, the array itself: for the products of {@link Backprop}, which only read it. */
    double[] weightArray(int layer) {
        return weights[layer];
    }

    /** Whether this network has the given layer sizes. */
    boolean hasSizes(int[] other) {
        return Arrays.equals(sizes, other);
    }

    /**
     * The first parameter that is NaN or infinite, as "weight (j, k) of layer l = Infinity", or null
     * when all are finite: how a diverging run is caught at the step where it happens.
     */
    public String firstNonFinite() {
        for (int l = 0; l < layers(); l++) {
            int rows = sizes[l + 1];
            for (int i = 0; i < weights[l].length; i++) {
                if (!Double.isFinite(weights[l][i])) {
                    return "weight (" + i % rows + ", " + i / rows + ") of layer " + l + " = " + weights[l][i];
                }
            }
            for (int j = 0; j < biases[l].length; j++) {
                if (!Double.isFinite(biases[l][j])) {
                    return "bias " + j + " of layer " + l + " = " + biases[l][j];
                }
            }
        }
        return null;
    }

    /** An independent copy, for trainers that must not share state. */
    public Network copy() {
        double[][] w = new double[weights.length][];
        double[][] b = new double[biases.length][];
        for (int l = 0; l < weights.length; l++) {
            w[l] = weights[l].clone();
            b[l] = biases[l].clone();
        }
        return new Network(sizes, w, b);
    }

    /** The largest absolute difference between any two corresponding parameters of two networks. */
    public double maxAbsDifference(Network other) {
        if (!Arrays.equals(sizes, other.sizes)) {
            throw new IllegalArgumentException("networks of sizes " + Arrays.toString(sizes) + " and " + Arrays.toString(other.sizes));
        }
        double max = 0;
        for (int l = 0; l < layers(); l++) {
            for (int i = 0; i < weights[l].length; i++) {
                max = Math.max(max, Math.abs(weights[l][i] - other.weights[l][i]));
            }
            for (int i = 0; i < biases[l].length; i++) {
                max = Math.max(max, Math.abs(biases[l][i] - other.biases[l][i]));
            }
        }
        return max;
    }

    private static void checkSizes(int[] sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a network needs at least two layers, found " + Arrays.toString(sizes));
        }
        for (int size : sizes) {
            if (size <= 0) {
                throw new IllegalArgumentException("layer sizes must be positive, found " + Arrays.toString(sizes));
            }
        }
    }

    private static double[] gaussians(Random random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private static void subtractScaled(double[] target, double scale, double[] values) {
        for (int i = 0; i < target.length; i++) {
            target[i] -= scale * values[i];
        }
    }
}
