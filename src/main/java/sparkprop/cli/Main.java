package sparkprop.cli;

import java.util.Arrays;
import java.util.List;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import sparkprop.data.BadDataException;
import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.data.SampleRdd;
import sparkprop.metrics.EpochResult;
import sparkprop.metrics.ProgressLog;
import sparkprop.metrics.RunSummary;
import sparkprop.network.Network;
import sparkprop.training.DistributedTrainer;
import sparkprop.training.LocalSgdTrainer;
import sparkprop.training.SequentialTrainer;
import sparkprop.training.Sgd;
import sparkprop.training.SparkData;
import sparkprop.training.Trainer;

/**
 * The training application that spark-submit runs: checks the options and the data before Spark
 * starts, trains, and writes the book's per-epoch lines to the driver log. A mistake in the
 * options or the data ends in one line on standard error and a non-zero exit status.
 */
public final class Main {

    private static final Logger LOG = LogManager.getLogger("sparkprop");

    /** Exit status for a command line that cannot run. */
    static final int USAGE_ERROR = 2;
    /** Exit status for data that cannot be used, or a failed run. */
    static final int FAILURE = 1;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command and returns the exit status, without exiting (tests call it). */
    static int run(String... args) {
        try {
            TrainOptions options = TrainOptions.parse(args);
            Mnist mnist = Mnist.open(options.data(), options.trainSize());
            checkLayersFitData(options.sizes(), mnist);
            train(options, mnist);
            return 0;
        } catch (TrainOptions.HelpRequested e) {
            System.out.println(TrainOptions.USAGE);
            return 0;
        } catch (UsageException e) {
            System.err.println("sparkprop: " + e.getMessage());
            return USAGE_ERROR;
        } catch (Exception e) {
            // Data read on an executor fails there; Spark hands the driver its own exception around
            // ours (a SparkException, which Scala throws unchecked).
            BadDataException bad = findCause(e, BadDataException.class);
            if (bad == null) {
                throw e;
            }
            System.err.println("sparkprop: " + bad.getMessage());
            return FAILURE;
        }
    }

    private static void train(TrainOptions options, Mnist mnist) {
        LOG.info("configuration: " + options.describe());
        long start = System.nanoTime();
        Network network = Network.gaussian(options.sizes(), options.sgd().seed());
        ProgressLog progress = new ProgressLog(5.0);
        List<EpochResult> results;
        if (options.trainer() == TrainOptions.TrainerChoice.SEQUENTIAL) {
            SampleBlock training = mnist.training().read();
            SampleBlock test = mnist.test().read();
            LOG.info("sequential trainer: {} training and {} test samples in the driver", training.size(), test.size());
            results = SequentialTrainer.train(network, training, test, options.sgd(), progress);
        } else {
            SparkConf conf = new SparkConf()
                    .setAppName("sparkprop " + Arrays.toString(options.sizes()))
                    .setIfMissing("spark.master", "local[*]");
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                int partitions = options.partitions() > 0 ? options.partitions() : sc.defaultParallelism();
                LOG.info("master {}, {} partitions, application {}", sc.master(), partitions, sc.sc().applicationId());
                JavaRDD<SampleBlock> training = SampleRdd.cache(sc, mnist.training(), partitions, "training data");
                JavaRDD<SampleBlock> test = SampleRdd.cache(sc, mnist.test(), partitions, "test data");
                LOG.info(SampleRdd.describe(sc, training, mnist.training().size()));
                LOG.info(SampleRdd.describe(sc, test, mnist.test().size()));
                SparkData data = new SparkData(sc, training, mnist.training().from(), mnist.training().size(), test, mnist.test().size());
                Trainer trainer = options.syncEvery() == 1 ? new DistributedTrainer(data) : new LocalSgdTrainer(data, options.syncEvery());
                results = Sgd.train(network, trainer, options.sgd(), progress);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        EpochResult last = results.get(results.size() - 1);
        if (options.sgd().reached(last.accuracy())) {
            LOG.info(String.format("Reached %.2f%% after %d epochs in %.1f s (epoch %d: %d / %d)",
                    100 * options.sgd().targetAccuracy(), results.size(), seconds, last.epoch(), last.correct(), last.total()));
        }
        LOG.info(RunSummary.of(results, seconds));
    }

    /** The input layer must have one neuron per pixel and the output layer one per digit. */
    static void checkLayersFitData(int[] sizes, Mnist mnist) {
        if (sizes[0] != mnist.imageSize()) {
            throw new UsageException("--sizes " + join(sizes) + ": expected an input layer of one neuron per pixel, " + mnist.imageSize()
                    + " for the " + mnist.imageShape() + " images of " + mnist.training().images() + ", found " + sizes[0]);
        }
        if (sizes[sizes.length - 1] != 10) {
            throw new UsageException("--sizes " + join(sizes) + ": expected an output layer of 10 neurons, one per digit, found "
                    + sizes[sizes.length - 1]);
        }
    }

    private static String join(int[] sizes) {
        return Arrays.toString(sizes).replaceAll("[\\[\\] ]", "");
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
