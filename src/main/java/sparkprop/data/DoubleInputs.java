package sparkprop.data;

/** Activations as given, samples one after another: the made-up inputs of tests and golden files. */
public record DoubleInputs(int inputSize, double[] values) implements SampleInputs {

    public DoubleInputs {
        if (inputSize <= 0 || values.length % inputSize != 0) {
            throw new IllegalArgumentException("expected whole samples of " + inputSize + " inputs, found " + values.length + " values");
        }
    }

    @Override
    public int count() {
        return values.length / inputSize;
    }

    @Override
    public void copySample(int sample, double[] column, int offset) {
        System.arraycopy(values, sample * inputSize, column, offset, inputSize);
    }

    @Override
    public void copySample(int sample, float[] column, int offset) {
        int start = sample * inputSize;
        for (int k = 0; k < inputSize; k++) {
            column[offset + k] = (float) values[start + k];
        }
    }

    @Override
    public void copyDistorted(int sample, ElasticDistortion distortion, long seed, double[] column, int offset) {
        throw new UnsupportedOperationException("--distort: expected images, found made-up inputs");
    }
}
