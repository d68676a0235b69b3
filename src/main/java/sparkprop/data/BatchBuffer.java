package sparkprop.data;

/**
 * Room for the mini-batches that a run of steps assembles one after another
 * ({@link SampleBlock#select(int[], DistortionPass, BatchBuffer)}): the inputs' array is made once
 * and filled again for each batch, rather than a new one per step (784 × 10 doubles, 63 KB: 1.76 GB
 * in the 6 epochs of the 97% command, by Java Flight Recorder's allocation samples); the same for
 * the floats of {@code --precision float32} ({@link SampleBlock#selectInFloat}). A batch
 * assembled here holds until the next one is; a batch that must outlive the step gets a buffer of
 * its own.
 */
public final class BatchBuffer {

    private double[] columns = new double[0];
    private float[] floats = new float[0];

    /** An array of exactly {@code length} values, whose contents the caller overwrites. */
    double[] columns(int length) {
        if (columns.length != length) {
            columns = new double[length];
        }
        return columns;
    }

    /** The same for a batch in float ({@link SampleBlock#selectInFloat}). */
    float[] floats(int length) {
        if (floats.length != length) {
            floats = new float[length];
        }
        return floats;
    }
}
