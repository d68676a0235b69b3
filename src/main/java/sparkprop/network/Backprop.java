package sparkprop.network;

/**
 * network.py's {@code backprop} for a whole batch at once: the four backpropagation equations of
 * chapter 2 with one column per sample, so each is a matrix–matrix product and the sum over the
 * batch's samples falls out of BP3 and BP4. The cost decides only BP1 (see {@link Cost}).
 *
 * <p>The sequential trainer and every Spark partition call {@link #addGradient}; there is no other
 * copy of this arithmetic. The products are {@link MatrixProduct}'s; the activations and errors of
 * a step live in a {@link Workspace} that each thread reuses from step to step, so the hot path
 * allocates nothing but the sum that a Spark task hands back.
 */
public final class Backprop {

    private Backprop() {
    }

    /** nablaW and nablaB of the quadratic cost with the book's one-hot targets, summed over the batch's samples. */
    public static Gradient gradient(Network network, Batch batch) {
        return gradient(network, batch, Cost.QUADRATIC, Targets.ONE_HOT);
    }

    /** nablaW and nablaB of the given cost and targets, summed over the batch's samples (a new sum). */
    public static Gradient gradient(Network network, Batch batch, Cost cost, Targets targets) {
        Gradient sum = Gradient.zero();
        addGradient(network, batch, cost, targets, sum);
        return sum;
    }

    /**
     * Adds the batch's nablaW and nablaB into {@code sum} (MLlib's {@code Gradient.compute} shape: a
     * running sum, added into in place).
     */
    public static void addGradient(Network network, Batch batch, Cost cost, Targets targets, Gradient sum) {
        int layers = network.layers();
        int m = batch.size();
        Workspace work = Workspace.forThread(network, m);
        // Forward pass, keeping every layer's activations a (σ'(z) is computed from them below).
        double[][] activations = work.activations;
        activations[0] = batch.inputs().data;
        for (int l = 0; l < layers; l++) {
            network.activate(l, activations[l], m, activations[l + 1]);
        }

        boolean first = sum.prepare(network);
        double[] delta = work.deltas[layers - 1];
        // BP1: delta^L = ∇_a C ⊙ σ'(z^L); for the quadratic cost (a^L − y) ⊙ σ'(z^L), for cross-entropy a^L − y.
        outputError(activations[layers], network.outputs(layers - 1), m, batch.labels(), cost, targets, delta);
        for (int l = layers - 1; l >= 0; l--) {
            int rows = network.outputs(l);
            int inputs = network.inputs(l);
            // BP3: ∂C/∂b^l = delta^l, summed over the batch (row sums).
            addRowSums(delta, rows, m, sum.nablaB(l), first);
            // BP4: ∂C/∂w^l_jk = a^{l-1}_k delta^l_j, summed over the batch: delta^l (a^{l-1})^T.
            MatrixProduct.multiply(delta, rows, m, activations[l], inputs, 1, inputs, sum.nablaW(l), !first);
            if (l > 0) {
                // BP2: delta^{l-1} = ((w^l)^T delta^l) ⊙ σ'(z^{l-1}).
                double[] previous = work.deltas[l - 1];
                backpropagateError(network.weightArray(l), rows, inputs, delta, m, activations[l], previous);
                delta = previous;
            }
        }
        sum.addSamples(m);
    }

    /**
     * δ^L for every sample (column): the cost's output error for each output neuron, y the sample's
     * target vector.
     */
    private static void outputError(double[] outputActivations, int outputs, int m, int[] labels, Cost cost, Targets targets,
                                    double[] delta) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < outputs; j++) {
                int at = j + i * outputs;
                delta[at] = cost.outputError(outputActivations[at], targets.value(labels[i], j));
            }
        }
    }

    /**
     * BP2 as one fused loop: entry (k, i) is the dot product of column k of w and column i of δ
     * (both contiguous), times σ'(z). The weights of the later layer have few rows (10
     * outputs), so this is a small part of a step.
     */
    private static void backpropagateError(double[] w, int rows, int inputs, double[] delta, int m, double[] a, double[] previous) {
        for (int i = 0; i < m; i++) {
            int di = i * rows;
            for (int k = 0; k < inputs; k++) {
                int wk = k * rows;
                double dot = 0;
                for (int j = 0; j < rows; j++) {
                    dot = Math.fma(w[wk + j], delta[di + j], dot);
                }
                previous[k + i * inputs] = dot * Sigmoid.sigmoidPrimeOfActivation(a[k + i * inputs]);
            }
        }
    }

    private static void addRowSums(double[] matrix, int rows, int columns, double[] sums, boolean first) {
        if (first) {
            java.util.Arrays.fill(sums, 0.0);
        }
        for (int i = 0; i < columns; i++) {
            for (int j = 0; j < rows; j++) {
                sums[j] += matrix[j + i * rows];
            }
        }
    }

    /**
     * One thread's activations and errors for a network's shape and up to {@code columns} samples,
     * kept from step to step: a Spark executor runs one task per thread at a time, and each task
     * finishes with its step before the thread takes another.
     */
    private static final class Workspace {

        private static final ThreadLocal<Workspace> OF_THREAD = new ThreadLocal<>();

        private final int[] sizes;
        private final int columns;
        private final double[][] activations;
        private final double[][] deltas;

        private Workspace(int[] sizes, int columns) {
            this.sizes = sizes;
            this.columns = columns;
            int layers = sizes.length - 1;
            activations = new double[layers + 1][];
            deltas = new double[layers][];
            for (int l = 0; l < layers; l++) {
                activations[l + 1] = new double[sizes[l + 1] * columns];
                deltas[l] = new double[sizes[l + 1] * columns];
            }
        }

        static Workspace forThread(Network network, int columns) {
            Workspace work = OF_THREAD.get();
            if (work == null || work.columns < columns || !network.hasSizes(work.sizes)) {
                work = new Workspace(network.sizes(), columns);
                OF_THREAD.set(work);
            }
            return work;
        }
    }
}
