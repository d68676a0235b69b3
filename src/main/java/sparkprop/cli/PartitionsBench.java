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
import sparkprop.metrics.EpochResult;
import sparkprop.metrics.PartitionsChart;
import sparkprop.network.Cost;
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
 * Accuracy against the number of partitions (submit/bench --partitions): chapter 3's recipe
 * (cross-entropy, λ = 5, η = 0.5, m = 10, N(0, 1/n_in) weights) trained for a fixed number of
 * epochs by the sequential trainer and by local SGD on P = 1, 2, 4, ... partitions under each of
 * several block rules ({@link BlockRule}), every run from its seed's weights, all in one Spark
 * application (the data cached once per P). Writes one CSV line per run and epoch (test accuracy,
 * Spark jobs so far, seconds) and prints, per rule and P, the medians over the seeds of the epochs
 * and jobs to each target and of the accuracy after chosen epochs.
 *
 * <p>Options: {@code --partitions 2,4,8,16,32} (P = 1 is the sequential trainer: nothing to average, and 1 − 1/P = 0), {@code --seeds 1,2,3}, {@code --epochs 15},
 * {@code --sizes 784,100,10}, {@code --rules "RULE;RULE"} (see {@link BlockRule#parse}),
 * {@code --exact-epochs E} (also the exact mode, one Spark job per mini-batch, for E epochs at the
 * largest P and the first seed: the same weights as the sequential trainer, so the same
 * accuracies), {@code --data DIR}, {@code --out FILE.csv} (default docs/partitions.csv; the chart
 * goes beside it, FILE.png), {@code --target 0.97} (the chart's target), {@code --from FILE.csv}
 * (no training: the table and chart of an earlier run's CSV).
 */
public final class PartitionsBench {

    private static final Logger LOG = LogManager.getLogger("sparkprop");
    static final String DEFAULT_RULES = "K=500;K=1000/P;K=500/P;K=500/P nesterov=off;K=500/P warm=200;K=500/P mu=0.9";

    private PartitionsBench() {
    }

    private static final java.util.Set<String> OPTIONS = java.util.Set.of("--data", "--out", "--partitions", "--seeds", "--epochs", "--sizes",
            "--rules", "--exact-epochs", "--target", "--from");

    public static void main(String[] args) throws IOException {
        Bench.checkOptions("bench --partitions", OPTIONS, args);
        StoragePath dataDir = StoragePath.of(Bench.option(args, "--data", "data/mnist"));
        Path out = Path.of(Bench.option(args, "--out", "docs/partitions.csv"));
        int[] partitionCounts = ints(Bench.option(args, "--partitions", "2,4,8,16,32"));
        int[] seeds = ints(Bench.option(args, "--seeds", "1,2,3"));
        int epochs = Integer.parseInt(Bench.option(args, "--epochs", "15"));
        int[] sizes = ints(Bench.option(args, "--sizes", "784,100,10"));
        int exactEpochs = Integer.parseInt(Bench.option(args, "--exact-epochs", "0"));
        List<BlockRule> rules = new ArrayList<>();
        for (String rule : Bench.option(args, "--rules", DEFAULT_RULES).split(";")) {
            rules.add(BlockRule.parse(rule.trim()));
        }
        double target = Double.parseDouble(Bench.option(args, "--target", "0.97"));
        String from = Bench.option(args, "--from", null);
        String command = Arrays.toString(sizes).replace(" ", "");
        List<Run> runs = new ArrayList<>();
        if (from != null) {
            command = read(Path.of(from), runs);
            out = Path.of(from);
        } else {
            StringBuilder csv = new StringBuilder(HEADER);
            measure(dataDir, partitionCounts, seeds, epochs, sizes, exactEpochs, rules, command, runs, csv);
            AtomicFile.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        System.out.print(summary(runs, command));
        String png = out.toString().replaceFirst("\\.csv$", "") + ".png";
        chart(runs, command, target, StoragePath.of(png));
        LOG.info("partitions: wrote {} and {}", out, png);
    }

    static final String HEADER = "sizes,trainer,rule,partitions,seed,epoch,correct,total,spark_jobs,seconds\n";

    private static void measure(StoragePath dataDir, int[] partitionCounts, int[] seeds, int epochs, int[] sizes, int exactEpochs,
                                List<BlockRule> rules, String command, List<Run> runs, StringBuilder csv) {
        Mnist mnist = Mnist.open(dataDir, 0);
        SampleBlock training = mnist.training().read();
        SampleBlock testBlock = mnist.test().read();
        for (int seed : seeds) {
            Run run = new Run("sequential", "-", 1, seed);
            train(run, Network.scaledGaussian(sizes, seed), new SequentialTrainer(training, testBlock), settings(epochs, seed), 0, csv, command);
            runs.add(run);
        }
        SparkConf conf = new SparkConf().setAppName("sparkprop partitions bench " + command).setIfMissing("spark.master", "local[2]");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            for (int partitions : partitionCounts) {
                JavaRDD<SampleBlock> trainingRdd = SampleRdd.cache(sc, mnist.training(), partitions, "training data, " + partitions + " partitions");
                JavaRDD<SampleBlock> test = SampleRdd.cache(sc, mnist.test(), partitions, "test data, " + partitions + " partitions");
                SparkData data = new SparkData(sc, trainingRdd, mnist.training().from(), mnist.training().size(), test, mnist.test().size());
                for (BlockRule rule : rules) {
                    for (int seed : seeds) {
                        Run run = new Run("local SGD", rule.name(), partitions, seed);
                        LocalSgdTrainer trainer = new LocalSgdTrainer(data, rule.syncEvery(partitions), rule.warmUpSteps(), rule.update(partitions), null);
                        train(run, Network.scaledGaussian(sizes, seed), trainer, settings(epochs, seed), 1, csv, command);
                        runs.add(run);
                    }
                }
                if (exactEpochs > 0 && partitions == partitionCounts[partitionCounts.length - 1]) {
                    Run run = new Run("exact", "-", partitions, seeds[0]);
                    train(run, Network.scaledGaussian(sizes, seeds[0]), new DistributedTrainer(data), settings(exactEpochs, seeds[0]), 1, csv,
                            command);
                    runs.add(run);
                }
                trainingRdd.unpersist(true);
                test.unpersist(true);
            }
        }
    }

    /** The runs of an earlier CSV, in its order; returns its sizes. */
    static String read(Path csv, List<Run> runs) throws IOException {
        String sizes = null;
        List<String> lines = java.nio.file.Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !HEADER.equals(lines.get(0) + "\n")) {
            throw new IllegalArgumentException(csv + ": expected the partitions benchmark's header '" + HEADER.strip() + "', found "
                    + (lines.isEmpty() ? "an empty file" : "'" + lines.get(0) + "'"));
        }
        for (String line : lines.subList(1, lines.size())) {
            int close = line.indexOf("\",");
            if (!line.startsWith("\"") || close < 0) {
                throw new IllegalArgumentException(csv + ": expected lines such as \"[784,100,10]\",local SGD,K=500 mu=1-1/P,16,1,0,9176,10000,6,1.2,"
                        + " found '" + line + "'");
            }
            sizes = line.substring(1, close);
            String[] f = line.substring(close + 2).split(",");
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            Run run = last;
            if (last == null || !last.trainer().equals(f[0]) || !last.rule().equals(f[1]) || last.partitions() != Integer.parseInt(f[2])
                    || last.seed() != Integer.parseInt(f[3])) {
                run = new Run(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]));
                runs.add(run);
            }
            run.epochs().add(new double[] {Double.parseDouble(f[5]) / Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8])});
        }
        return sizes;
    }

    /** Epochs to {@code target} and accuracy after 5 epochs against P, medians over the seeds, per rule. */
    private static void chart(List<Run> runs, String command, double target, StoragePath png) {
        List<Run> local = runs.stream().filter(r -> r.trainer().equals("local SGD")).toList();
        double[] partitions = local.stream().mapToDouble(Run::partitions).distinct().sorted().toArray();
        List<PartitionsChart.RuleCurve> curves = new ArrayList<>();
        for (String rule : local.stream().map(Run::rule).distinct().toList()) {
            double[] epochs = new double[partitions.length];
            double[] after = new double[partitions.length];
            for (int i = 0; i < partitions.length; i++) {
                int p = (int) partitions[i];
                List<Run> same = local.stream().filter(r -> r.rule().equals(rule) && r.partitions() == p).toList();
                epochs[i] = median(same, r -> r.epochsTo(target));
                after[i] = median(same, r -> r.accuracyAfter(5));
            }
            curves.add(new PartitionsChart.RuleCurve(rule, partitions, finite(epochs), after));
        }
        List<Run> sequential = runs.stream().filter(r -> r.trainer().equals("sequential")).toList();
        double seqEpochs = median(sequential, r -> r.epochsTo(target));
        double seqAfter = median(sequential, r -> r.accuracyAfter(5));
        double[] ends = {1, partitions[partitions.length - 1]};
        PartitionsChart.write(command, String.format(Locale.ROOT, "%.0f%%", 100 * target), 5, curves,
                new PartitionsChart.RuleCurve("sequential trainer (= exact mode)", ends, finite(new double[] {seqEpochs, seqEpochs}),
                        new double[] {seqAfter, seqAfter}), png);
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[(values.length - 1) / 2];
    }

    /** NaN for "not reached", which the chart leaves out. */
    private static double[] finite(double[] values) {
        return Arrays.stream(values).map(v -> Double.isInfinite(v) ? Double.NaN : v).toArray();
    }

    /** Chapter 3's recipe, with no target accuracy: every run takes all its epochs. */
    private static SgdSettings settings(int epochs, int seed) {
        return new SgdSettings(epochs, 10, 0.5, seed, 0, Cost.CROSS_ENTROPY, 5.0);
    }

    /** One run's test accuracy and Spark jobs after each epoch. */
    record Run(String trainer, String rule, int partitions, int seed, List<double[]> epochs) {
        Run(String trainer, String rule, int partitions, int seed) {
            this(trainer, rule, partitions, seed, new ArrayList<>());
        }

        /** The epochs (counted from 1), Spark jobs and seconds until the first epoch at or above {@code target}; null when not reached. */
        double[] first(double target) {
            for (int e = 0; e < epochs.size(); e++) {
                if (epochs.get(e)[0] >= target) {
                    return new double[] {e + 1, epochs.get(e)[1], epochs.get(e)[2]};
                }
            }
            return null;
        }

        /** The epochs until the first at or above {@code target}; infinite when not reached (above every run that got there). */
        double epochsTo(double target) {
            double[] first = first(target);
            return first == null ? Double.POSITIVE_INFINITY : first[0];
        }

        /** The test accuracy after {@code count} epochs; NaN when the run was shorter. */
        double accuracyAfter(int count) {
            return epochs.size() >= count ? epochs.get(count - 1)[0] : Double.NaN;
        }
    }

    /**
     * Trains one run; {@code jobsPerEvaluation} counts the test evaluation's job, 0 for the sequential
     * trainer, which runs no Spark job at all (its steps are not jobs either).
     */
    private static void train(Run run, Network network, Trainer trainer, SgdSettings settings, int jobsPerEvaluation, StringBuilder csv,
                              String command) {
        long start = System.nanoTime();
        long[] jobs = {0};
        Sgd.train(network, trainer, settings, new TrainingListener() {
            @Override
            public void epochDone(EpochResult result, sparkprop.metrics.Monitoring monitoring) {
                jobs[0] += (jobsPerEvaluation > 0 ? result.steps() : 0) + jobsPerEvaluation; // no job for the sequential trainer
                double seconds = (System.nanoTime() - start) / 1e9;
                run.epochs().add(new double[] {result.accuracy(), jobs[0], seconds});
                String line = String.format(Locale.ROOT, "\"%s\",%s,%s,%d,%d,%d,%d,%d,%d,%.1f", command, run.trainer(), run.rule(), run.partitions(),
                        run.seed(), result.epoch(), result.correct(), result.total(), jobs[0], seconds);
                csv.append(line).append('\n');
                LOG.info("partitions: {}", line);
            }
        });
    }

    /**
     * A Markdown table: per trainer, rule and P, medians over the seeds of the figures that do not
     * depend on the machine's load (the CSV has the seconds too).
     */
    static String summary(List<Run> runs, String command) {
        StringBuilder table = new StringBuilder("| " + command + " | rule | P | epochs to 97% | Spark jobs to 97% | epochs to 98%"
                + " | Spark jobs to 98% | after 5 epochs | after 15 epochs |\n|---|---|---|---|---|---|---|---|---|\n");
        List<String> keys = new ArrayList<>();
        for (Run run : runs) {
            String key = run.trainer() + "|" + run.rule() + "|" + run.partitions();
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        for (String key : keys) {
            List<Run> same = runs.stream().filter(r -> key.equals(r.trainer() + "|" + r.rule() + "|" + r.partitions())).toList();
            String[] parts = key.split("\\|");
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", parts[0], parts[1], parts[2],
                    medianOf(same, r -> r.first(0.97), 0), medianOf(same, r -> r.first(0.97), 1), medianOf(same, r -> r.first(0.98), 0),
                    medianOf(same, r -> r.first(0.98), 1), accuracyAfter(same, 5), accuracyAfter(same, 15)));
        }
        return table.toString();
    }

    /** The median over the runs of one figure of {@link Run#first}; a run that never reached the target counts as above every other. */
    private static String medianOf(List<Run> runs, java.util.function.Function<Run, double[]> first, int figure) {
        double median = median(runs, r -> {
            double[] reached = first.apply(r);
            return reached == null ? Double.POSITIVE_INFINITY : reached[figure];
        });
        return Double.isInfinite(median) ? "not reached" : String.format(Locale.ROOT, "%.0f", median);
    }

    private static String accuracyAfter(List<Run> runs, int epochs) {
        double median = median(runs.stream().filter(r -> r.epochs().size() >= epochs).toList(), r -> r.accuracyAfter(epochs));
        return Double.isNaN(median) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * median);
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }
}
