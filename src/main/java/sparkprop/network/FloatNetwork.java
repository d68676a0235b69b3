package sparkprop.network;

import org.ojalgo.matrix.store.R064Store;

/**
 * A network's parameters in single precision and the book's step on them, for
 * {@code --precision float32}: what PyTorch computes in by default. It is a working copy: a block
 * of local steps starts from a {@link Network} ({@link #of}), takes its steps here, and goes back
 * to double ({@link #toNetwork}) for what the driver does with it (averaging, checkpoints, saving).
 * A float run's test accuracy is counted in float too ({@link #classify}).
 *
 * <p>The step is {@link Backprop#addGradient} followed by {@link Network#update(Gradient, double,
 * double, int)}, the same equations in the same order, each product through
 * {@link FloatMatrixProduct}. Only the precision differs: each number is rounded to 24 bits instead
 * of 53, so a dot product over n terms carries a relative error up to about n·2⁻²⁴ (784 inputs:
 * 5·10⁻⁵) where double carries 10⁻¹³; a stochastic gradient's own noise is far larger.
 */
public final class FloatNetwork {

    private final int[] sizes;
    private final float[][] weights;
    private final float[][] biases;
    /** nablaW and nablaB of the step under way, summed over its mini-batch; null until the first step. */
    private float[][] nablaW;
    private float[][] nablaB;
    /** Activations a^l (a^0 the batch's inputs, not copied) and errors δ^l of up to {@code columns} samples, reused from step to step. */
    private float[][] activations;
    private float[][] deltas;
    private int columns;

    private FloatNetwork(int[] sizes, float[][] weights, float[][] biases) {
        this.sizes = sizes;
        this.weights = weights;
        this.biases = biases;
    }

    /** The network's parameters, each rounded to the nearest float. */
    public static FloatNetwork of(Network network) {
        int[] sizes = network.sizes();
        int layers = network.layers();
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = toFloats(network.weightArray(l));
            b[l] = toFloats(network.biases(l));
        }
        return new FloatNetwork(sizes, w, b);
    }

    /** The parameters as a network in double (each float is exactly a double). */
    public Network toNetwork() {
        int layers = weights.length;
        double[][] w = new double[layers][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = toDoubles(weights[l]);
            b[l] = toDoubles(biases[l]);
        }
        return Network.ofColumnMajor(sizes, w, b);
    }

    /**
     * One step of network2.py's {@code update_mini_batch} on {@code batch}: its summed nablaW and
     * nablaB (BP1–BP4), then w → (1 − eta·lambda/n) w − (eta/m) nablaW, b → b − (eta/m) nablaB
     * (equation 93; lambda = 0 is chapter 1's rule).
     */
    public void step(Batch batch, Cost cost, Targets targets, double eta, double lambda, int n) {
        step(FloatBatch.of(batch), cost, targets, eta, lambda, n);
    }

    /** The same step on a batch already in float (as a run's mini-batches come: {@code SampleBlock.selectInFloat}). */
    public void step(FloatBatch batch, Cost cost, Targets targets, double eta, double lambda, int n) {
        int m = batch.size();
        backprop(batch, m, cost, targets);
        float step = (float) (eta / m);
        float decay = (float) (1 - eta * lambda / n);
        for (int l = 0; l < weights.length; l++) {
            float[] w = weights[l];
            float[] gw = nablaW[l];
            for (int i = 0; i < w.length; i++) {
                w[i] = decay * w[i] - step * gw[i];
            }
            float[] b = biases[l];
            float[] gb = nablaB[l];
            for (int j = 0; j < b.length; j++) {
                b[j] -= step * gb[j];
            }
        }
    }

    /**
     * The network's answer for each column of {@code inputs}, fed forward in float: network.py's
     * {@code np.argmax(self.feedforward(x))}, the first of equal activations.
     */
    public int[] classify(R064Store inputs) {
        return classify(toFloats(inputs.data), inputs.getColDim());
    }

    /** The same for the first {@code columns} columns of {@code inputs}, already in float (column-major, one input layer a column). */
    public int[] classify(float[] inputs, int columns) {
        float[] a = inputs;
        for (int l = 0; l < weights.length; l++) {
            float[] next = new float[sizes[l + 1] * columns];
            activate(l, a, columns, next);
            a = next;
        }
        int outputs = sizes[sizes.length - 1];
        int[] answers = new int[columns];
        for (int i = 0; i < columns; i++) {
            int best = 0;
            for (int j = 1; j < outputs; j++) {
                if (a[j + i * outputs] > a[best + i * outputs]) {
                    best = j;
                }
            }
            answers[i] = best;
        }
        return answers;
    }

    /** Fills nablaW and nablaB with the batch's sums: {@link Backprop#addGradient}'s equations in float. */
    private void backprop(FloatBatch batch, int m, Cost cost, Targets targets) {
        makeRoom(m);
        int layers = weights.length;
        activations[0] = batch.inputs();
        for (int l = 0; l < layers; l++) {
            activate(l, activations[l], m, activations[l + 1]);
        }
        // BP1: δ^L = ∇_a C ⊙ σ'(z^L), the cost's output error.
        float[] delta = deltas[layers - 1];
        float[] output = activations[layers];
        int outputs = sizes[layers];
        int[] labels = batch.labels();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < outputs; j++) {
                delta[j + i * outputs] = (float) cost.outputError(output[j + i * outputs], targets.value(labels[i], j));
            }
        }
        for (int l = layers - 1; l >= 0; l--) {
            int rows = sizes[l + 1];
            int inputSize = sizes[l];
            // BP3: ∂C/∂b^l = δ^l, summed over the batch.
            rowSums(delta, rows, m, nablaB[l]);
            // BP4: ∂C/∂w^l = δ^l (a^{l-1})^T, summed over the batch.
            FloatMatrixProduct.multiply(delta, rows, m, activations[l], inputSize, 1, inputSize, nablaW[l], false);
            if (l > 0) {
                // BP2: δ^{l-1} = ((w^l)^T δ^l) ⊙ σ'(z^{l-1}).
                float[] previous = deltas[l - 1];
                backpropagateError(weights[l], rows, inputSize, delta, m, activations[l], previous);
                delta = previous;
            }
        }
    }

    /** a' = σ(w a + b) for weight layer l and the first {@code m} columns of {@code a}. */
    private void activate(int layer, float[] a, int m, float[] out) {
        int rows = sizes[layer + 1];
        FloatMatrixProduct.multiply(weights[layer], rows, sizes[layer], a, 1, sizes[layer], m, out, false);
        float[] b = biases[layer];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < rows; j++) {
                out[j + i * rows] = (float) Sigmoid.sigmoid(out[j + i * rows] + b[j]);
            }
        }
    }

    /** BP2 for every sample: entry (k, i) is column k of w dotted with column i of δ, times σ'(z) = a(1 − a). */
    private static void backpropagateError(float[] w, int rows, int inputs, float[] delta, int m, float[] a, float[] previous) {
        for (int i = 0; i < m; i++) {
            int di = i * rows;
            for (int k = 0; k < inputs; k++) {
                int wk = k * rows;
                float dot = 0;
                for (int j = 0; j < rows; j++) {
                    dot = Math.fma(w[wk + j], delta[di + j], dot);
                }
                float ak = a[k + i * inputs];
                previous[k + i * inputs] = dot * (ak * (1f - ak));
            }
        }
    }

    private static void rowSums(float[] matrix, int rows, int columns, float[] sums) {
        java.util.Arrays.fill(sums, 0f);
        for (int i = 0; i < columns; i++) {
            for (int j = 0; j < rows; j++) {
                sums[j] += matrix[j + i * rows];
            }
        }
    }

    /**
     * The step's workspace, made by the first step rather than with the network: the sums once, the
     * activations and errors again when a batch is wider. A network that only classifies (the
     * evaluation's) needs none of it.
     */
    private void makeRoom(int m) {
        int layers = weights.length;
        if (nablaW == null) {
            nablaW = new float[layers][];
            nablaB = new float[layers][];
            for (int l = 0; l < layers; l++) {
                nablaW[l] = new float[weights[l].length];
                nablaB[l] = new float[biases[l].length];
            }
        }
        if (activations != null && columns >= m) {
            return;
        }
        activations = new float[layers + 1][];
        deltas = new float[layers][];
        for (int l = 0; l < layers; l++) {
            activations[l + 1] = new float[sizes[l + 1] * m];
            deltas[l] = new float[sizes[l + 1] * m];
        }
        columns = m;
    }

    /** Each value rounded to the nearest float. */
    static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }
}
