package sparkprop.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Records {@code from} to {@code to} (exclusive) of a pair of IDX files, images and labels: a
 * description small enough to ship to an executor, which then reads the records itself. A sample's
 * index is its record number in the files, the same whichever partition holds it.
 */
public record DataSlice(String images, String labels, int from, int to, PixelScale scale) implements SampleSource {

    /** A slice whose pixels are scaled as the book does. */
    public DataSlice(String images, String labels, int from, int to) {
        this(images, labels, from, to, PixelScale.BOOK);
    }

    /** Splits the slice into {@code parts} contiguous slices whose sizes differ by at most one. */
    public List<DataSlice> split(int parts) {
        List<DataSlice> slices = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            slices.add(new DataSlice(images, labels, SampleSource.partitionStart(from, size(), parts, p),
                    SampleSource.partitionStart(from, size(), parts, p + 1), scale));
        }
        return slices;
    }

    /** Ships one slice description per partition; each executor reads its own records from the files. */
    @Override
    public JavaRDD<SampleBlock> blocks(JavaSparkContext sc, int partitions) {
        return sc.parallelize(split(partitions), partitions).map(DataSlice::read);
    }

    /**
     * Reads this slice's images, each pixel scaled by {@link #scale}, and its labels, checking that every
     * label is a digit. Sample indices are record numbers: the block's first sample is record {@code from}.
     */
    @Override
    public SampleBlock read() {
        Path imageFile = Path.of(images);
        Path labelFile = Path.of(labels);
        IdxHeader imageHeader = IdxFile.header(imageFile);
        IdxHeader labelHeader = IdxFile.header(labelFile);
        byte[] pixels = IdxFile.records(imageFile, imageHeader, from, to);
        double[] inputs = new double[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            inputs[i] = scale.input(pixels[i] & 0xFF);
        }
        int[] labelValues = checkedLabels(labelFile, labelHeader, from, to);
        return new SampleBlock(from, (int) imageHeader.recordSize(), inputs, labelValues);
    }

    /** Records {@code from} to {@code to − 1} of a label file, each checked to be a digit. */
    static int[] checkedLabels(Path labels, IdxHeader header, int from, int to) {
        byte[] digits = IdxFile.records(labels, header, from, to);
        int[] values = new int[digits.length];
        for (int i = 0; i < digits.length; i++) {
            values[i] = digits[i] & 0xFF;
            if (values[i] > 9) {
                throw new BadDataException(labels + ": record " + (from + i) + " (byte " + (header.headerBytes() + from + i)
                        + "): expected a digit label 0 to 9, found " + values[i]);
            }
        }
        return values;
    }
}
