package sparkprop.network;

import org.ojalgo.matrix.store.R064Store;

/**
 * network.py's {@code backprop} for a whole batch at once: the four backpropagation equations of
 * chapter 2 with one column per sample, so each is a matrix–matrix product and the sum over the
 * batch's samples falls out of BP3 and BP4. The cost is the quadratic cost C = ½‖y − a^L‖².
 *
 * <p>The sequential trainer and every Spark partition call {@link #gradient}; there is no other
 * copy of this arithmetic.
 */
public final class Backprop {

    private Backprop() {
    }

    /** nablaW and nablaB of the quadratic cost with the book's one-hot targets, summed over the batch's samples. */
    public static Gradient gradient(Network network, Batch batch) {
        return gradient(network, batch, Targets.ONE_HOT);
    }

    /** nablaW and nablaB of the quadratic cost for the given targets, summed over the batch's samples. */
    public static Gradient gradient(Network network, Batch batch, Targets targets) {
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
        // BP1: delta^L = ∇_a C ⊙ σ'(z^L), with ∇_a C = a^L − y for the quadratic cost.
        R064Store delta = costDerivative(activations[layers], batch.labels(), targets);
        multiplyBySigmoidPrime(delta, zs[layers - 1]);
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

    /** ∂C_x/∂a^L = a^L − y for the quadratic cost, y each sample's target vector. */
    static R064Store costDerivative(R064Store outputActivations, int[] labels, Targets targets) {
        R064Store derivative = outputActivations.copy();
        int outputs = derivative.getRowDim();
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < outputs; j++) {
                derivative.data[j + i * outputs] -= targets.value(labels[i], j);
            }
        }
        return derivative;
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
