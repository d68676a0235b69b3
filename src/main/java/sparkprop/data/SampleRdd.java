package sparkprop.data;

import java.util.Map;
import java.util.Optional;

import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;

import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A {@link SampleSource} as a cached Spark RDD of one {@link SampleBlock} per partition. Executors
 * read the files themselves (IDX slices by description, tables through Spark SQL), so the files must
 * be at a path every worker can read.
 *
 * <p>Every step of the exact mode touches every partition, so a partition that is not kept would be
 * read from its files again at every step. The blocks are therefore kept in memory as objects where
 * they fit the executors' storage memory, and on the executors' local disks where they do not, or
 * when later data pushes them out ({@code MEMORY_AND_DISK}: Spark writes such a block to disk
 * instead of dropping it). Blocks on disk are read back and deserialized at each use: slower, but
 * the same samples, so the same weights. A lost executor's blocks are rebuilt from their files.
 */
public final class SampleRdd {

    private SampleRdd() {
    }

    /**
     * The most bytes of pixels one partition holds: a partition's images are one Java array (2 GB at
     * most) and one cached Spark block, which is written to disk whole when memory is short, and an
     * executor reads it back into its heap while another task of it works (an eighth of the heap:
     * 512 MB for local mode's 4 GB driver, 128 MB for a 1 GB executor).
     */
    public static long maxPartitionBytes(JavaSparkContext sc) {
        long heap = sc.isLocal() ? Runtime.getRuntime().maxMemory() : sc.sc().executorMemory() * (1L << 20);
        return Math.min(1L << 30, Math.max(1L << 20, heap / 8));
    }

    /** {@code wanted} partitions, or more when that many would hold more than {@code maxBytes} of pixels each. */
    public static int partitions(int wanted, long samples, int inputSize, long maxBytes) {
        long needed = (samples * inputSize + maxBytes - 1) / maxBytes;
        return (int) Math.max(wanted, needed);
    }

    /** Reads {@code source} into {@code partitions} cached blocks, and waits until they are read. */
    public static JavaRDD<SampleBlock> cache(JavaSparkContext sc, SampleSource source, int partitions, String name) {
        sc.setJobDescription("reading " + name);
        JavaRDD<SampleBlock> blocks = source.blocks(sc, partitions)
                .setName(name)
                .persist(StorageLevel.MEMORY_AND_DISK());
        blocks.count();
        return blocks;
    }

    /**
     * A one-line account of where the RDD is kept, for the driver log; when part of it is on local
     * disk, why (the executors' storage memory, which is less than the data) and what it costs.
     */
    public static String describe(JavaSparkContext sc, JavaRDD<SampleBlock> blocks, int samples) {
        Optional<RDDInfo> stored = storageInfo(sc, blocks);
        if (stored.isEmpty()) {
            return blocks.name() + ": " + samples + " samples in " + blocks.getNumPartitions() + " partitions, none cached";
        }
        RDDInfo info = stored.get();
        String where = String.format("%.1f MB in memory", info.memSize() / 1e6);
        if (info.diskSize() > 0) {
            where += String.format(", %.1f MB on the executors' local disks: more than their storage memory holds"
                    + " (%.1f MB in all, spark.memory.fraction of each heap), so each step reads those blocks back from disk;"
                    + " a larger spark.executor.memory (or spark.driver.memory on local[*]) keeps them in memory",
                    info.diskSize() / 1e6, storageMemory(sc) / 1e6);
        }
        return String.format("%s: %d samples in %d partitions, %d of them cached (%s)",
                info.name(), samples, info.numPartitions(), info.numCachedPartitions(), where);
    }

    /** What Spark's storage reports of {@code blocks} (where and how much is cached); empty when nothing of it is. */
    public static Optional<RDDInfo> storageInfo(JavaSparkContext sc, JavaRDD<SampleBlock> blocks) {
        for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
            if (info.id() == blocks.id()) {
                return Optional.of(info);
            }
        }
        return Optional.empty();
    }

    /**
     * The storage memory that can hold cached blocks: in local mode the driver's (it is the
     * executor); on a cluster the executors' only, as the driver's block manager caches no RDD there.
     */
    private static long storageMemory(JavaSparkContext sc) {
        String driver = SparkEnv.get().blockManager().blockManagerId().hostPort();
        long total = 0;
        for (Map.Entry<String, Tuple2<Object, Object>> manager : CollectionConverters.asJava(sc.sc().getExecutorMemoryStatus()).entrySet()) {
            if (sc.isLocal() || !manager.getKey().equals(driver)) {
                total += (Long) manager.getValue()._1();
            }
        }
        return total;
    }
}
