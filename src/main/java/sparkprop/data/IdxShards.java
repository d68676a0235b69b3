package sparkprop.data;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Consecutive samples numbered from {@code from}, stored in several pairs of IDX files read one
 * after another: the book's training images, then the shards of distorted copies that
 * {@code augment} wrote ({@link Augmentation}). A sample's index is its record number in that
 * sequence, so the indices, and with them every epoch's mini-batches, do not depend on where one
 * shard ends and the next begins, nor on how the samples are split into partitions.
 *
 * @param pieces the records, in order: slices of the files, none empty unless it is the only one
 */
public record IdxShards(List<DataSlice> pieces, int from) implements SampleSource {

    public IdxShards {
        pieces = List.copyOf(pieces);
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("expected at least one slice of IDX files, found none");
        }
    }

    /** All the records of {@code files}, in order, numbered from 0. */
    public static IdxShards of(List<DataSlice> files) {
        return new IdxShards(files, 0);
    }

    @Override
    public int to() {
        return from + pieces.stream().mapToInt(DataSlice::size).sum();
    }

    /** The first file, and how many more there are. */
    @Override
    public String images() {
        return pieces.get(0).images() + (pieces.size() > 1 ? " and " + (pieces.size() - 1) + " more IDX files" : "");
    }

    /** Samples {@code from} to {@code to} (exclusive) of this sequence, as slices of the same files. */
    public IdxShards range(int start, int end) {
        if (start < from || end > to() || start > end) {
            throw new IllegalArgumentException("samples " + start + " to " + end + " of " + from + " to " + to());
        }
        List<DataSlice> kept = new ArrayList<>();
        int first = from; // the index of the current piece's first record
        for (DataSlice piece : pieces) {
            int lo = Math.max(start, first);
            int hi = Math.min(end, first + piece.size());
            if (lo < hi) {
                kept.add(new DataSlice(piece.imageFile(), piece.labelFile(), piece.from() + lo - first, piece.from() + hi - first,
                        piece.scale()));
            }
            first += piece.size();
        }
        if (kept.isEmpty()) {
            DataSlice any = pieces.get(0);
            kept.add(new DataSlice(any.imageFile(), any.labelFile(), any.from(), any.from(), any.scale()));
        }
        return new IdxShards(kept, start);
    }

    @Override
    public SampleBlock read() {
        return DataSlice.readAll(from, pieces);
    }

    /**
     * One contiguous range of samples per partition, as {@link SampleSource#partitionStart} splits
     * them, read by the executors; each partition prefers the hosts that hold its largest piece.
     */
    @Override
    public JavaRDD<SampleBlock> blocks(JavaSparkContext sc, int partitions) {
        List<Tuple2<SampleSource, Seq<String>>> located = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            IdxShards part = range(SampleSource.partitionStart(from, size(), partitions, p),
                    SampleSource.partitionStart(from, size(), partitions, p + 1));
            DataSlice largest = part.pieces.stream().max((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
            List<String> hosts = largest.preferredHosts(IdxFile.header(largest.imageFile()));
            located.add(new Tuple2<>(part, CollectionConverters.asScala(hosts).toList()));
        }
        return DataSlice.readOnExecutors(sc, located);
    }
}
