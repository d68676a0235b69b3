package sparkprop.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.data.SampleRdd;
import sparkprop.io.AtomicFile;
import sparkprop.io.StoragePath;
import sparkprop.network.Cost;
import sparkprop.network.Network;
import sparkprop.network.Targets;
import sparkprop.training.DistributedTrainer;
import sparkprop.training.MiniBatches;
import sparkprop.training.SparkData;

/**
 * How the cost of an exact step grows (submit/bench --scaling): the median milliseconds of one
 * exact step (broadcast the weights, each partition's sum over its members of the mini-batch,
 * treeAggregate, the update) for networks of more and more parameters and for 1, 2, 4 and 8
 * partitions, in one Spark application (after 300 unmeasured steps, so that the first points do not
 * pay for the JIT's warm-up); then the least-squares fit t = fixed + per parameter + per partition
 * + per parameter and partition (each partition's sum is parameter-sized). A synchronization of
 * {@code --sync-every} moves the same messages (the weights out, one parameter-sized sum per
 * partition back), so its cost beyond its local steps is that of an exact step.
 *
 * <p>Options: {@code --data DIR}, {@code --steps N} (measured steps per point, default 200, after
 * half as many unmeasured), {@code --out FILE.csv} (default docs/scaling.csv).
 */
public final class ScalingBench {

    private static final Logger LOG = LogManager.getLogger("sparkprop");
    private static final int[] HIDDEN = {30, 100, 300, 1000};
    private static final int[] PARTITIONS = {1, 2, 4, 8};

    private ScalingBench() {
    }

    public static void main(String[] args) throws IOException {
        StoragePath dataDir = StoragePath.of(Bench.option(args, "--data", "data/mnist"));
        Path out = Path.of(Bench.option(args, "--out", "docs/scaling.csv"));
        int steps = Integer.parseInt(Bench.option(args, "--steps", "200"));
        Mnist mnist = Mnist.open(dataDir, 0);
        SparkConf conf = new SparkConf().setAppName("sparkprop scaling bench").setIfMissing("spark.master", "local[2]");
        List<double[]> points = new ArrayList<>(); // parameters, partitions, ms
        StringBuilder csv = new StringBuilder("master,hidden,parameters,partitions,median ms per exact step\n");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            warmUp(sc, mnist);
            for (int partitions : PARTITIONS) {
                JavaRDD<SampleBlock> training = SampleRdd.cache(sc, mnist.training(), partitions, "training data, " + partitions + " partitions");
                SparkData data = new SparkData(sc, training, 0, mnist.training().size(), null, 0);
                DistributedTrainer trainer = new DistributedTrainer(data);
                MiniBatches batches = MiniBatches.shuffled(0, mnist.training().size(), 10, 1, 0);
                for (int hidden : HIDDEN) {
                    double median = medianStepMs(trainer, batches, new int[] {784, hidden, 10}, steps / 2, steps);
                    int parameters = 784 * hidden + hidden + hidden * 10 + 10;
                    points.add(new double[] {parameters, partitions, median});
                    String line = String.format(Locale.ROOT, "%s,%d,%d,%d,%.2f", sc.master(), hidden, parameters, partitions, median);
                    csv.append(line).append('\n');
                    LOG.info("scaling: {}", line);
                }
                training.unpersist(true);
            }
            double[] fit = leastSquares(points);
            String model = String.format(Locale.ROOT, "t = %.2f ms + %.4f ms per 1,000 parameters + %.2f ms per partition"
                    + " + %.4f ms per 1,000 parameters and partition", fit[0], 1000 * fit[1], fit[2], 1000 * fit[3]);
            csv.append("# ").append(model).append('\n');
            LOG.info("scaling: {} ({})", model, sc.master());
            for (int hidden : new int[] {100, 1000}) {
                double parameters = 784 * hidden + hidden + hidden * 10 + 10;
                String prediction = String.format(Locale.ROOT, "predicted for 16 partitions, [784,%d,10]: %.1f ms per exact step", hidden,
                        fit[0] + fit[1] * parameters + fit[2] * 16 + fit[3] * parameters * 16);
                csv.append("# ").append(prediction).append('\n');
                LOG.info("scaling: {}", prediction);
            }
        }
        AtomicFile.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        System.out.print(csv);
    }

    /** 300 exact steps of [784,100,10] on 2 partitions, not measured: Spark's job path and the kernel compiled before the first point. */
    private static void warmUp(JavaSparkContext sc, Mnist mnist) {
        JavaRDD<SampleBlock> training = SampleRdd.cache(sc, mnist.training(), 2, "training data, warming up");
        DistributedTrainer trainer = new DistributedTrainer(new SparkData(sc, training, 0, mnist.training().size(), null, 0));
        medianStepMs(trainer, MiniBatches.shuffled(0, mnist.training().size(), 10, 1, 0), new int[] {784, 100, 10}, 299, 1);
        training.unpersist(true);
    }

    /** The median milliseconds of {@code measured} exact steps of a network of these sizes, after {@code unmeasured} more. */
    private static double medianStepMs(DistributedTrainer trainer, MiniBatches batches, int[] sizes, int unmeasured, int measured) {
        Network network = Network.scaledGaussian(sizes, 1);
        double[] ms = new double[measured];
        for (int k = -unmeasured; k < measured; k++) {
            long start = System.nanoTime();
            int[] members = batches.members(Math.floorMod(k, batches.count()));
            network.update(trainer.summedGradient(network, members, Cost.CROSS_ENTROPY, Targets.ONE_HOT), 0.1);
            if (k >= 0) {
                ms[k] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms[measured / 2];
    }

    /**
     * The coefficients c that minimize Σ (c₀ + c₁·x + c₂·y + c₃·x·y − t)² over the points (x, y, t):
     * the normal equations, solved by elimination.
     */
    static double[] leastSquares(List<double[]> points) {
        int k = 4;
        double[][] m = new double[k][k + 1];
        for (double[] p : points) {
            double[] row = {1, p[0], p[1], p[0] * p[1]};
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    m[i][j] += row[i] * row[j];
                }
                m[i][k] += row[i] * p[2];
            }
        }
        for (int pivot = 0; pivot < k; pivot++) {
            for (int i = pivot + 1; i < k; i++) {
                double factor = m[i][pivot] / m[pivot][pivot];
                for (int j = pivot; j <= k; j++) {
                    m[i][j] -= factor * m[pivot][j];
                }
            }
        }
        double[] x = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double sum = m[i][k];
            for (int j = i + 1; j < k; j++) {
                sum -= m[i][j] * x[j];
            }
            x[i] = sum / m[i][i];
        }
        return x;
    }
}
