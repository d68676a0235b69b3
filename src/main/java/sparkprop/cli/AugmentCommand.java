package sparkprop.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import sparkprop.data.Augmentation;
import sparkprop.data.DistortionPreview;
import sparkprop.data.ElasticDistortion;
import sparkprop.data.Mnist;
import sparkprop.io.StoragePath;
import sparkprop.io.WriteFailedException;

/**
 * {@code submit/train augment --to DIR --copies N [--data DIR] [--seed S]}: a Spark job that writes
 * N distorted copies of every training image beside the originals ({@link Augmentation}), a
 * directory that {@code --data} then reads as one training set; and
 * {@code submit/train augment --preview PNG [--copies N] [--data DIR] [--seed S]}: a picture of
 * what those copies look like ({@link DistortionPreview}), drawn in the driver.
 */
final class AugmentCommand {

    static final String USAGE = "usage: submit/train augment --to DIR --copies N [--data DIR] [--seed S],"
            + " or submit/train augment --preview PNG [--copies N] [--data DIR] [--seed S]";

    private static final Logger LOG = LogManager.getLogger("sparkprop");
    /** Copies drawn by --preview unless --copies says. */
    private static final int PREVIEW_COPIES = 8;

    private AugmentCommand() {
    }

    static void run(String... args) {
        Map<String, String> options = SubcommandOptions.parse("augment", USAGE, List.of("--to", "--preview", "--copies", "--data", "--seed"),
                args);
        if (options.containsKey("--to") == options.containsKey("--preview")) {
            throw new UsageException("augment: expected one of --to DIR and --preview PNG, found "
                    + (options.containsKey("--to") ? "both" : "neither") + "; " + USAGE);
        }
        if (options.containsKey("--to") && !options.containsKey("--copies")) {
            throw new UsageException("augment: expected --copies N with --to (how many distorted copies of each image), found none; " + USAGE);
        }
        int copies = positive("--copies", options.getOrDefault("--copies", String.valueOf(PREVIEW_COPIES)));
        long seed = parseSeed(options.getOrDefault("--seed", "1"));
        StoragePath data = StoragePath.of(options.getOrDefault("--data", "data/mnist"));
        Mnist mnist = Mnist.open(data, 0);
        ElasticDistortion distortion = ElasticDistortion.SIMARD;
        if (options.containsKey("--preview")) {
            StoragePath png = StoragePath.of(options.get("--preview"));
            try {
                png.writeAtomically(DistortionPreview.png(Augmentation.originals(mnist, data), copies, seed, distortion));
            } catch (IOException e) {
                throw new WriteFailedException(png, e, "no file is left half-written");
            }
            System.out.println("augment: " + png + ": the first image of each digit and " + copies + " distorted copies of it, seed " + seed);
            return;
        }
        StoragePath target = StoragePath.of(options.get("--to"));
        SparkConf conf = new SparkConf().setIfMissing("spark.master", "local[*]");
        if (conf.get("spark.app.name", Main.class.getName()).equals(Main.class.getName())) {
            conf.setAppName("sparkprop augment");
        }
        long started = System.nanoTime();
        JavaSparkContext sc = Main.sparkContext(conf);
        try {
            LOG.info("augment: {} distorted copies of the {} training images of {} into {}, seed {}, {}", copies, mnist.training().size(),
                    data, target, seed, distortion);
            Augmentation.Result result = Augmentation.write(sc, mnist, data, target, copies, seed, distortion);
            LOG.info("augment: {} written in {} s: {} training samples ({} originals, then {} distorted copies in {} shards, {} MB);"
                            + " train on them with --data {}", target, String.format("%.1f", (System.nanoTime() - started) / 1e9),
                    result.images() * (copies + 1L), result.images(), result.images() * (long) copies, result.shards(),
                    String.format("%.1f", result.shardBytes() / 1e6), target);
        } finally {
            sc.stop();
        }
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + ": expected a whole number of at least 1, found '" + value + "'");
    }

    private static long parseSeed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--seed: expected a whole number, found '" + value + "'");
        }
    }
}
