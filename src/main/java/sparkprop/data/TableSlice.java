package sparkprop.data;

import java.util.Iterator;
import java.util.List;

import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import scala.Tuple2;

/**
 * Rows {@code from} to {@code to} (exclusive) of a table of samples (Rashid's CSV or Parquet), read
 * with Spark SQL's DataFrame reader. The rows are numbered in file order and regrouped by number
 * into the same contiguous blocks that an IDX {@link DataSlice} of the same images gives, so the
 * trainers cannot tell the formats apart.
 *
 * @param pixels pixels per image, as {@link TableFormat#inspect} found them
 */
public record TableSlice(String images, TableFormat format, int pixels, int from, int to, PixelScale scale) implements SampleSource {

    /** Reads the table with the application's Spark session, then sends each row to the block of its number. */
    @Override
    public JavaRDD<SampleBlock> blocks(JavaSparkContext sc, int partitions) {
        SparkSession spark = SparkSession.builder().getOrCreate();
        int first = from;
        int end = to;
        int size = size();
        return format.rows(spark, images, pixels)
                .filter(row -> row.index() >= first && row.index() < end)
                .mapToPair(row -> new Tuple2<>(row.index(), row))
                .partitionBy(new BlockPartitioner(first, size, partitions))
                .values()
                .mapPartitionsWithIndex((p, rows) -> List.of(block(rows, SampleSource.partitionStart(first, size, partitions, p),
                        SampleSource.partitionStart(first, size, partitions, p + 1))).iterator(), true);
    }

    /** Reads the rows in the driver, with a local Spark session for the time of the read. */
    @Override
    public SampleBlock read() {
        return LocalSpark.apply(spark -> blocks(JavaSparkContext.fromSparkContext(spark.sparkContext()), 1).first());
    }

    /** Rows {@code start} to {@code end − 1}, in any order, as one block of images kept as bytes. */
    private SampleBlock block(Iterator<TableRow> rows, int start, int end) {
        byte[] images = new byte[(end - start) * pixels];
        int[] labels = new int[end - start];
        int count = 0;
        while (rows.hasNext()) {
            TableRow row = rows.next();
            int local = row.index() - start;
            System.arraycopy(row.pixels(), 0, images, local * pixels, pixels);
            labels[local] = row.label();
            count++;
        }
        if (count != end - start) {
            throw new IllegalStateException(images + ": expected rows " + start + " to " + (end - 1) + " in one block, found " + count);
        }
        return new SampleBlock(start, new PixelInputs(pixels, PixelInputs.widthOf(pixels), images, scale), labels);
    }

    /** Sends row number i to the partition whose contiguous range holds it, as {@link SampleSource#partitionStart} splits. */
    private static final class BlockPartitioner extends Partitioner {

        private static final long serialVersionUID = 1L;

        private final int from;
        private final int size;
        private final int parts;

        BlockPartitioner(int from, int size, int parts) {
            this.from = from;
            this.size = size;
            this.parts = parts;
        }

        @Override
        public int numPartitions() {
            return parts;
        }

        @Override
        public int getPartition(Object key) {
            int index = (Integer) key;
            int p = (int) ((long) (index - from) * parts / size);
            while (p + 1 < parts && SampleSource.partitionStart(from, size, parts, p + 1) <= index) {
                p++;
            }
            while (p > 0 && SampleSource.partitionStart(from, size, parts, p) > index) {
                p--;
            }
            return p;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BlockPartitioner b && b.from == from && b.size == size && b.parts == parts;
        }

        @Override
        public int hashCode() {
            return (from * 31 + size) * 31 + parts;
        }
    }
}
