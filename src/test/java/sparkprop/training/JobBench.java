package sparkprop.training;

import java.util.Arrays;
import java.util.Locale;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A measurement, not a test: what one Spark job costs on local[2] when it does nothing, through
 * Spark's {@code JavaRDD.treeAggregate}, through {@link TreeAggregate}, and as an empty
 * {@code foreachPartition}: the floor under each step of the exact mode and each synchronization
 * of local SGD. The RDD is 8 numbers in 2 cached partitions, so the time is the job's path alone
 * (the closure cleaner, the scheduler, serialization, two task launches and results).
 *
 * <pre>mvn -q test-compile && java @conf/java17-options -cp target/test-classes:target/classes:$(cat target/classpath.txt) sparkprop.training.JobBench</pre>
 *
 * <p>Rounds of 300 jobs of each kind in turn; the first round is the JVM warming up.
 */
public final class JobBench {

    private JobBench() {
    }

    public static void main(String[] args) {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("JobBench").set("spark.ui.enabled", "false");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            JavaRDD<Long> rdd = sc.parallelize(Arrays.asList(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), 2).cache();
            rdd.count();
            System.out.println("| round | JavaRDD.treeAggregate ms/job | TreeAggregate ms/job | empty foreachPartition ms/job |");
            System.out.println("|---|---|---|---|");
            for (int round = 0; round < 5; round++) {
                double spark = perJob(() -> rdd.treeAggregate(0L, Long::sum, Long::sum));
                double ours = perJob(() -> TreeAggregate.treeAggregate(rdd, 0L, Long::sum, Long::sum));
                double empty = perJob(() -> rdd.foreachPartition(elements -> { }));
                System.out.println(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f |", round, spark, ours, empty));
            }
        }
    }

    private static double perJob(Runnable job) {
        int jobs = 300;
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            job.run();
        }
        return (System.nanoTime() - start) / 1e6 / jobs;
    }
}
