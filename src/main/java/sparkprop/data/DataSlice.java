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
        List<Tuple2<SampleSource, Seq<String>>> located = new ArrayList<>(partitions);
        for (DataSlice slice : split(partitions)) {
            located.add(new Tuple2<>(slice, CollectionConverters.asScala(slice.preferredHosts(header)).toList()));
        }
        return readOnExecutors(sc, located);
    }

    /** One partition per source, placed on the hosts paired with it, each read by {@link SampleSource#read} where its task runs. */
    static JavaRDD<SampleBlock> readOnExecutors(JavaSparkContext sc, List<Tuple2<SampleSource, Seq<String>>> located) {
        return sc.sc().makeRDD(CollectionConverters.asScala(located).toSeq(), ClassTag$.MODULE$.apply(SampleSource.class))
                .toJavaRDD().map(SampleSource::read);
    }

    /** The hosts holding most of this slice's image bytes ({@code header} is the images'), or none when the file system does not say. */
    List<String> preferredHosts(IdxHeader header) {
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
        return readAll(from, List.of(this));
    }

    /**
     * The records of {@code pieces} (at least one, all of one image shape), one after another, as one
     * block whose first sample is numbered {@code first}.
     */
    static SampleBlock readAll(int first, List<DataSlice> pieces) {
        int count = pieces.stream().mapToInt(DataSlice::size).sum();
        byte[] pixels = null;
        int[] labels = new int[count];
        int inputSize = 0;
        int width = 0;
        int done = 0;
        List<IdxHeader> imageHeaders = pieces.stream().map(piece -> IdxFile.header(piece.imageFile)).toList();
        long bytes = (long) count * imageHeaders.get(0).recordSize();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new BadDataException(pieces.get(0).imageFile + " and the files after it: expected at most 2 GB of pixels in one block, found "
                    + count + " samples of " + bytes / count + " bytes (" + bytes / (1 << 20) + " MB); the sequential trainer and"
                    + " evaluate hold a whole set in one block: train on Spark, which splits it into partitions, or use --train-size");
        }
        for (int i = 0; i < pieces.size(); i++) {
            DataSlice piece = pieces.get(i);
            IdxHeader imageHeader = imageHeaders.get(i);
            byte[] records = IdxFile.records(piece.imageFile, imageHeader, piece.from, piece.to);
            inputSize = (int) imageHeader.recordSize();
            width = imageHeader.dimensions()[imageHeader.dimensions().length - 1];
            if (pieces.size() == 1) {
                pixels = records; // one piece: its bytes are the block's, no copy
            } else {
                if (pixels == null) {
                    pixels = new byte[Math.multiplyExact(count, inputSize)];
                }
                System.arraycopy(records, 0, pixels, done * inputSize, records.length);
            }
            int[] pieceLabels = checkedLabels(piece.labelFile, IdxFile.header(piece.labelFile), piece.from, piece.to);
            System.arraycopy(pieceLabels, 0, labels, done, pieceLabels.length);
            done += piece.size();
        }
        return new SampleBlock(first, new PixelInputs(inputSize, width, pixels, pieces.get(0).scale), labels);
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
