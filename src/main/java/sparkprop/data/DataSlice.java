package sparkprop.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import sparkprop.io.StoragePath;

/**
 * Records {@code from} to {@code to} (exclusive) of a pair of IDX files, images and labels: a
 * description small enough to ship to an executor, which then reads the records itself, from any
 * file system ({@link StoragePath}: a local disk, HDFS, an object store). A sample's index is its
 * record number in the files, the same whichever partition holds it.
 */
public record DataSlice(StoragePath imageFile, StoragePath labelFile, int from, int to, PixelScale scale) implements SampleSource {

    /** A slice of the files named {@code images} and {@code labels} (plain paths or URIs), its pixels scaled as the book does. */
    public DataSlice(String images, String labels, int from, int to) {
        this(StoragePath.of(images), StoragePath.of(labels), from, to, PixelScale.BOOK);
    }

    @Override
    public String images() {
        return imageFile.toString();
    }

    /** Splits the slice into {@code parts} contiguous slices whose sizes differ by at most one. */
    public List<DataSlice> split(int parts) {
        List<DataSlice> slices = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            slices.add(new DataSlice(imageFile, labelFile, SampleSource.partitionStart(from, size(), parts, p),
                    SampleSource.partitionStart(from, size(), parts, p + 1), scale));
        }
        return slices;
    }

    /**
     * Ships one slice description per partition; each executor reads its own records from the files.
     * Each partition prefers the hosts that store its records' bytes (on HDFS, the DataNodes holding
     * those blocks), so the reading tasks run NODE_LOCAL where an executor runs on such a host.
     */
    @Override
    public JavaRDD<SampleBlock> blocks(JavaSparkContext sc, int partitions) {
        IdxHeader header = IdxFile.header(imageFile);
        List<Tuple2<DataSlice, Seq<String>>> located = new ArrayList<>(partitions);
        for (DataSlice slice : split(partitions)) {
            located.add(new Tuple2<>(slice, CollectionConverters.asScala(slice.preferredHosts(header)).toList()));
        }
        return sc.sc().makeRDD(CollectionConverters.asScala(located).toSeq(), ClassTag$.MODULE$.apply(DataSlice.class))
                .toJavaRDD().map(DataSlice::read);
    }

    /** The hosts holding most of this slice's image bytes ({@code header} is the images'), or none when the file system does not say. */
    private List<String> preferredHosts(IdxHeader header) {
        if (size() == 0) {
            return List.of();
        }
        try {
            long start = header.headerBytes() + from * header.recordSize();
            return imageFile.hostsOf(start, size() * header.recordSize());
        } catch (IOException e) {
            return List.of(); // where the blocks are is a preference; reading them reports any real problem
        }
    }

    /**
     * Reads this slice's images, kept as their bytes and scaled by {@link #scale} when used, and its
     * labels, checking that every label is a digit. Sample indices are record numbers: the block's
     * first sample is record {@code from}.
     */
    @Override
    public SampleBlock read() {
        IdxHeader imageHeader = IdxFile.header(imageFile);
        IdxHeader labelHeader = IdxFile.header(labelFile);
        byte[] pixels = IdxFile.records(imageFile, imageHeader, from, to);
        int[] labelValues = checkedLabels(labelFile, labelHeader, from, to);
        int[] dimensions = imageHeader.dimensions();
        return new SampleBlock(from, new PixelInputs((int) imageHeader.recordSize(), dimensions[dimensions.length - 1], pixels, scale),
                labelValues);
    }

    /** Records {@code from} to {@code to − 1} of a label file, each checked to be a digit. */
    static int[] checkedLabels(StoragePath labels, IdxHeader header, int from, int to) {
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
