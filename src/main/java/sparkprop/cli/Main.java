package sparkprop.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import sparkprop.data.BadDataException;
import sparkprop.data.Mnist;
import sparkprop.data.SampleBlock;
import sparkprop.data.SampleRdd;
import sparkprop.io.StoragePath;
import sparkprop.io.WriteFailedException;
import sparkprop.metrics.EpochResult;
import sparkprop.metrics.MetricsFile;
import sparkprop.metrics.ProgressLog;
import sparkprop.metrics.RunSummary;
import sparkprop.network.InvalidModelException;
import sparkprop.network.KernelWarmUp;
import sparkprop.network.ModelFile;
import sparkprop.network.Network;
import sparkprop.network.Velocity;
import sparkprop.training.Checkpoint;
import sparkprop.training.CheckpointDirectory;
import sparkprop.training.CheckpointInUseException;
import sparkprop.training.CheckpointLock;
import sparkprop.training.Checkpointer;
import sparkprop.training.DivergenceException;
import sparkprop.training.DeadlineTrainer;
import sparkprop.training.DistributedTrainer;
import sparkprop.training.InvalidCheckpointException;
import sparkprop.training.LocalSgdTrainer;
import sparkprop.training.SequentialTrainer;
import sparkprop.training.Sgd;
import sparkprop.training.SparkData;
import sparkprop.training.Trainer;
import sparkprop.training.TrainingListener;
import sparkprop.training.ValidationPlan;

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
        int status = run(StopOnSignal.onSignals(), true, args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The commands besides training: {@code submit/train evaluate|predict|report|augment ...}. */
    private static final Map<String, Consumer<String[]>> SUBCOMMANDS = Map.of(
            "evaluate", EvaluateCommand::run, "predict", PredictCommand::run, "report", ReportCommand::run, "augment", AugmentCommand::run);

    /** Runs the command and returns the exit status, without exiting (tests call it). */
    static int run(String... args) {
        return run(StopOnSignal.none(), false, args);
    }

    /** {@code ownJvm}: the JVM is this run's alone (not a test's), so its compiler may be shaped for the run. */
    private static int run(StopOnSignal stop, boolean ownJvm, String... args) {
        try {
            if (args.length > 0 && SUBCOMMANDS.containsKey(args[0])) {
                SUBCOMMANDS.get(args[0]).accept(Arrays.copyOfRange(args, 1, args.length));
                return 0;
            }
            TrainOptions options = TrainOptions.parse(args);
            if (ownJvm && KernelOnlyC2.suits(options)) {
                KernelOnlyC2.apply();
                warmUpKernelIfItRunsHere(options);
            } else if (ownJvm) {
                KernelOnlyC2.lift();
            }
            Mnist mnist = Mnist.open(options.data(), options.trainSize(), options.targets().pixelScale());
            checkLayersFitData(options.sizes(), mnist);
            if (options.validationPlan().active() && mnist.validation().size() == 0) {
                throw new UsageException("--early-stop and --halve-eta-after: expected validation images (the training file's images after the"
                        + " first 50,000), found none in " + mnist.training().images());
            }
            try {
                train(options, mnist, stop);
            } catch (RunStopped e) {
                System.err.println("sparkprop: " + e.getMessage() + "; " + howToContinue(options, args));
                return stop.exitStatus();
            }
            return 0;
        } catch (TrainOptions.HelpRequested e) {
            System.out.println(TrainOptions.USAGE);
            return 0;
        } catch (UsageException e) {
            System.err.println("sparkprop: " + e.getMessage());
            return USAGE_ERROR;
        } catch (Exception e) {
            if (stop.requested()) {
                // The JVM is exiting without the step under way (StopOnSignal); its job was cancelled.
                System.err.println("sparkprop: stopped by " + stop.signalName());
                return stop.exitStatus();
            }
            // Data read on an executor fails there; Spark hands the driver its own exception around
            // ours (a SparkException, which Scala throws unchecked).
            Throwable bad = userFacingCause(e);
            if (bad == null) {
                throw e;
            }
            System.err.println("sparkprop: " + bad.getMessage());
            if (Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace();
            }
            return FAILURE;
        }
    }

    /**
     * Where the steps run in this JVM (the sequential trainer, or a local master, whose executor is
     * the driver), the kernel is warmed up on the spare core while the data is read and Spark starts
     * ({@link KernelWarmUp}). A cluster's executors are other JVMs.
     */
    private static void warmUpKernelIfItRunsHere(TrainOptions options) {
        boolean local = new SparkConf().get("spark.master", "local[*]").startsWith("local");
        if (options.trainer() == TrainOptions.TrainerChoice.SEQUENTIAL || local) {
            KernelWarmUp.start(options.sgd().precision());
        }
    }

    /** Trains, holding the checkpoint directory's lock when there is one; a signal stops it between two steps. */
    private static void train(TrainOptions options, Mnist mnist, StopOnSignal stop) {
        try (CloseableThreadContext.Instance context = CloseableThreadContext.putAll(options.logContext())) {
            LOG.info("configuration: " + options.describe());
        }
        if (options.checkpointDir() == null) {
            trainFromStart(options, mnist, stop, System.nanoTime());
            return;
        }
        try (CheckpointLock lock = CheckpointLock.acquire(options.checkpointDir(), staleLock -> LOG.warn(staleLock))) {
            trainFromStart(options, mnist, stop, System.nanoTime());
        }
    }

    /**
     * After a stop: the newest checkpoint and the command that resumes from it, or that there is
     * nothing to resume from.
     */
    private static String howToContinue(TrainOptions options, String[] args) {
        if (options.checkpointDir() == null) {
            return "no checkpoint to resume from (--checkpoint-dir DIR keeps one after every epoch)";
        }
        List<StoragePath> checkpoints = new CheckpointDirectory(options.checkpointDir()).checkpointsNewestFirst();
        if (checkpoints.isEmpty()) {
            return "no checkpoint in " + options.checkpointDir() + " yet; the same command starts again: " + ResumeCommand.of(args, false);
        }
        return "newest checkpoint " + checkpoints.get(0) + "; resume with: " + ResumeCommand.of(args, !options.resume());
    }

    private static void trainFromStart(TrainOptions options, Mnist mnist, StopOnSignal stop, long start) {
        Start from = Start.of(options);
        Network network = from.network();
        Velocity velocity = from.velocity();
        TrainingListener listener = TrainingListener.all(stop, new ProgressLog(5.0, options.sgd().eta()));
        if (options.checkpointDir() != null) {
            listener = TrainingListener.all(listener, new Checkpointer(new CheckpointDirectory(options.checkpointDir()), network,
                    velocity, options.checkpointConfiguration(), from.earlier()));
        }
        if (options.metrics() != null) {
            listener = TrainingListener.all(listener, new MetricsFile(options.metrics(), options.sgd().eta()));
        }
        List<EpochResult> results = new ArrayList<>(from.earlier());
        results.addAll(options.trainer() == TrainOptions.TrainerChoice.SEQUENTIAL
                ? trainSequentially(options, mnist, network, velocity, listener, from)
                : trainOnSpark(options, mnist, network, velocity, listener, from));
        double seconds = (System.nanoTime() - start) / 1e9;
        EpochResult last = results.get(results.size() - 1);
        if (options.sgd().reached(last.accuracy())) {
            LOG.info(String.format("Reached %.2f%% after %d epochs in %.1f s (epoch %d: %d / %d)",
                    100 * options.sgd().targetAccuracy(), results.size(), seconds, last.epoch(), last.correct(), last.total()));
        }
        try (CloseableThreadContext.Instance context = CloseableThreadContext.putAll(RunSummary.context(results, seconds))) {
            LOG.info(RunSummary.of(results, seconds));
        }
        if (options.save() != null) {
            ModelFile.write(options.save(), network, options.sgd().cost(), options.targets().optionName());
            LOG.info("saved the network to {}", options.save());
        }
    }

    /** network.py's loop in this JVM, no Spark job. */
    private static List<EpochResult> trainSequentially(TrainOptions options, Mnist mnist, Network network, Velocity velocity,
                                                       TrainingListener listener, Start from) {
        SampleBlock training = mnist.training().read();
        SampleBlock test = mnist.test().read();
        SampleBlock validation = needsValidation(options, mnist, listener) ? mnist.validation().read() : null;
        LOG.info("sequential trainer: {} training and {} test samples in the driver", training.size(), test.size());
        return Sgd.train(network, new SequentialTrainer(training, validation, test, velocity), options.sgd(), listener, from.firstEpoch(),
                from.plan(options));
    }

    /** The data cached on the executors, then one Spark job per mini-batch (or per synchronization with --sync-every). */
    private static List<EpochResult> trainOnSpark(TrainOptions options, Mnist mnist, Network network, Velocity velocity,
                                                  TrainingListener listener, Start from) {
        SparkConf conf = new SparkConf().setIfMissing("spark.master", "local[*]");
        // spark-submit names the application after its main class unless --name gives one.
        if (conf.get("spark.app.name", Main.class.getName()).equals(Main.class.getName())) {
            conf.setAppName("sparkprop " + Arrays.toString(options.sizes()));
        }
        KernelOnlyC2.forExecutors(conf);
        JavaSparkContext sc = sparkContext(conf);
        try {
            int wanted = options.partitions() > 0 ? options.partitions() : sc.defaultParallelism();
            long maxBytes = SampleRdd.maxPartitionBytes(sc);
            int partitions = SampleRdd.partitions(wanted, mnist.training().size(), mnist.imageSize(), maxBytes);
            if (partitions > wanted) {
                LOG.info("{} partitions instead of {}: {} training samples of {} pixels need partitions of at most {} MB (an eighth of"
                        + " an executor's heap)", partitions, wanted, mnist.training().size(), mnist.imageSize(), maxBytes >> 20);
            }
            LOG.info("master {}, {} partitions, application {}", sc.master(), partitions, sc.sc().applicationId());
            JavaRDD<SampleBlock> training = SampleRdd.cache(sc, mnist.training(), partitions, "training data");
            JavaRDD<SampleBlock> test = SampleRdd.cache(sc, mnist.test(), partitions, "test data");
            LOG.info(SampleRdd.describe(sc, training, mnist.training().size()));
            LOG.info(SampleRdd.describe(sc, test, mnist.test().size()));
            JavaRDD<SampleBlock> validation = needsValidation(options, mnist, listener)
                    ? SampleRdd.cache(sc, mnist.validation(), partitions, "validation data") : null;
            SparkData data = new SparkData(sc, training, mnist.training().from(), mnist.training().size(), test, mnist.test().size(),
                    validation);
            int syncEvery = options.syncEvery().perPartition(partitions);
            if (options.syncEvery().shared()) {
                LOG.info("local SGD: --sync-every {} on {} partitions: {} local steps per synchronization", options.syncEvery().optionValue(),
                        partitions, syncEvery);
            }
            try (Trainer trainer = options.syncEvery().exact() ? new DistributedTrainer(data, velocity)
                    : options.blockDeadline() != null
                    ? new DeadlineTrainer(data, syncEvery, options.blockUpdate(partitions), options.blockDeadline(), velocity)
                    : new LocalSgdTrainer(data, syncEvery, options.blockUpdate(partitions), velocity)) {
                return Sgd.train(network, trainer, options.sgd(), listener, from.firstEpoch(), from.plan(options));
            }
        } finally {
            sc.stop();
        }
    }

    /**
     * A bare context (Spark SQL, which CSV and Parquet data are read through, starts a session on it
     * only for them, TableSlice, so IDX runs do not wait for Spark SQL to load), with the cluster's
     * secret where a Worker handed it over, on YARN in client mode with the wait for the
     * ApplicationMaster's web filter ({@link YarnUiFilterWait}), and refused early when a standalone
     * Master did not let it in.
     */
    static JavaSparkContext sparkContext(SparkConf conf) {
        takeSecretFromWorker(conf);
        YarnUiFilterWait.install(conf);
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (NullPointerException | IllegalStateException e) {
            // Spark's standalone backend waits inside the context's constructor for the Master to
            // answer. When it gives up ("All masters are unresponsive"), it stops the context from
            // another thread, and the constructor, still running, can fail on what that stop cleared
            // (seen in cluster-security-test: a NullPointerException on the DAGScheduler).
            String master = conf.get("spark.master", "");
            if (standalone(master)) {
                throw refused(master, e);
            }
            throw e;
        }
        try {
            checkRegistered(sc);
        } catch (RuntimeException e) {
            sc.stop();
            throw e;
        }
        return sc;
    }

    /**
     * In cluster deploy mode a Worker starts the driver and hands it the cluster's secret in the
     * environment variable {@value #WORKER_SECRET} (as it does for executors), keeping it off the
     * command line; but Spark's standalone driver takes the secret only from its configuration, so
     * it is copied there. Nothing changes when authentication is off or the secret is set.
     */
    private static void takeSecretFromWorker(SparkConf conf) {
        String secret = System.getenv(WORKER_SECRET);
        if (conf.getBoolean("spark.authenticate", false) && !conf.contains("spark.authenticate.secret") && secret != null) {
            conf.set("spark.authenticate.secret", secret);
        }
    }

    /** Spark's name for the variable (SecurityManager.ENV_AUTH_SECRET). */
    private static final String WORKER_SECRET = "_SPARK_AUTH_SECRET";

    /**
     * A standalone Master names an application it registered {@code app-...}; until then (and for
     * good, when it refused it) Spark's fallback id {@code spark-application-...} stands in.
     */
    private static void checkRegistered(JavaSparkContext sc) {
        if (standalone(sc.master()) && !sc.sc().applicationId().startsWith("app-")) {
            throw refused(sc.master(), null);
        }
    }

    /** Whether the master is a standalone Master ({@code spark://host:port}), the one that registers applications. */
    private static boolean standalone(String master) {
        return master.startsWith("spark://");
    }

    private static ClusterRefusedException refused(String master, RuntimeException cause) {
        return new ClusterRefusedException(master + ": expected the Master to register the application, found it refused or"
                + " unreachable (Spark's reason is in the log above). A cluster started by submit/cluster-start lets in only"
                + " applications with its secret: submit with submit/train and the cluster's directory (work/cluster or"
                + " SPARKPROP_CLUSTER_DIR), which hands it over", cause);
    }

    /** Whether the run reads the validation images: for --metrics, early stopping or the schedule, when there are any. */
    private static boolean needsValidation(TrainOptions options, Mnist mnist, TrainingListener listener) {
        return (listener.wantsMonitoring() || options.validationPlan().active()) && mnist.validation().size() > 0;
    }

    /**
     * Where training starts: a fresh network at epoch 0, or the newest valid checkpoint with --resume
     * (and with --resume-or-start when there is a checkpoint; damaged ones alone are refused, not passed over).
     */
    private record Start(Network network, Velocity velocity, int firstEpoch, List<EpochResult> earlier, ValidationPlan.State planState) {

        /** The options' validation plan, at the checkpoint's state when resuming. */
        ValidationPlan plan(TrainOptions options) {
            ValidationPlan plan = options.validationPlan();
            if (planState != null) {
                plan.restore(planState);
            }
            return plan;
        }

        /** Random weights from the seed, or a saved network (--init-from) of the same sizes. */
        private static Network initialNetwork(TrainOptions options) {
            if (options.initFrom() == null) {
                return options.init().network(options.sizes(), options.sgd().seed());
            }
            Network saved = ModelFile.read(options.initFrom()).network();
            if (!Arrays.equals(saved.sizes(), options.sizes())) {
                throw new UsageException("--init-from " + options.initFrom() + ": expected a network of --sizes " + join(options.sizes())
                        + ", found one of sizes " + join(saved.sizes()));
            }
            LOG.info("starting from the network in {}", options.initFrom());
            return saved;
        }

        static Start of(TrainOptions options) {
            CheckpointDirectory checkpoints = options.checkpointDir() == null ? null : new CheckpointDirectory(options.checkpointDir());
            // One listing of the directory (on HDFS, a call to the NameNode).
            List<StoragePath> existing = checkpoints == null ? List.of() : checkpoints.checkpointsNewestFirst();
            if (!options.resume() && !existing.isEmpty()) {
                throw new UsageException("--checkpoint-dir " + options.checkpointDir() + ": expected no checkpoints (or --resume to continue"
                        + " from them), found " + existing.get(0).name() + " of an earlier run");
            }
            boolean afresh = !options.resume() || options.startIfNoCheckpoint() && existing.isEmpty();
            if (afresh) {
                if (options.resume()) {
                    // A first run, or a driver restarted before its first checkpoint: the same command starts afresh.
                    LOG.info("--resume-or-start: no checkpoint in {}, starting afresh", options.checkpointDir());
                }
                Network network = initialNetwork(options);
                return new Start(network, Velocity.zero(network.sizes()), 0, List.of(), null);
            }
            Checkpoint checkpoint = checkpoints.newestValid(refused -> LOG.warn("not resuming from {}", refused.getMessage()))
                    .orElseThrow(() -> new InvalidCheckpointException("--checkpoint-dir " + options.checkpointDir()
                            + ": expected a valid checkpoint to resume from, found none"));
            Map<String, String> wanted = options.checkpointConfiguration();
            for (Map.Entry<String, String> entry : checkpoint.configuration().entrySet()) {
                if (!entry.getValue().equals(wanted.get(entry.getKey()))) {
                    throw new UsageException("--resume: the checkpoint of epoch " + checkpoint.epoch() + " was made with " + entry.getKey() + " "
                            + entry.getValue() + ", found " + entry.getKey() + " " + wanted.get(entry.getKey()) + "; resume with the same settings");
                }
            }
            LOG.info("resuming from the checkpoint of epoch {} in {}", checkpoint.epoch(), options.checkpointDir());
            return new Start(checkpoint.network(), checkpoint.velocity(), checkpoint.epoch() + 1, checkpoint.results(), checkpoint.plan());
        }
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

    /** Failures whose message is written for the user: bad data, a bad checkpoint, a busy checkpoint directory, divergence. */
    private static final List<Class<? extends RuntimeException>> USER_FACING = List.of(BadDataException.class,
            InvalidCheckpointException.class, CheckpointInUseException.class, DivergenceException.class, InvalidModelException.class,
            ClusterRefusedException.class, WriteFailedException.class);

    private static Throwable userFacingCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Class<? extends RuntimeException> type : USER_FACING) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }
}
