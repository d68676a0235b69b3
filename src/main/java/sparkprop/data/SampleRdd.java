package sparkprop.data;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;

/**
 * A {@link SampleSource} as a cached Spark RDD of one {@link SampleBlock} per partition. Executors
 * read the files themselves (IDX slices by description, tables through Spark SQL), so the files must
 * be at a path every worker can read; a lost partition is rebuilt the same way.
 */
public final class SampleRdd {

    private SampleRdd() {
    }

    /** Reads {@code source} into {@code partitions} cached blocks, and waits until they are read. */
    public static JavaRDD<SampleBlock> cache(JavaSparkContext sc, SampleSource source, int partitions, String name) {
        sc.setJobDescription("reading " + name);
        JavaRDD<SampleBlock> blocks = source.blocks(sc, partitions)
                .setName(name)
                .persist(StorageLevel.MEMORY_ONLY());
        blocks.count();
        return blocks;
    }

    /** A one-line account of how much of the RDD is cached, for the driver log. */
    public static String describe(JavaSparkContext sc, JavaRDD<SampleBlock> blocks, int samples) {
        for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
            if (info.id() == blocks.id()) {
                return String.format("%s: %d samples in %d partitions, %d of them cached (%.1f MB in memory)",
                        info.name(), samples, info.numPartitions(), info.numCachedPartitions(), info.memSize() / 1e6);
            }
        }
        return blocks.name() + ": " + samples + " samples in " + blocks.getNumPartitions() + " partitions, none cached";
    }
}
