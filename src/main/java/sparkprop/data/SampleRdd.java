package sparkprop.data;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;

/**
 * A data slice as a cached Spark RDD of one {@link SampleBlock} per partition. The driver ships only
 * the slice descriptions ({@link DataSlice}, a few bytes each); every executor reads its own records
 * from the files, so the files must be at a path every worker can read. A lost partition is rebuilt
 * the same way, from its description.
 */
public final class SampleRdd {

    private SampleRdd() {
    }

    /** Reads {@code slice} into {@code partitions} cached blocks, and waits until they are read. */
    public static JavaRDD<SampleBlock> cache(JavaSparkContext sc, DataSlice slice, int partitions, String name) {
        JavaRDD<SampleBlock> blocks = sc.parallelize(slice.split(partitions), partitions)
                .map(DataSlice::read)
                .setName(name)
                .persist(StorageLevel.MEMORY_ONLY());
        sc.setJobDescription("reading " + name);
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
