package sparkprop.data;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.JavaSparkContext;

import sparkprop.io.StoragePath;
import sparkprop.io.WriteFailedException;

/**
 * {@code augment}'s Spark job: {@code copies} distorted copies of each of the book's training images
 * (infinite MNIST's idea, Loosli, Canu and Bottou 2007, with {@link ElasticDistortion}), written
 * as IDX shards beside a byte-for-byte copy of the four original files, into a directory that
 * {@code --data} reads as one training set ({@link Mnist}: the originals, then the shards in order),
 * with the validation and test images untouched.
 *
 * <p>Shard {@code k} holds copy {@code k / shardsPerCopy + 1} of a run of at most {@value #SHARD_IMAGES}
 * images; each is one task that distorts its images and writes its two files (temporary file, then
 * rename). Image {@code i}'s copy {@code c} is {@link DistortionPass}(distortion, seed, c) applied to
 * it, so the bytes depend on (seed, image, copy) only, not on the partitions or the cluster. The
 * whole directory is made under a temporary name beside the target and renamed into place at the
 * end: a reader sees all of it or nothing, and a failed job leaves nothing behind.
 */
public final class Augmentation {

    private static final Logger LOG = LogManager.getLogger("sparkprop");

    /** Images per shard: one task's work, 39 MB of MNIST's pixels. */
    static final int SHARD_IMAGES = 50_000;

    private static final String NOTHING_LEFT = "nothing is left under that name, and the data read is as it was";

    /** What the job wrote. */
    public record Result(int images, int copies, int shards, long shardBytes) {
    }

    private Augmentation() {
    }

    /**
     * Writes {@code copies} distorted copies of the training images of {@code mnist} (which must be
     * the four IDX files of {@code source}) into the new directory {@code target}.
     */
    public static Result write(JavaSparkContext sc, Mnist mnist, StoragePath source, StoragePath target, int copies, long seed,
                               ElasticDistortion distortion) {
        return write(sc, mnist, source, target, copies, seed, distortion, SHARD_IMAGES);
    }

    /** As above, with shards of at most {@code shardImages} images (tests make several of a small set). */
    static Result write(JavaSparkContext sc, Mnist mnist, StoragePath source, StoragePath target, int copies, long seed,
                        ElasticDistortion distortion, int shardImages) {
        DataSlice originals = originals(mnist, source);
        DataSlice test = (DataSlice) mnist.test();
        if (Mnist.exists(target)) {
            throw new BadDataException(target + ": expected a new directory for the augmented data, found one that exists"
                    + " (augment does not write over data; name another, or remove it)");
        }
        StoragePath temporary = target.parent().resolve("." + target.name() + "." + UUID.randomUUID() + ".part");
        try {
            if (!temporary.makeDirectories()) {
                throw new IOException("cannot create the directory " + temporary);
            }
            List<Shard> shards = shards(originals, copies, seed, distortion, shardImages);
            sc.setJobDescription("augment: " + copies + " distorted copies of " + originals.size() + " images in "
                    + shards.size() + " shards, into " + target);
            long shardBytes = sc.parallelize(shards, shards.size()).map(shard -> shard.write(temporary)).reduce(Long::sum);
            for (StoragePath file : List.of(originals.imageFile(), originals.labelFile(), test.imageFile(), test.labelFile())) {
                temporary.resolve(file.name()).writeAtomically(file.readAllBytes());
            }
            temporary.resolve("augment.txt").writeAtomically(describe(source, originals, copies, seed, distortion, shards.size())
                    .getBytes(StandardCharsets.UTF_8));
            temporary.renameTo(target);
            return new Result(originals.size(), copies, shards.size(), shardBytes);
        } catch (IOException e) {
            throw new WriteFailedException(target, e, NOTHING_LEFT);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /** The book's training images of the data, which must be IDX files (their bytes are what is distorted, and copied). */
    public static DataSlice originals(Mnist mnist, StoragePath source) {
        if (!(mnist.training() instanceof DataSlice originals) || !(mnist.test() instanceof DataSlice)) {
            throw new BadDataException(source + ": expected MNIST's four IDX files to augment, found "
                    + (mnist.training() instanceof IdxShards ? "data augmented already (distorted shards beside them)" : "tables (CSV or Parquet)"));
        }
        return originals;
    }

    /** The shards in order: for each copy, the training images in runs of at most {@code shardImages}. */
    private static List<Shard> shards(DataSlice originals, int copies, long seed, ElasticDistortion distortion, int shardImages) {
        int perCopy = Math.max(1, (originals.size() + shardImages - 1) / shardImages);
        List<Shard> shards = new ArrayList<>(copies * perCopy);
        for (int copy = 1; copy <= copies; copy++) {
            for (DataSlice run : originals.split(perCopy)) {
                shards.add(new Shard(shards.size(), run, new DistortionPass(distortion, seed, copy)));
            }
        }
        return shards;
    }

    /** One task: copy {@code pass.pass()} of the images of {@code run}, as shard {@code number}. */
    record Shard(int number, DataSlice run, DistortionPass pass) implements Serializable {

        /** Distorts the run's images and writes the shard's two files into {@code directory}; returns their bytes. */
        long write(StoragePath directory) {
            IdxHeader header = IdxFile.header(run.imageFile());
            int[] dimensions = header.dimensions().clone();
            int width = dimensions[dimensions.length - 1];
            int size = (int) header.recordSize();
            byte[] pixels = IdxFile.records(run.imageFile(), header, run.from(), run.to());
            byte[] distorted = new byte[pixels.length];
            for (int i = 0; i < run.size(); i++) {
                byte[] image = pass.distortion().distortedPixels(pixels, i * size, width, size / width, pass.seedOf(run.from() + i));
                System.arraycopy(image, 0, distorted, i * size, size);
            }
            byte[] labels = IdxFile.records(run.labelFile(), IdxFile.header(run.labelFile()), run.from(), run.to());
            dimensions[0] = run.size();
            byte[] imageFile = IdxFile.encode(dimensions, distorted);
            byte[] labelFile = IdxFile.encode(new int[] {run.size()}, labels);
            for (String name : List.of(Mnist.DISTORTED_IMAGES, Mnist.DISTORTED_LABELS)) {
                StoragePath file = directory.resolve(String.format(name, number));
                try {
                    file.writeAtomically(name.equals(Mnist.DISTORTED_IMAGES) ? imageFile : labelFile);
                } catch (IOException e) {
                    throw new WriteFailedException(file, e, NOTHING_LEFT);
                }
            }
            LOG.info("augment: shard {} written: copy {} of images {} to {}", String.format("%05d", number), pass.pass(), run.from(),
                    run.to() - 1);
            return imageFile.length + labelFile.length;
        }
    }

    /** augment.txt: how the directory was made, for the people who read it. */
    private static String describe(StoragePath source, DataSlice originals, int copies, long seed, ElasticDistortion distortion, int shards) {
        return "Made by sparkprop's augment from " + source + ".\n"
                + "Training set: the first " + originals.size() + " images of " + originals.imageFile().name() + ", then shards 00000 to "
                + String.format("%05d", shards - 1) + " (" + copies + " distorted copies of each of them, copy by copy).\n"
                + "Validation and test images: the original files, unchanged.\n"
                + "Distortion: " + distortion + ", seed " + seed + " (image i's copy c is the same for the same seed, i and c).\n";
    }

    private static void deleteQuietly(StoragePath directory) {
        try {
            directory.deleteRecursively();
        } catch (IOException e) {
            LOG.warn("augment: could not remove the temporary directory {}: {}", directory, StoragePath.firstLine(e));
        }
    }
}
