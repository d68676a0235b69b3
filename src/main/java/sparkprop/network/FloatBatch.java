package sparkprop.network;

/**
 * A {@link Batch} in single precision, for {@code --precision float32}: column i of {@code inputs}
 * ({@code inputSize} floats, column-major) is sample i's input activations, {@code labels[i]} its
 * digit. The data assembles it straight from the pixels' bytes, without a batch of doubles between.
 */
public record FloatBatch(float[] inputs, int inputSize, int[] labels) {

    public FloatBatch {
        if (inputs.length != inputSize * labels.length) {
            throw new IllegalArgumentException("a batch of " + labels.length + " samples of " + inputSize + " inputs needs "
                    + inputSize * labels.length + " floats, found " + inputs.length);
        }
    }

    /** The batch's inputs each rounded to the nearest float. */
    public static FloatBatch of(Batch batch) {
        return new FloatBatch(FloatNetwork.toFloats(batch.inputs().data), batch.inputs().getRowDim(), batch.labels());
    }

    public int size() {
        return labels.length;
    }
}
