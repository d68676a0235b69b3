package sparkprop.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
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
import org.apache.spark.broadcast.Broadcast;

import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.data.SampleRdd;
import sparkprop.io.AtomicFile;
import sparkprop.io.StoragePath;
import sparkprop.metrics.EpochResult;
import sparkprop.metrics.Flops;
import sparkprop.metrics.Monitoring;
import sparkprop.network.Gradient;
import sparkprop.network.Network;
import sparkprop.training.DistributedTrainer;
import sparkprop.training.LocalSgdTrainer;
import sparkprop.training.SequentialTrainer;
import sparkprop.training.Sgd;
import sparkprop.training.SgdSettings;
import sparkprop.training.SparkData;
import sparkprop.training.Trainer;
import sparkprop.training.TrainingListener;

/**
 * The benchmark (submit/bench): in one process, on the same data and from the same initial
 * weights, the cost of an empty Spark job, of the parts of a step, and of one epoch of each way of
 * training [784,30,10]; writes a CSV and prints a Markdown table.
 *
 * <p>Options: {@code --data DIR}, {@code --out FILE.csv} (default docs/bench.csv), {@code --jobs N}
 * (jobs per floor measurement, default 1000), {@code --epochs E} (epochs per training mode, default 1),
 * {@code --target-accuracy A} (reports each mode's training time until its first epoch at A; all epochs still run,
 * so that the driver's heap after the last epoch is comparable).
 */
public final class Bench {

    private static final Logger LOG = LogManager.getLogger("sparkprop");
    private static final int[] SIZES = {784, 30, 10};

    private final JavaSparkContext sc;
    private final SparkData data;
    private final double target;
    private final List<String[]> rows = new ArrayList<>();

    private Bench(JavaSparkContext sc, SparkData data, double target) {
        this.sc = sc;
        this.data = data;
        this.target = target;
    }

    private static final java.util.Set<String> OPTIONS = java.util.Set.of("--data", "--out", "--jobs", "--epochs", "--target-accuracy");

    public static void main(String[] args) throws IOException {
        checkOptions("bench", OPTIONS, args);
        StoragePath dataDir = StoragePath.of(option(args, "--data", "data/mnist"));
        Path out = Path.of(option(args, "--out", "docs/bench.csv"));
        int jobs = Integer.parseInt(option(args, "--jobs", "1000"));
        int epochs = Integer.parseInt(option(args, "--epochs", "1"));
        double target = Double.parseDouble(option(args, "--target-accuracy", "0"));
        Mnist mnist = Mnist.open(dataDir, 0);
        SparkConf conf = new SparkConf().setAppName("sparkprop bench").setIfMissing("spark.master", "local[2]");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            int partitions = sc.defaultParallelism();
            JavaRDD<SampleBlock> training = SampleRdd.cache(sc, mnist.training(), partitions, "training data");
            JavaRDD<SampleBlock> test = SampleRdd.cache(sc, mnist.test(), partitions, "test data");
            SparkData data = new SparkData(sc, training, 0, mnist.training().size(), test, mnist.test().size());
            LOG.info("bench: master {}, {} partitions, {} jobs per floor, {} epochs per mode, target accuracy {}",
                    sc.master(), partitions, jobs, epochs, target);
            Bench bench = new Bench(sc, data, target);
            bench.floors(jobs);
            bench.sequential(mnist, new SgdSettings(epochs, 10, 3.0, 1));
            bench.run("exact Spark", new DistributedTrainer(data), new SgdSettings(epochs, 10, 3.0, 1));
            bench.run("exact Spark", new DistributedTrainer(data), new SgdSettings(epochs, 100, 3.0, 1));
            bench.run("exact Spark", new DistributedTrainer(data), new SgdSettings(epochs, 1000, 3.0, 1));
            bench.run("local SGD, sync every 10", new LocalSgdTrainer(data, 10), new SgdSettings(epochs, 10, 3.0, 1));
            bench.run("local SGD, sync every 100", new LocalSgdTrainer(data, 100), new SgdSettings(epochs, 10, 3.0, 1));
            bench.write(out);
        }
    }

    /**
     * Per-job costs without training: an empty job, and the parts of a step added one at a time.
     * The variants take turns, job by job, so that warming up and background load fall on all alike.
     */
    private void floors(int jobs) {
        Network network = Network.gaussian(SIZES, 1);
        JavaRDD<SampleBlock> training = data.training();
        List<String> names = List.of(
                "empty job (foreachPartition, no-op)",
                "empty job + broadcast and destroy of the weights",
                "empty job + the weights in the task closure (Spark's own task broadcast)",
                "empty job + broadcast + treeAggregate of empty sums");
        List<Runnable> variants = List.of(
                () -> training.foreachPartition(blocks -> { }),
                () -> {
                    Broadcast<Network> weights = sc.broadcast(network);
                    training.foreachPartition(blocks -> { });
                    weights.destroy();
                },
                () -> training.foreachPartition(blocks -> network.layers()),
                () -> {
                    Broadcast<Network> weights = sc.broadcast(network);
                    training.treeAggregate(Gradient.zero(), (sum, block) -> sum, Gradient::add);
                    weights.destroy();
                });
        double[][] ms = new double[variants.size()][jobs];
        for (int run = -jobs / 5; run < jobs; run++) { // the first fifth warms up and is not counted
            for (int v = 0; v < variants.size(); v++) {
                long start = System.nanoTime();
                variants.get(v).run();
                if (run >= 0) {
                    ms[v][run] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        for (int v = 0; v < variants.size(); v++) {
            Arrays.sort(ms[v]);
            row(names.get(v), "", ms[v][jobs / 2], 0, 0, "", "", "", "");
        }
    }

    private void sequential(Mnist mnist, SgdSettings settings) {
        SampleBlock training = mnist.training().read();
        SampleBlock test = mnist.test().read();
        run("sequential Java (one thread, no Spark)", new SequentialTrainer(training, test), settings);
    }

    /** Trains from the same initial weights and reports the run, with the driver's heap after a full GC at each epoch's end. */
    private void run(String name, Trainer trainer, SgdSettings settings) {
        LOG.info("bench: {}", name);
        List<Double> heap = new ArrayList<>();
        TrainingListener heapAfterEpoch = new TrainingListener() {
            @Override
            public void epochDone(EpochResult result, Monitoring monitoring) {
                System.gc();
                MemoryUsage usage = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                heap.add(usage.getUsed() / 1e6);
                LOG.info("bench: {}: {}, driver heap after GC {} MB", name, result.logLine(), Math.round(usage.getUsed() / 1e6));
            }
        };
        List<EpochResult> results = Sgd.train(Network.gaussian(SIZES, 1), trainer, settings, heapAfterEpoch);
        EpochResult last = results.get(results.size() - 1);
        // Seconds of training and evaluation; the forced GCs above are outside the epochs' clocks.
        double seconds = results.stream().mapToDouble(EpochResult::seconds).sum();
        int steps = results.stream().mapToInt(EpochResult::steps).sum();
        double samplesPerSecond = results.size() * (double) data.trainingSize() / seconds;
        double gflops = samplesPerSecond * Flops.perTrainingSample(SIZES) / 1e9;
        String toTarget = timeToTarget(results);
        row(name, String.valueOf(settings.miniBatchSize()), 1000 * seconds / steps, samplesPerSecond, seconds / results.size(),
                String.format(Locale.ROOT, "%.2f", gflops),
                String.format(Locale.ROOT, "%.2f%% (epoch %d)", 100 * last.accuracy(), last.epoch()), toTarget,
                String.format(Locale.ROOT, "%.0f / %.0f", heap.get(0), heap.get(heap.size() - 1)));
    }

    /** Seconds of training until the end of the first epoch that reached the target accuracy (every epoch runs regardless). */
    private String timeToTarget(List<EpochResult> results) {
        if (target == 0) {
            return "";
        }
        double seconds = 0;
        for (EpochResult result : results) {
            seconds += result.seconds();
            if (result.accuracy() >= target) {
                return String.format(Locale.ROOT, "%.1f s (%d epochs)", seconds, result.epoch() + 1);
            }
        }
        return "not in " + results.size() + " epochs";
    }

    private void row(String name, String m, double msPerStep, double samplesPerSecond, double secondsPerEpoch, String gflops,
                     String accuracy, String timeToTarget, String heap) {
        String[] row = {name, m, String.format(Locale.ROOT, "%.2f", msPerStep),
                samplesPerSecond == 0 ? "" : String.format(Locale.ROOT, "%.0f", samplesPerSecond),
                secondsPerEpoch == 0 ? "" : String.format(Locale.ROOT, "%.1f", secondsPerEpoch), gflops, accuracy, timeToTarget, heap};
        rows.add(row);
        LOG.info("bench: {}", String.join(" | ", row));
    }

    private void write(Path out) throws IOException {
        String header = "mode,m,ms per step (median for floors; mean for training),samples/s,s per epoch,GFLOP/s,"
                + "test accuracy (last epoch),time to target,driver heap MB after GC: first / last epoch";
        StringBuilder csv = new StringBuilder(header).append('\n');
        StringBuilder table = new StringBuilder("| " + header.replace(",", " | ") + " |\n|" + "---|".repeat(9) + "\n");
        for (String[] row : rows) {
            csv.append(String.join(",", Arrays.stream(row).map(v -> v.contains(",") ? '"' + v + '"' : v).toList())).append('\n');
            table.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        AtomicFile.write(out, csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        System.out.println(table);
        LOG.info("bench: wrote {}", out);
    }

    /** Exits with the usage status, naming the option, unless every argument is one of {@code options} followed by its value. */
    static void checkOptions(String command, java.util.Set<String> options, String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            if (!options.contains(args[i]) || i + 1 >= args.length) {
                System.err.println(command + ": expected options " + options + " each with a value, found '" + args[i] + "'"
                        + (i + 1 >= args.length ? " without a value" : ""));
                System.exit(Main.USAGE_ERROR);
            }
        }
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
