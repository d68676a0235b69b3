package sparkprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TreeAggregate against Spark's own treeAggregate, on as many partitions as take its one job
 * (1 to 5) and as take Spark's tree (6 and more): the same sums; each partition folding into its
 * own copy of zero even when the fold changes it in place, as the trainers' do; and, on the
 * driver, the partitions' sums added in partition order.
 */
class TreeAggregateTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("TreeAggregateTest").set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    /** A running sum changed in place, like Gradient and ParameterSum. */
    static final class Total implements Serializable {
        private static final long serialVersionUID = 1L;
        long sum;
        int elements;

        Total add(long value) {
            sum += value;
            elements++;
            return this;
        }

        Total add(Total other) {
            sum += other.sum;
            elements += other.elements;
            return this;
        }
    }

    @Test
    void equalsSparksTreeAggregateWithOrWithoutALevel() {
        List<Long> values = new ArrayList<>();
        for (long i = 1; i <= 1000; i++) {
            values.add(i * i);
        }
        long expected = values.stream().mapToLong(Long::longValue).sum();
        for (int partitions : new int[] {1, 2, 3, 5, 6, 9, 17}) {
            JavaRDD<Long> rdd = sc.parallelize(values, partitions);
            Total ours = TreeAggregate.treeAggregate(rdd, new Total(), Total::add, Total::add);
            Total spark = rdd.treeAggregate(new Total(), Total::add, Total::add);
            assertEquals(expected, ours.sum, partitions + " partitions");
            assertEquals(values.size(), ours.elements, partitions + " partitions: every element once, each task from its own zero");
            assertEquals(spark.sum, ours.sum, partitions + " partitions");
        }
    }

    @Test
    void anEmptyPartitionAddsZero() {
        JavaRDD<Long> rdd = sc.parallelize(List.of(5L, 7L), 4);
        Total total = TreeAggregate.treeAggregate(rdd, new Total(), Total::add, Total::add);
        assertEquals(12, total.sum);
        assertEquals(2, total.elements);
    }

    /** Sums of doubles whose value depends on the order of addition: the partitions' sums, added in partition order. */
    @Test
    void theDriverAddsThePartitionsSumsInPartitionOrder() {
        Random random = new Random(5);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            values.add(Math.scalb(random.nextDouble(), random.nextInt(60) - 30));
        }
        for (int partitions : new int[] {2, 3, 5}) {
            JavaRDD<Double> rdd = sc.parallelize(values, partitions);
            double expected = 0;
            for (List<Double> partition : rdd.glom().collect()) {
                double partitionSum = 0;
                for (double value : partition) {
                    partitionSum += value;
                }
                expected += partitionSum;
            }
            for (int run = 0; run < 3; run++) {
                double[] sum = TreeAggregate.treeAggregate(rdd, new double[1], (s, x) -> {
                    s[0] += x;
                    return s;
                }, (a, b) -> {
                    a[0] += b[0];
                    return a;
                });
                assertArrayEquals(new double[] {expected}, sum, 0.0, partitions + " partitions, run " + run);
            }
        }
    }

    /** Spark's rule for depth 2: no level of partial sums up to 5 partitions, one from 6. */
    @Test
    void aLevelFromSixPartitions() {
        for (int partitions = 1; partitions <= 5; partitions++) {
            assertFalse(TreeAggregate.addsALevel(partitions), partitions + " partitions");
        }
        for (int partitions : new int[] {6, 9, 32, 1000}) {
            assertTrue(TreeAggregate.addsALevel(partitions), partitions + " partitions");
        }
    }
}
