package sparkprop.data;

import java.io.Serializable;

/**
 * The input activations of a block's samples, {@link #inputSize} per sample, handed out column by
 * column when a mini-batch or an evaluation chunk is assembled. Images are kept as their pixels'
 * bytes ({@link PixelInputs}, under 1 KB an MNIST sample in the cache, where doubles took 6.3 KB) and
 * scaled on the way out; made-up inputs of tests as the doubles they are ({@link DoubleInputs}).
 */
public interface SampleInputs extends Serializable {

    /** Inputs per sample. */
    int inputSize();

    /** How many samples. */
    int count();

    /** Writes sample {@code sample}'s {@link #inputSize} activations into {@code column} from {@code offset}. */
    void copySample(int sample, double[] column, int offset);

    /**
     * The same activations each rounded to the nearest float, for {@code --precision float32}: the
     * float of what {@link #copySample(int, double[], int)} writes, without the doubles in between.
     */
    void copySample(int sample, float[] column, int offset);

    /** The same for the sample distorted by {@code distortion} with {@code seed} (images only). */
    void copyDistorted(int sample, ElasticDistortion distortion, long seed, double[] column, int offset);

    /** The distorted sample's activations each rounded to the nearest float (through doubles: distortions are the rare case). */
    default void copyDistorted(int sample, ElasticDistortion distortion, long seed, float[] column, int offset) {
        double[] exact = new double[inputSize()];
        copyDistorted(sample, distortion, seed, exact, 0);
        for (int k = 0; k < exact.length; k++) {
            column[offset + k] = (float) exact[k];
        }
    }
}
