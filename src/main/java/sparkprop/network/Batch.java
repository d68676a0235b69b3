package sparkprop.network;

import org.ojalgo.matrix.store.R064Store;

/**
 * Samples side by side, the form backprop works on: column i of {@code inputs} is sample i's input
 * activations and {@code labels[i]} its digit (the index of the output neuron that should fire).
 * Putting a mini-batch in one matrix turns the book's per-sample loop into matrix–matrix products.
 */
public record Batch(R064Store inputs, int[] labels) {

    public Batch {
        if (inputs.getColDim() != labels.length) {
            throw new IllegalArgumentException(
                    "a batch needs one label per input column: " + inputs.getColDim() + " columns, " + labels.length + " labels");
        }
    }

    /** A batch from per-sample input vectors ({@code inputs[i]} is sample i). */
    public static Batch of(double[][] inputs, int[] labels) {
        int rows = inputs.length == 0 ? 0 : inputs[0].length;
        double[] columnMajor = new double[rows * inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            System.arraycopy(inputs[i], 0, columnMajor, i * rows, rows);
        }
        return new Batch(R064Store.wrap(columnMajor, rows), labels);
    }

    public int size() {
        return labels.length;
    }
}
