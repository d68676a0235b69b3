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

import sparkprop.cli.TrainOptions.Init;
import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.data.SampleRdd;
import sparkprop.io.AtomicFile;
import sparkprop.io.StoragePath;
import sparkprop.metrics.EpochResult;
import sparkprop.metrics.FmaPeak;
import sparkprop.metrics.Flops;
import sparkprop.metrics.Monitoring;
import sparkprop.network.Cost;
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
import sparkprop.training.TreeAggregate;

/**
 * The benchmark (submit/bench): in one process, on the same data and from the same initial
 * weights, the cost of an empty Spark job, of the parts of a step, and of one epoch of each way of
 * training [784,30,10], then chapter 3's [784,100,10] the way the README trains it; beside each
 * mode's GFLOP/s, the fraction it is of the peak of the threads it runs on ({@link FmaPeak}, measured
 * here first); writes a CSV and prints a Markdown table.
 *
 * <p>Options: {@code --data DIR}, {@code --out FILE.csv} (default docs/bench.csv), {@code --jobs N}
 * (jobs per floor measurement, default 1000), {@code --epochs E} (epochs per training mode, default 1),
 * {@code --target-accuracy A} (reports each mode's training time until its first epoch at A; all epochs still run,
 * so that the driver's heap after the last epoch is comparable).
 */
public final class Bench {

    private static final Logger LOG = LogManager.getLogger("sparkprop");
    private static final int[] SIZES = {784, 30, 10};
    private static final int[] CHAPTER3 = {784, 100, 10};

    private final JavaSparkContext sc;
    private final SparkData data;
    private final double target;
    private final List<String[]> rows = new ArrayList<>();
    /** GFLOP/s of FMAs alone on one thread, and on as many threads as Spark runs tasks at once here. */
    private double peakOneThread;
    private double peakAllThreads;

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
            bench.peaks(partitions);
            SampleBlock trainingBlock = mnist.training().read();
            SampleBlock testBlock = mnist.test().read();
            SgdSettings book = new SgdSettings(epochs, 10, 3.0, 1);
            Init large = Init.LARGE;
            bench.run("sequential Java (one thread, no Spark)", large, SIZES, new SequentialTrainer(trainingBlock, testBlock), book, 1);
            bench.run("exact Spark", large, SIZES, new DistributedTrainer(data), book, partitions);
            bench.run("exact Spark", large, SIZES, new DistributedTrainer(data), new SgdSettings(epochs, 100, 3.0, 1), partitions);
            bench.run("exact Spark", large, SIZES, new DistributedTrainer(data), new SgdSettings(epochs, 1000, 3.0, 1), partitions);
            bench.run("local SGD, sync every 10", large, SIZES, new LocalSgdTrainer(data, 10), book, partitions);
            bench.run("local SGD, sync every 100", large, SIZES, new LocalSgdTrainer(data, 100), book, partitions);
            // Chapter 3's network and recipe, as the README's 97% command trains it (--init scaled, --sync-every 500/P).
            SgdSettings chapter3 = new SgdSettings(epochs, 10, 0.5, 1, 0, Cost.CROSS_ENTROPY, 5.0);
            BlockRule readme = BlockRule.parse("K=500/P");
            bench.run("sequential Java, chapter 3", Init.SCALED, CHAPTER3, new SequentialTrainer(trainingBlock, testBlock), chapter3, 1);
            bench.run("local SGD, chapter 3, " + readme.name() + " (K = " + readme.syncEvery(partitions) + ")", Init.SCALED, CHAPTER3,
                    new LocalSgdTrainer(data, readme.syncEvery(partitions), readme.warmUpSteps(), readme.update(partitions), null),
                    chapter3, partitions);
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
                "empty job through TreeAggregate (runJob, as a step's)",
                "empty job + broadcast and destroy of the weights",
                "empty job + the weights in the task closure (Spark's own task broadcast)",
                "empty job + broadcast + JavaRDD.treeAggregate of empty sums",
                "empty job + broadcast + TreeAggregate of empty sums (a step's path)");
        List<Runnable> variants = List.of(
                () -> training.foreachPartition(blocks -> { }),
                () -> TreeAggregate.treeAggregate(training, Gradient.zero(), (sum, block) -> sum, Gradient::add),
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
                },
                () -> {
                    Broadcast<Network> weights = sc.broadcast(network);
                    TreeAggregate.treeAggregate(training, Gradient.zero(), (sum, block) -> sum, Gradient::add);
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
            row(names.get(v), "", ms[v][jobs / 2], 0, 0, "", "", "", "", "");
        }
    }

    /**
     * The yardstick of the GFLOP/s columns: FMAs alone on the kernel's vectors, on one thread and on
     * as many threads as Spark runs tasks at once here (in local mode, this machine's).
     */
    private void peaks(int threads) {
        peakOneThread = FmaPeak.gflops(1, 0.5);
        peakAllThreads = FmaPeak.gflops(threads, 0.5);
        String widest = FmaPeak.preferredBits() > FmaPeak.bits()
                ? "; this CPU also has " + FmaPeak.preferredBits() + "-bit vectors, which the kernel does not use"
                : "; the widest this CPU has";
        LOG.info("bench: peak of fused multiply-adds on {}-bit vectors{}", FmaPeak.bits(), widest);
        row("peak: FMAs alone, " + FmaPeak.bits() + "-bit vectors, 1 thread", "", 0, 0, 0, gflops(peakOneThread), "", "", "", "");
        row("peak: FMAs alone, " + FmaPeak.bits() + "-bit vectors, " + threads + " threads", "", 0, 0, 0, gflops(peakAllThreads), "", "", "", "");
    }

    /**
     * Trains from the same initial weights and reports the run, with the driver's heap after a full
     * GC at each epoch's end; its GFLOP/s are set beside the peak of {@code threads} threads.
     */
    private void run(String name, Init init, int[] sizes, Trainer trainer, SgdSettings settings, int threads) {
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
        List<EpochResult> results = Sgd.train(init.network(sizes, 1), trainer, settings, heapAfterEpoch);
        EpochResult last = results.get(results.size() - 1);
        // Seconds of training and evaluation; the forced GCs above are outside the epochs' clocks.
        double seconds = results.stream().mapToDouble(EpochResult::seconds).sum();
        int steps = results.stream().mapToInt(EpochResult::steps).sum();
        double samplesPerSecond = results.size() * (double) data.trainingSize() / seconds;
        double gflops = samplesPerSecond * Flops.perTrainingSample(sizes) / 1e9;
        String toTarget = timeToTarget(results);
        row(name + " " + Arrays.toString(sizes), String.valueOf(settings.miniBatchSize()), 1000 * seconds / steps, samplesPerSecond,
                seconds / results.size(), gflops(gflops),
                String.format(Locale.ROOT, "%.0f%%", 100 * gflops / (threads == 1 ? peakOneThread : peakAllThreads)),
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

    private static String gflops(double gflops) {
        return String.format(Locale.ROOT, "%.2f", gflops);
    }

    private void row(String name, String m, double msPerStep, double samplesPerSecond, double secondsPerEpoch, String gflops,
                     String ofPeak, String accuracy, String timeToTarget, String heap) {
        String[] row = {name, m, msPerStep == 0 ? "" : String.format(Locale.ROOT, "%.2f", msPerStep),
                samplesPerSecond == 0 ? "" : String.format(Locale.ROOT, "%.0f", samplesPerSecond),
                secondsPerEpoch == 0 ? "" : String.format(Locale.ROOT, "%.1f", secondsPerEpoch), gflops, ofPeak, accuracy, timeToTarget,
                heap};
        rows.add(row);
        LOG.info("bench: {}", String.join(" | ", row));
    }

    private void write(Path out) throws IOException {
        String header = "mode,m,ms per step (median for floors; mean for training),samples/s,s per epoch,GFLOP/s,of the peak,"
                + "test accuracy (last epoch),time to target,driver heap MB after GC: first / last epoch";
        StringBuilder csv = new StringBuilder(header).append('\n');
        StringBuilder table = new StringBuilder("| " + header.replace(",", " | ") + " |\n|" + "---|".repeat(10) + "\n");
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
