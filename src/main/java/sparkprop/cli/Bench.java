package sparkprop.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import sparkprop.metrics.EpochResult;
import sparkprop.metrics.Flops;
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
 * (jobs per floor measurement, default 1000), {@code --epochs E} (epochs per training mode, default 1).
 */
public final class Bench {

    private static final Logger LOG = LogManager.getLogger("sparkprop");
    private static final int[] SIZES = {784, 30, 10};

    private final JavaSparkContext sc;
    private final SparkData data;
    private final List<String[]> rows = new ArrayList<>();

    private Bench(JavaSparkContext sc, SparkData data) {
        this.sc = sc;
        this.data = data;
    }

    public static void main(String[] args) throws IOException {
        Path dataDir = Path.of(option(args, "--data", "data/mnist"));
        Path out = Path.of(option(args, "--out", "docs/bench.csv"));
        int jobs = Integer.parseInt(option(args, "--jobs", "1000"));
        int epochs = Integer.parseInt(option(args, "--epochs", "1"));
        Mnist mnist = Mnist.open(dataDir, 0);
        SparkConf conf = new SparkConf().setAppName("sparkprop bench").setIfMissing("spark.master", "local[2]");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            int partitions = sc.defaultParallelism();
            JavaRDD<SampleBlock> training = SampleRdd.cache(sc, mnist.training(), partitions, "training data");
            JavaRDD<SampleBlock> test = SampleRdd.cache(sc, mnist.test(), partitions, "test data");
            SparkData data = new SparkData(sc, training, 0, mnist.training().size(), test, mnist.test().size());
            LOG.info("bench: master {}, {} partitions, {} jobs per floor, {} epochs per mode", sc.master(), partitions, jobs, epochs);
            Bench bench = new Bench(sc, data);
            bench.floors(jobs);
            bench.sequential(mnist, epochs);
            bench.spark("exact, m=10", new DistributedTrainer(data), 10, 3.0, epochs);
            bench.spark("exact, m=100", new DistributedTrainer(data), 100, 3.0, epochs);
            bench.spark("exact, m=1000", new DistributedTrainer(data), 1000, 3.0, epochs);
            bench.spark("local SGD, m=10, sync every 10", new LocalSgdTrainer(data, 10), 10, 3.0, epochs);
            bench.spark("local SGD, m=10, sync every 100", new LocalSgdTrainer(data, 100), 10, 3.0, epochs);
            bench.write(out);
        }
    }

    /** Per-job costs without training: an empty job, and the step's parts added one at a time. */
    private void floors(int jobs) {
        Network network = Network.gaussian(SIZES, 1);
        JavaRDD<SampleBlock> training = data.training();
        time(jobs / 5, () -> training.foreachPartition(blocks -> { })); // warm-up
        double empty = time(jobs, () -> training.foreachPartition(blocks -> { }));
        double broadcast = time(jobs, () -> {
            Broadcast<Network> weights = sc.broadcast(network);
            training.foreachPartition(blocks -> { });
            weights.destroy();
        });
        double aggregate = time(jobs, () -> {
            Broadcast<Network> weights = sc.broadcast(network);
            training.treeAggregate(Gradient.zero(), (sum, block) -> sum, Gradient::add);
            weights.destroy();
        });
        row("empty job (foreachPartition, no-op)", "", empty, 0, 0, "", "");
        row("empty job + broadcast and destroy of the weights", "", broadcast, 0, 0, "", "");
        row("empty job + broadcast + treeAggregate of empty sums", "", aggregate, 0, 0, "", "");
    }

    private void sequential(Mnist mnist, int epochs) {
        SampleBlock training = mnist.training().read();
        SampleBlock test = mnist.test().read();
        report("sequential Java (one thread, no Spark), m=10", 10,
                SequentialTrainer.train(Network.gaussian(SIZES, 1), training, test, new SgdSettings(epochs, 10, 3.0, 1), TrainingListener.NONE));
    }

    private void spark(String name, Trainer trainer, int miniBatchSize, double eta, int epochs) {
        LOG.info("bench: {}", name);
        report(name, miniBatchSize, Sgd.train(Network.gaussian(SIZES, 1), trainer, new SgdSettings(epochs, miniBatchSize, eta, 1), TrainingListener.NONE));
    }

    private void report(String name, int miniBatchSize, List<EpochResult> results) {
        EpochResult last = results.get(results.size() - 1);
        double seconds = results.stream().mapToDouble(EpochResult::seconds).sum();
        int steps = results.stream().mapToInt(EpochResult::steps).sum();
        double samplesPerSecond = results.size() * (double) data.trainingSize() / seconds;
        double gflops = samplesPerSecond * Flops.perTrainingSample(SIZES) / 1e9;
        row(name, String.valueOf(miniBatchSize), 1000 * seconds / steps, samplesPerSecond, seconds / results.size(),
                String.format(Locale.ROOT, "%.2f", gflops), String.format(Locale.ROOT, "%.2f%%", 100 * last.accuracy()));
        LOG.info("bench: {}: {}, old generation after last GC {}", name, last.logLine(), oldGenerationAfterGc());
    }

    private void row(String name, String m, double msPerStep, double samplesPerSecond, double secondsPerEpoch, String gflops, String accuracy) {
        String[] row = {name, m, String.format(Locale.ROOT, "%.2f", msPerStep),
                samplesPerSecond == 0 ? "" : String.format(Locale.ROOT, "%.0f", samplesPerSecond),
                secondsPerEpoch == 0 ? "" : String.format(Locale.ROOT, "%.1f", secondsPerEpoch), gflops, accuracy};
        rows.add(row);
        LOG.info("bench: {}", String.join(" | ", row));
    }

    private void write(Path out) throws IOException {
        String header = "mode,m,ms per step,samples/s,s per epoch,GFLOP/s,test accuracy after the last epoch";
        StringBuilder csv = new StringBuilder(header).append('\n');
        StringBuilder table = new StringBuilder("| " + header.replace(",", " | ") + " |\n|" + "---|".repeat(7) + "\n");
        for (String[] row : rows) {
            csv.append(String.join(",", Arrays.stream(row).map(v -> v.contains(",") ? '"' + v + '"' : v).toList())).append('\n');
            table.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, out.getFileName().toString(), ".part");
        Files.writeString(temporary, csv);
        Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println(table);
        LOG.info("bench: wrote {}", out);
    }

    /** Median milliseconds of {@code runs} runs. */
    private static double time(int runs, Runnable job) {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            job.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    /** The heap's long-lived generation as the last collection left it: flat across epochs when nothing leaks. */
    static String oldGenerationAfterGc() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && usage != null && pool.getName().contains("Old")) {
                return String.format(Locale.ROOT, "%.1f MB", usage.getUsed() / 1e6);
            }
        }
        return "unknown";
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
