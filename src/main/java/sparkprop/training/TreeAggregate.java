package sparkprop.training;

import java.io.Serializable;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;

import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

/**
 * {@code JavaRDD.treeAggregate(zero, seqOp, combOp)}, the training loop's one call into Spark per
 * step, without the 5 ms a call that Spark's closure cleaner spends on it (local[2] here). Every call of
 * {@code treeAggregate} cleans treeAggregate's own Scala lambdas and the Java API's wrappers: the
 * cleaner parses their classes' bytecode with ASM each time (docs/PERFORMANCE.md, "Spark's closure
 * cleaner on every step": 8.8 to 10.4 ms an empty job against 4.1 to 4.7 ms on local[2]). For as many partitions as
 * Spark's treeAggregate gives no intermediate level, its job is this one: each partition folds
 * its elements into its own copy of {@code zero} with {@code seqOp}, and the driver adds the
 * partitions' sums with {@code combOp}. So that job is run here through
 * {@code SparkContext.runJob} with a function that is a class, not a lambda, which the cleaner
 * passes over. With more partitions, Spark's treeAggregate is called, and its level of partial
 * sums on the executors keeps the driver from receiving one sum per partition.
 *
 * <p>The driver adds the sums in partition order, where Spark's adds them as the tasks finish; so
 * a step's sum here is the same from run to run, bit for bit.
 */
public final class TreeAggregate {

    /** Spark's treeAggregate's depth when none is given: the tree has this many levels at most. */
    private static final int DEPTH = 2;

    private TreeAggregate() {
    }

    /**
     * The same value as {@code rdd.treeAggregate(zero, seqOp, combOp)}, up to the order of
     * {@code combOp}'s additions; {@code zero} must be serializable, and is copied into each task.
     */
    public static <T, U> U treeAggregate(JavaRDD<T> rdd, U zero, Function2<U, T, U> seqOp, Function2<U, U, U> combOp) {
        if (addsALevel(rdd.getNumPartitions())) {
            return rdd.treeAggregate(zero, seqOp, combOp, DEPTH);
        }
        // The tasks deserialize their own copies of zero; the driver's copy starts the total.
        @SuppressWarnings("unchecked")
        ClassTag<U> anyObject = (ClassTag<U>) (ClassTag<?>) ClassTag$.MODULE$.AnyRef();
        Object[] sums = (Object[]) rdd.context().runJob(rdd.rdd(), new PartitionFold<T, U>(zero, seqOp), anyObject);
        U total = zero;
        for (Object sum : sums) {
            @SuppressWarnings("unchecked")
            U partitionSum = (U) sum;
            total = call(combOp, total, partitionSum);
        }
        return total;
    }

    /** {@code function.call(a, b)}, whose declared Exception the training loop's functions do not throw. */
    private static <A, B, R> R call(Function2<A, B, R> function, A a, B b) {
        try {
            return function.call(a, b);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether Spark's treeAggregate of depth 2 would add a level of partial sums on the executors
     * for {@code partitions} partitions: its rule, {@code partitions > scale + ⌈partitions / scale⌉}
     * with {@code scale = max(⌈√partitions⌉, 2)}. It does not up to 5 partitions, and does from 6.
     */
    static boolean addsALevel(int partitions) {
        int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / DEPTH)), 2);
        return partitions > scale + (partitions + scale - 1) / scale;
    }

    /** One partition's fold, run in its task: {@code seqOp} over its elements, from its copy of zero. */
    private static final class PartitionFold<T, U> extends AbstractFunction2<TaskContext, Iterator<T>, U> implements Serializable {

        private static final long serialVersionUID = 1L;
        private final U zero;
        private final Function2<U, T, U> seqOp;

        PartitionFold(U zero, Function2<U, T, U> seqOp) {
            this.zero = zero;
            this.seqOp = seqOp;
        }

        @Override
        public U apply(TaskContext context, Iterator<T> elements) {
            U sum = zero;
            while (elements.hasNext()) {
                sum = call(seqOp, sum, elements.next());
            }
            return sum;
        }
    }
}
