package sparkprop.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What the header of an IDX file (LeCun's MNIST format) says: the file holds {@code count()} records
 * of {@code recordSize()} unsigned bytes each, after {@code headerBytes()} bytes of header.
 *
 * @param file       the file the header was read from, for messages
 * @param dimensions the dimension sizes; the first is the number of records
 */
public record IdxHeader(String file, int[] dimensions) implements Serializable {

    /** The number of records (images or labels). */
    public int count() {
        return dimensions[0];
    }

    /** Bytes per record: the product of the dimensions after the first (28 × 28 for MNIST images). */
    public long recordSize() {
        long size = 1;
        for (int d = 1; d < dimensions.length; d++) {
            size *= dimensions[d];
        }
        return size;
    }

    /** The magic number (4 bytes) and one 4-byte size per dimension. */
    public long headerBytes() {
        return 4L + 4L * dimensions.length;
    }

    /** The size of the uncompressed file the header promises. */
    public long expectedBytes() {
        return headerBytes() + count() * recordSize();
    }

    /** The dimensions of one record, e.g. "28×28". */
    public String recordShape() {
        StringBuilder shape = new StringBuilder();
        for (int d = 1; d < dimensions.length; d++) {
            shape.append(d > 1 ? "×" : "").append(dimensions[d]);
        }
        return dimensions.length == 1 ? "scalar" : shape.toString();
    }

    @Override
    public String toString() {
        return file + " " + Arrays.toString(dimensions);
    }
}
