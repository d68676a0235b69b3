package sparkprop.data;

import java.io.Serializable;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Samples {@code from} to {@code to} (exclusive) of one data file or pair of files, whatever its
 * format: IDX ({@link DataSlice}) or a table read with Spark SQL ({@link TableSlice}). A sample's
 * index is its record (row) number in the file, so every format splits into the same blocks.
 */
public interface SampleSource extends Serializable {

    int from();

    int to();

    default int size() {
        return to() - from();
    }

    /** The file holding the images, for messages. */
    String images();

    /** The samples as one block, read in the driver (the sequential trainer, evaluate). */
    SampleBlock read();

    /** The samples as {@code partitions} blocks of contiguous samples, as {@link #partitionStart} splits them. */
    JavaRDD<SampleBlock> blocks(JavaSparkContext sc, int partitions);

    /** The first sample of partition {@code p} of {@code parts}: sizes differ by at most one, in order. */
    static int partitionStart(int from, int size, int parts, int p) {
        return from + (int) ((long) size * p / parts);
    }
}
