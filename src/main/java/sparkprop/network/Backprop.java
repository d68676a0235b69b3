package sparkprop.network;

import org.ojalgo.matrix.store.R064Store;

/**
 * network.py's {@code backprop} for a whole batch at once: the four backpropagation equations of
 * chapter 2 with one column per sample, so each is a matrix–matrix product and the sum over the
 * batch's samples falls out of BP3 and BP4. The cost decides only BP1 (see {@link Cost}).
 *
 * <p>The sequential trainer and every Spark partition call {@link #gradient}; there is no other
 * copy of this arithmetic.
 */
public final class Backprop {

    private Backprop() {
    }

    /** nablaW and nablaB of the quadratic cost with the book's one-hot targets, summed over the batch's samples. */
    public static Gradient gradient(Network network, Batch batch) {
        return gradient(network, batch, Cost.QUADRATIC, Targets.ONE_HOT);
    }

    /** nablaW and nablaB of the given cost and targets, summed over the batch's samples. */
    public static Gradient gradient(Network network, Batch batch, Cost cost, Targets targets) {
        int layers = network.layers();
        // Forward pass, keeping every layer's weighted inputs z and activations a.
        R064Store[] activations = new R064Store[layers + 1];
        R064Store[] zs = new R064Store[layers];
        activations[0] = batch.inputs();
        for (int l = 0; l < layers; l++) {
            zs[l] = network.weightedInputs(l, activations[l]);
            activations[l + 1] = activate(zs[l]);
        }

        double[][] nablaW = new double[layers][];
        double[][] nablaB = new double[layers][];
        // BP1: delta^L = ∇_a C ⊙ σ'(z^L); for the quadratic cost (a^L − y) ⊙ σ'(z^L), for cross-entropy a^L − y.
        R064Store delta = outputError(activations[layers], zs[layers - 1], batch.labels(), cost, targets);
        for (int l = layers - 1; l >= 0; l--) {
            // BP3: ∂C/∂b^l = delta^l, summed over the batch (row sums).
            nablaB[l] = rowSums(delta);
            // BP4: ∂C/∂w^l_jk = a^{l-1}_k delta^l_j, summed over the batch: delta^l (a^{l-1})^T.
            R064Store layerNablaW = R064Store.FACTORY.make(delta.getRowDim(), activations[l].getRowDim());
            layerNablaW.fillByMultiplying(delta, activations[l].transpose());
            nablaW[l] = layerNablaW.data;
            if (l > 0) {
                // BP2: delta^l = ((w^{l+1})^T delta^{l+1}) ⊙ σ'(z^l).
                R064Store previous = R064Store.FACTORY.make(zs[l - 1].getRowDim(), delta.getColDim());
                previous.fillByMultiplying(network.weights(l).transpose(), delta);
                multiplyBySigmoidPrime(previous, zs[l - 1]);
                delta = previous;
            }
        }
        return Gradient.of(nablaW, nablaB, batch.size());
    }

    /** σ(z) for every entry: a layer's activations from its weighted inputs. */
    static R064Store activate(R064Store z) {
        R064Store a = R064Store.FACTORY.make(z.getRowDim(), z.getColDim());
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = Sigmoid.sigmoid(z.data[i]);
        }
        return a;
    }

    /** δ^L for every sample (column): the cost's output error for each output neuron, y the sample's target vector. */
    static R064Store outputError(R064Store outputActivations, R064Store z, int[] labels, Cost cost, Targets targets) {
        int outputs = outputActivations.getRowDim();
        R064Store delta = R064Store.FACTORY.make(outputs, labels.length);
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < outputs; j++) {
                int at = j + i * outputs;
                delta.data[at] = cost.outputError(outputActivations.data[at], targets.value(labels[i], j), z.data[at]);
            }
        }
        return delta;
    }

    private static void multiplyBySigmoidPrime(R064Store delta, R064Store z) {
        for (int i = 0; i < delta.data.length; i++) {
            delta.data[i] *= Sigmoid.sigmoidPrime(z.data[i]);
        }
    }

    private static double[] rowSums(R064Store matrix) {
        int rows = matrix.getRowDim();
        double[] sums = new double[rows];
        for (int i = 0; i < matrix.data.length; i++) {
            sums[i % rows] += matrix.data[i];
        }
        return sums;
    }
}
