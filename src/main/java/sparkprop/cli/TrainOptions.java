package sparkprop.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import sparkprop.data.ElasticDistortion;
import sparkprop.data.PixelScale;
import sparkprop.io.StoragePath;
import sparkprop.network.Cost;
import sparkprop.network.InvalidModelException;
import sparkprop.network.ModelFile;
import sparkprop.network.Network;
import sparkprop.network.Precision;
import sparkprop.network.Targets;
import sparkprop.training.BlockDeadline;
import sparkprop.training.BlockUpdate;
import sparkprop.training.SgdSettings;
import sparkprop.training.ValidationPlan;

/**
 * The training command's options. They mirror network.py's {@code SGD(training_data, epochs,
 * mini_batch_size, eta)}, and every default is the book's headline run: [784, 30, 10], 30 epochs,
 * mini-batch size 10, eta 3.0.
 *
 * @param resume              continue from the newest valid checkpoint (--resume, --resume-or-start)
 * @param startIfNoCheckpoint with {@code resume}: start afresh when the directory holds no checkpoint (--resume-or-start)
 * @param blockDeadline       with --sync-every: the deadline mode's deadline (--block-deadline), or null for blocks of exactly K steps
 */
public record TrainOptions(int[] sizes, SgdSettings sgd, StoragePath data, int trainSize, int partitions, TrainerChoice trainer, SyncEvery syncEvery,
                           StoragePath checkpointDir, boolean resume, Init init, StoragePath save, StoragePath initFrom, StoragePath metrics,
                           int earlyStop, int halveEtaAfter, TargetChoice targets, double blockLearningRate, double blockMomentum,
                           boolean startIfNoCheckpoint, BlockDeadline blockDeadline) {

    /** {@link #blockMomentum} when --block-momentum is not given: the paper's 1 − 1/P, P the number of partitions. */
    public static final double BLOCK_MOMENTUM_PER_PARTITIONS = -1;

    /** The book's inputs and one-hot targets, or Rashid's: inputs p/255·0.99 + 0.01, targets 0.01 and 0.99. */
    public enum TargetChoice {
        BOOK(PixelScale.BOOK, Targets.ONE_HOT), RASHID(PixelScale.RASHID, Targets.RASHID);

        private final PixelScale pixelScale;
        private final Targets targets;

        TargetChoice(PixelScale pixelScale, Targets targets) {
            this.pixelScale = pixelScale;
            this.targets = targets;
        }

        public PixelScale pixelScale() {
            return pixelScale;
        }

        public Targets targets() {
            return targets;
        }

        /** The option's value: book or rashid. */
        public String optionName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The choice a saved model names (its "targets" key), for evaluate and predict. */
        static TargetChoice ofModel(ModelFile.Model model, StoragePath file) {
            for (TargetChoice choice : values()) {
                if (choice.optionName().equals(model.targets())) {
                    return choice;
                }
            }
            throw new InvalidModelException(file + ": targets: expected book or rashid, found '" + model.targets() + "'");
        }
    }

    /** The initial weights: chapter 1's N(0, 1), or chapter 3's N(0, 1/n_in). */
    public enum Init {
        LARGE, SCALED;

        /** A network of these sizes, drawn from the seed. */
        public Network network(int[] sizes, long seed) {
            return this == LARGE ? Network.gaussian(sizes, seed) : Network.scaledGaussian(sizes, seed);
        }
    }

    /** Which trainer runs the epochs. */
    public enum TrainerChoice {
        /** Data-parallel on Spark (the product). */
        SPARK,
        /** network.py in one thread, no Spark jobs: the reference. */
        SEQUENTIAL
    }

    public static final String USAGE = String.join("\n",
            "usage: submit/train [--master URL] [options]",
            "       submit/train evaluate --model FILE [--data DIR]",
            "       submit/train predict --model FILE --image digit.png",
            "       submit/train report --metrics FILE [FILE ...] --out curves.png",
            "       submit/train augment --to DIR --copies N [--data DIR] [--seed S]   (or --preview PNG instead of --to)",
            "Trains the sigmoid network of Nielsen's network.py on MNIST with Spark; defaults are the book's headline run.",
            "  --master URL            Spark master (submit/train passes it to spark-submit; default local[*])",
            "  --sizes L0,L1,...       layer sizes, input first (default 784,30,10)",
            "  --epochs N              epochs (default 30)",
            "  --mini-batch-size M     samples per mini-batch, the book's m (default 10)",
            "  --eta ETA               learning rate (default 3.0)",
            "  --data DIR              directory with the four MNIST IDX files, raw or .gz (default data/mnist)",
            "  --train-size N          train on the first N training images only (default all 50000)",
            "  --partitions P          partitions of the training data (default: Spark's default parallelism)",
            "  --cost quadratic|cross-entropy  the cost (default quadratic, chapter 1; chapter 3 uses cross-entropy)",
            "  --lambda L              L2 regularization, network2.py's w -> (1 - eta*lambda/n) w - (eta/m) nablaW (default 0)",
            "  --targets book|rashid   book: inputs p/255, one-hot targets; rashid: inputs p/255*0.99+0.01, targets 0.01/0.99 (default book)",
            "  --init large|scaled     initial weights N(0,1) (chapter 1) or N(0,1/n_in) (chapter 3) (default large)",
            "  --early-stop N          stop when the validation accuracy has not improved for N epochs (network2.py's early_stopping_n)",
            "  --halve-eta-after N     the book's schedule: halve eta when the validation accuracy has not improved for N epochs,",
            "                          stop when eta has fallen to 1/128 of its first value",
            "  --target-accuracy A     stop after the first epoch whose test accuracy reaches A, e.g. 0.95 (default: run every epoch)",
            "  --seed S                seed of the initial weights and of every epoch's shuffle (default 1)",
            "  --sync-every K|S/P      each partition takes K mini-batch steps of its own between synchronizations, and the",
            "                          driver averages the partitions' weights (local SGD); S/P: S steps shared by the P partitions,",
            "                          K = S/P, the same blocks an epoch whatever P; 1 is the book's exact SGD (default 1)",
            "  --block-lr Z            with --sync-every: the driver's step is Z times the partitions' mean move (default 1)",
            "  --block-momentum M      with --sync-every: block momentum on the partitions' mean moves, Chen and Huo's blockwise",
            "                          model-update filtering (default 1 - 1/P for P partitions; 0 is plain averaging)",
            "  --block-deadline auto|MS  with --sync-every: a block ends at a deadline instead of after K steps of every partition",
            "                          (auto: the median partition's time and half as long again), so a slow partition takes",
            "                          fewer steps instead of holding the others back; the only mode whose weights depend on timing",
            "  --momentum MU           chapter 3's momentum: v -> MU v - eta grad C, w -> w + v (default 0, the book's SGD)",
            "  --distort               distort each training image afresh each time it is drawn: Simard et al.'s elastic",
            "                          distortion (sigma 4, alpha 34) after a small affine map; the same for a (seed, epoch, image)",
            "  --precision float64|float32  float32: the local steps of --sync-every and the sequential trainer compute in float,",
            "                          as PyTorch does, about twice as fast a product; the exact mode stays in double (default float64)",
            "  --trainer spark|sequential  sequential runs network.py's loop in the driver, without Spark jobs (default spark)",
            "  --save FILE             write the trained network to FILE as JSON in network2.py's layout (network2.load reads it)",
            "  --metrics FILE          append per epoch: seconds, steps, eta, training cost and accuracy, validation and test accuracy (CSV)",
            "  --init-from FILE        start from a saved network instead of random weights",
            "  --checkpoint-dir DIR    after every epoch, save what is needed to continue into DIR (the last 3 are kept)",
            "  --resume                continue from the newest valid checkpoint in --checkpoint-dir",
            "  --resume-or-start       the same when --checkpoint-dir holds a checkpoint, else start afresh: one command for a",
            "                          first run and for a driver the cluster restarts (spark-submit --supervise, YARN's attempts)",
            "  --verbose               on a failure, print the stack trace as well as the one-line message",
            "  --help                  this text");

    /** Parses the options; throws {@link UsageException} naming the option at fault. */
    public static TrainOptions parse(String... args) {
        int[] sizes = {784, 30, 10};
        int epochs = 30;
        int miniBatchSize = 10;
        double eta = 3.0;
        StoragePath data = StoragePath.of("data/mnist");
        int trainSize = 0;
        int partitions = 0;
        long seed = 1;
        double targetAccuracy = 0;
        TrainerChoice trainer = TrainerChoice.SPARK;
        SyncEvery syncEvery = SyncEvery.EXACT;
        BlockDeadline blockDeadline = null;
        Cost cost = Cost.QUADRATIC;
        double lambda = 0;
        Init init = Init.LARGE;
        StoragePath checkpointDir = null;
        boolean resume = false;
        boolean startIfNoCheckpoint = false;
        StoragePath save = null;
        StoragePath initFrom = null;
        StoragePath metrics = null;
        int earlyStop = 0;
        int halveEtaAfter = 0;
        TargetChoice targets = TargetChoice.BOOK;
        double momentum = 0;
        double blockLearningRate = 1;
        double blockMomentum = BLOCK_MOMENTUM_PER_PARTITIONS;
        boolean blockOptionGiven = false;
        boolean distort = false;
        Precision precision = Precision.FLOAT64;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new HelpRequested();
            }
            if (option.equals("--resume")) {
                resume = true;
                continue;
            }
            if (option.equals("--resume-or-start")) {
                resume = true;
                startIfNoCheckpoint = true;
                continue;
            }
            if (option.equals("--distort")) {
                distort = true;
                continue;
            }
            if (option.equals("--verbose")) {
                continue; // read by Main: a failure's stack trace as well as its message
            }
            if (!option.startsWith("--")) {
                throw new UsageException("expected an option starting with --, found '" + option + "' (see --help)");
            }
            if (i + 1 >= args.length) {
                throw new UsageException(option + ": expected a value after it, found the end of the command line");
            }
            String value = args[++i];
            switch (option) {
                case "--sizes" -> sizes = parseSizes(value);
                case "--epochs" -> epochs = positiveInt(option, value);
                case "--mini-batch-size" -> miniBatchSize = positiveInt(option, value);
                case "--eta" -> eta = positiveDouble(option, value);
                case "--data" -> data = StoragePath.of(value);
                case "--train-size" -> trainSize = positiveInt(option, value);
                case "--partitions" -> partitions = positiveInt(option, value);
                case "--seed" -> seed = parseLong(option, value);
                case "--target-accuracy" -> targetAccuracy = fraction(option, value);
                case "--trainer" -> trainer = choice(option, value, TrainerChoice.values(), choice -> choice.name().toLowerCase());
                case "--sync-every" -> {
                    syncEvery = SyncEvery.parse(value);
                    if (syncEvery == null) {
                        throw new UsageException("--sync-every: expected a positive integer K, or S/P for S steps shared by the P"
                                + " partitions (such as 500/P), found '" + value + "'");
                    }
                }
                case "--block-deadline" -> {
                    try {
                        blockDeadline = BlockDeadline.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(option + ": " + e.getMessage());
                    }
                }
                case "--precision" -> precision = choice(option, value, Precision.values(), Precision::optionName);
                case "--checkpoint-dir" -> checkpointDir = StoragePath.of(value);
                case "--save" -> save = StoragePath.of(value);
                case "--init-from" -> initFrom = StoragePath.of(value);
                case "--metrics" -> metrics = StoragePath.of(value);
                case "--early-stop" -> earlyStop = positiveInt(option, value);
                case "--targets" -> targets = choice(option, value, TargetChoice.values(), TargetChoice::optionName);
                case "--halve-eta-after" -> halveEtaAfter = positiveInt(option, value);
                case "--cost" -> cost = choice(option, value, Cost.values(), Cost::optionName);
                case "--lambda" -> lambda = number(option, value, Double::parseDouble, n -> n >= 0 && !n.isInfinite(), "a number of 0 or more");
                case "--init" -> init = choice(option, value, Init.values(), choice -> choice.name().toLowerCase());
                case "--momentum" -> momentum = number(option, value, Double::parseDouble, n -> n >= 0 && n < 1, "a number from 0 up to (not including) 1");
                case "--block-lr" -> {
                    blockLearningRate = positiveDouble(option, value);
                    blockOptionGiven = true;
                }
                case "--block-momentum" -> {
                    blockMomentum = number(option, value, Double::parseDouble, n -> n >= 0 && n < 1, "a number from 0 up to (not including) 1");
                    blockOptionGiven = true;
                }
                default -> throw new UsageException("unknown option " + option + "; expected one of --sizes, --epochs, --mini-batch-size,"
                        + " --eta, --cost, --lambda, --init, --targets, --data, --train-size, --partitions, --seed, --target-accuracy, --sync-every, --block-lr, --block-momentum, --block-deadline, --momentum, --distort, --precision, --trainer, --early-stop, --halve-eta-after, --save, --init-from, --metrics, --checkpoint-dir, --resume, --resume-or-start, --verbose, --help");
            }
        }
        if (!syncEvery.exact() && trainer == TrainerChoice.SEQUENTIAL) {
            throw new UsageException("--sync-every " + syncEvery.optionValue() + ": expected 1 with --trainer sequential (one thread has nothing"
                    + " to synchronize), found " + syncEvery.optionValue());
        }
        if (blockOptionGiven && syncEvery.exact()) {
            throw new UsageException("--block-lr and --block-momentum: expected --sync-every K with K > 1 (they filter the partitions'"
                    + " moves between synchronizations), found --sync-every 1");
        }
        if (blockDeadline != null && syncEvery.exact()) {
            throw new UsageException("--block-deadline: expected --sync-every K with K > 1 (a deadline ends a block of local steps), found"
                    + " --sync-every 1");
        }
        if (precision == Precision.FLOAT32 && syncEvery.exact() && trainer == TrainerChoice.SPARK) {
            throw new UsageException("--precision float32: expected --sync-every K with K > 1, or --trainer sequential (the exact mode is the"
                    + " book's SGD in double, equal to the sequential trainer step for step), found --sync-every 1");
        }
        if (precision == Precision.FLOAT32 && momentum > 0) {
            throw new UsageException("--precision float32: expected no --momentum (the float steps keep no velocity), found --momentum "
                    + momentum);
        }
        String resumeOption = startIfNoCheckpoint ? "--resume-or-start" : "--resume";
        if (resume && initFrom != null) {
            throw new UsageException("--init-from: expected either it or " + resumeOption + ", found both (a resumed run starts from its checkpoint)");
        }
        if (resume && checkpointDir == null) {
            throw new UsageException(resumeOption + ": expected --checkpoint-dir DIR to say where the checkpoints are, found none");
        }
        SgdSettings sgd = new SgdSettings(epochs, miniBatchSize, eta, seed, targetAccuracy, cost, lambda, targets.targets(), momentum)
                .withDistortion(distort ? ElasticDistortion.SIMARD : null)
                .withPrecision(precision);
        return new TrainOptions(sizes, sgd,
                data, trainSize, partitions, trainer, syncEvery, checkpointDir, resume, init, save, initFrom, metrics, earlyStop, halveEtaAfter,
                targets, blockLearningRate, blockMomentum, startIfNoCheckpoint, blockDeadline);
    }

    /** The configuration in one line, for the start of the driver log. */
    public String describe() {
        return String.format("sizes %s, epochs %d, mini-batch size %d, eta %s, cost %s, lambda %s, init %s, targets %s, seed %d, data %s%s,"
                + " trainer %s", Arrays.toString(sizes), sgd.epochs(), sgd.miniBatchSize(), sgd.eta(), sgd.cost().optionName(), sgd.lambda(),
                init.name().toLowerCase(), targets.name().toLowerCase(), sgd.seed(), data,
                trainSize > 0 ? ", train size " + trainSize : "", trainer.name().toLowerCase())
                + (sgd.momentum() > 0 ? ", momentum " + sgd.momentum() : "")
                + (sgd.precision() != Precision.FLOAT64 ? ", " + sgd.precision().optionName() + " arithmetic" : "")
                + (sgd.distortion() != null ? ", training images distorted (" + sgd.distortion() + ")" : "")
                + (!syncEvery.exact() ? ", local SGD synchronizing every " + syncEvery.optionValue() + " steps, block learning rate "
                        + blockLearningRate
                        + ", block momentum " + (blockMomentum == BLOCK_MOMENTUM_PER_PARTITIONS ? "1 - 1/partitions" : blockMomentum) : "")
                + (blockDeadline != null ? ", block deadline " + blockDeadline.describe() + " (weights depend on timing)" : "")
                + (sgd.targetAccuracy() > 0 ? ", target accuracy " + sgd.targetAccuracy() : "")
                + (earlyStop > 0 ? ", early stop after " + earlyStop + " epochs without improvement" : "")
                + (halveEtaAfter > 0 ? ", eta halved after " + halveEtaAfter + " epochs without improvement" : "");
    }

    /**
     * The run's settings as the configuration line's context map in a JSON log: those a checkpoint
     * records (keys without their dashes, words joined by '_'), and the trainer, the epochs and the
     * target accuracy.
     */
    public Map<String, String> logContext() {
        Map<String, String> context = new LinkedHashMap<>();
        checkpointConfiguration().forEach((option, value) -> context.put(option.substring(2).replace('-', '_'), value));
        context.put("trainer", trainer.name().toLowerCase());
        context.put("epochs", String.valueOf(sgd.epochs()));
        context.put("target_accuracy", String.valueOf(sgd.targetAccuracy()));
        return context;
    }

    /**
     * The settings a checkpoint records and a resumed run must repeat: those that decide the weights.
     * (Epochs and the target accuracy may change: they only decide when to stop. The validation plan's
     * options stay, since the checkpoint holds its state.)
     */
    public Map<String, String> checkpointConfiguration() {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("--sizes", Arrays.stream(sizes).mapToObj(String::valueOf).collect(Collectors.joining(",")));
        configuration.put("--mini-batch-size", String.valueOf(sgd.miniBatchSize()));
        configuration.put("--eta", String.valueOf(sgd.eta()));
        configuration.put("--seed", String.valueOf(sgd.seed()));
        configuration.put("--train-size", String.valueOf(trainSize));
        configuration.put("--sync-every", syncEvery.optionValue());
        configuration.put("--momentum", String.valueOf(sgd.momentum()));
        configuration.put("--distort", String.valueOf(sgd.distortion() != null));
        configuration.put("--precision", sgd.precision().optionName());
        configuration.put("--block-lr", String.valueOf(blockLearningRate));
        configuration.put("--block-momentum", blockMomentum == BLOCK_MOMENTUM_PER_PARTITIONS ? "1-1/P" : String.valueOf(blockMomentum));
        configuration.put("--block-deadline", blockDeadline == null ? "none" : blockDeadline.optionValue());
        configuration.put("--cost", sgd.cost().optionName());
        configuration.put("--lambda", String.valueOf(sgd.lambda()));
        configuration.put("--init", init.name().toLowerCase());
        configuration.put("--targets", targets.optionName());
        // Chapter 3's plan changes eta (and when to stop) from the validation accuracy.
        configuration.put("--early-stop", String.valueOf(earlyStop));
        configuration.put("--halve-eta-after", String.valueOf(halveEtaAfter));
        return configuration;
    }

    /** The driver's step after each synchronization of {@code partitions} partitions (with --sync-every). */
    public BlockUpdate blockUpdate(int partitions) {
        double momentum = blockMomentum == BLOCK_MOMENTUM_PER_PARTITIONS ? 1 - 1.0 / partitions : blockMomentum;
        return new BlockUpdate(blockLearningRate, momentum);
    }

    /** Chapter 3's use of the validation accuracy: early stopping and the learning-rate schedule. */
    public ValidationPlan validationPlan() {
        return new ValidationPlan(earlyStop, halveEtaAfter, sgd.eta());
    }

    /** Thrown by {@link #parse} for --help: not an error, the caller prints {@link #USAGE}. */
    public static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super("help requested", null, false, false);
        }
    }

    private static int[] parseSizes(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length < 2) {
            throw new UsageException("--sizes: expected at least two comma-separated layer sizes such as 784,30,10, found '" + value + "'");
        }
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--sizes: expected whole numbers such as 784,30,10, found '" + parts[i] + "' in '" + value + "'");
            }
            if (sizes[i] <= 0) {
                throw new UsageException("--sizes: expected positive layer sizes, found " + sizes[i] + " in '" + value + "'");
            }
        }
        return sizes;
    }

    private static int positiveInt(String option, String value) {
        return number(option, value, Integer::parseInt, n -> n > 0, "a positive whole number");
    }

    private static double positiveDouble(String option, String value) {
        return number(option, value, Double::parseDouble, n -> n > 0 && !n.isInfinite(), "a positive number");
    }

    private static double fraction(String option, String value) {
        return number(option, value, Double::parseDouble, n -> n > 0 && n <= 1, "a number above 0 and at most 1");
    }

    private static long parseLong(String option, String value) {
        return number(option, value, Long::parseLong, n -> true, "a whole number");
    }

    /** Parses an option's value, or says what was expected and what was found. */
    private static <T> T number(String option, String value, Function<String, T> parser, Predicate<T> valid, String expected) {
        T number;
        try {
            number = parser.apply(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": expected " + expected + ", found '" + value + "'");
        }
        if (!valid.test(number)) {
            throw new UsageException(option + ": expected " + expected + ", found " + value);
        }
        return number;
    }

    private static <T> T choice(String option, String value, T[] choices, Function<T, String> name) {
        for (T choice : choices) {
            if (name.apply(choice).equals(value)) {
                return choice;
            }
        }
        throw new UsageException(option + ": expected " + String.join(" or ", Arrays.stream(choices).map(name).toList())
                + ", found '" + value + "'");
    }
}
