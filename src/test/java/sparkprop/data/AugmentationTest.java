package sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.Project;
import sparkprop.io.StoragePath;
import sparkprop.io.WriteFailedException;
import sparkprop.network.Network;
import sparkprop.training.DistributedTrainer;
import sparkprop.training.SequentialTrainer;
import sparkprop.training.SgdSettings;
import sparkprop.training.SparkData;
import sparkprop.training.TrainingListener;

/**
 * augment: distorted copies written as IDX shards beside the originals, byte for byte what
 * {@link ElasticDistortion} makes of (seed, image, copy) whatever the Spark partitions, read back by
 * {@link Mnist} as one training set (originals, then shards) on which the exact mode still gives
 * the sequential trainer's weights; a missing shard, an existing target and an unwritable one are
 * refused by name.
 */
class AugmentationTest {

    private static final int TRAIN = 300;
    private static final long SEED = 7;

    @TempDir
    static Path dir;
    private static JavaSparkContext sc;
    private static Path source;
    private static Path augmented;

    @BeforeAll
    static void augmentTheFirstImagesOfRealMnist() throws IOException {
        source = dir.resolve("source");
        writeRealSubset(source, TRAIN, 100);
        augmented = dir.resolve("augmented");
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("AugmentationTest"));
        Mnist mnist = Mnist.open(StoragePath.of(source), 0);
        Augmentation.Result result = Augmentation.write(sc, mnist, StoragePath.of(source), StoragePath.of(augmented), 2, SEED,
                ElasticDistortion.SIMARD, 100);
        assertEquals(6, result.shards(), "3 shards of 100 images for each of 2 copies");
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    @Test
    void theShardsHoldEachCopyOfEachImageAsTheDistortionOfItsSeedImageAndCopy() throws IOException {
        byte[] originals = records(source.resolve(Mnist.TRAIN_IMAGES));
        byte[] originalLabels = records(source.resolve(Mnist.TRAIN_LABELS));
        for (int shard = 0; shard < 6; shard++) {
            int copy = shard / 3 + 1;
            int firstImage = shard % 3 * 100;
            byte[] images = records(augmented.resolve(String.format(Mnist.DISTORTED_IMAGES, shard)));
            byte[] labels = records(augmented.resolve(String.format(Mnist.DISTORTED_LABELS, shard)));
            assertEquals(100 * 784, images.length);
            for (int i : new int[] {0, 57, 99}) {
                int image = firstImage + i;
                byte[] expected = ElasticDistortion.SIMARD.distortedPixels(originals, image * 784, 28, 28,
                        ElasticDistortion.seedOf(SEED, copy, image));
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(images, i * 784, (i + 1) * 784), "shard " + shard + ", image " + i);
                assertEquals(originalLabels[image], labels[i], "shard " + shard + ", label " + i);
            }
        }
        assertFalse(java.util.Arrays.equals(records(augmented.resolve(String.format(Mnist.DISTORTED_IMAGES, 0))),
                java.util.Arrays.copyOf(originals, 100 * 784)), "the copies are distorted");
    }

    @Test
    void theOriginalFilesAreCopiedByteForByteAndNothingElseIsLeftBeside() throws IOException {
        for (String name : List.of(Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES, Mnist.TEST_LABELS)) {
            assertArrayEquals(Files.readAllBytes(source.resolve(name)), Files.readAllBytes(augmented.resolve(name)), name);
        }
        assertTrue(Files.readString(augmented.resolve("augment.txt")).contains("seed " + SEED));
        try (Stream<Path> beside = Files.list(dir)) {
            assertEquals(List.of("augmented", "source"), beside.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("other"))
                    .sorted().toList(), "no temporary directory left");
        }
    }

    @Test
    void anotherJobOnOtherPartitionsWritesTheSameBytes() throws IOException {
        Path other = dir.resolve("other-shards");
        Augmentation.write(sc, Mnist.open(StoragePath.of(source), 0), StoragePath.of(source), StoragePath.of(other), 2, SEED,
                ElasticDistortion.SIMARD, 100);
        for (int shard = 0; shard < 6; shard++) {
            String name = String.format(Mnist.DISTORTED_IMAGES, shard);
            assertArrayEquals(Files.readAllBytes(augmented.resolve(name)), Files.readAllBytes(other.resolve(name)), name);
        }
    }

    @Test
    void mnistReadsTheOriginalsThenTheShardsAsOneTrainingSet() throws IOException {
        Mnist mnist = Mnist.open(StoragePath.of(augmented), 0);
        assertEquals(3 * TRAIN, mnist.training().size());
        assertEquals(100, mnist.test().size());
        SampleBlock all = mnist.training().read();
        byte[] shard4 = records(augmented.resolve(String.format(Mnist.DISTORTED_IMAGES, 4)));
        double[] expected = new double[784];
        for (int k = 0; k < 784; k++) {
            expected[k] = PixelScale.BOOK.input(shard4[3 * 784 + k] & 0xFF);
        }
        // Sample 300 + 4 · 100 + 3 is record 3 of shard 4 (copy 2 of image 103).
        assertArrayEquals(expected, all.select(new int[] {TRAIN + 403}).inputs().data);
        assertEquals(records(source.resolve(Mnist.TRAIN_LABELS))[103], all.label(TRAIN + 403));
        assertEquals(400, Mnist.open(StoragePath.of(augmented), 400).training().size(), "--train-size counts across the shards");
    }

    @Test
    void theExactModeOnPartitionsThatCrossShardsGivesTheSequentialTrainersWeights() {
        Mnist mnist = Mnist.open(StoragePath.of(augmented), 0);
        int[] sizes = {784, 20, 10};
        SgdSettings settings = new SgdSettings(1, 10, 3.0, 5);
        Network expected = Network.gaussian(sizes, settings.seed());
        SequentialTrainer.train(expected, mnist.training().read(), mnist.test().read(), settings, TrainingListener.NONE);
        // 4 partitions of 225 samples: the second holds originals 225 to 299 and shard 0's first 150.
        SparkData data = new SparkData(sc, SampleRdd.cache(sc, mnist.training(), 4, "augmented training"), 0, mnist.training().size(),
                SampleRdd.cache(sc, mnist.test(), 4, "augmented test"), mnist.test().size());
        Network distributed = Network.gaussian(sizes, settings.seed());
        new DistributedTrainer(data).train(distributed, settings, TrainingListener.NONE);
        assertEquals(0.0, distributed.maxAbsDifference(expected), 1e-9);
    }

    @Test
    void aMissingShardIsNamed() throws IOException {
        Path damaged = dir.resolve("other-missing");
        copyDirectory(augmented, damaged);
        Files.delete(damaged.resolve(String.format(Mnist.DISTORTED_IMAGES, 2)));
        BadDataException e = assertThrows(BadDataException.class, () -> Mnist.open(StoragePath.of(damaged), 0));
        assertTrue(e.getMessage().contains("distorted-00002-images-idx3-ubyte") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void aShardOfAnotherShapeIsNamed() throws IOException {
        Path damaged = dir.resolve("other-shape");
        copyDirectory(augmented, damaged);
        Files.write(damaged.resolve(String.format(Mnist.DISTORTED_IMAGES, 5)), IdxWriter.idx(new int[] {100, 14, 56}, new byte[100 * 784]));
        BadDataException e = assertThrows(BadDataException.class, () -> Mnist.open(StoragePath.of(damaged), 0));
        assertTrue(e.getMessage().contains("distorted-00005-images-idx3-ubyte") && e.getMessage().contains("14×56"), e.getMessage());
    }

    @Test
    void anExistingTargetIsRefusedAndLeftAsItWas() throws IOException {
        Path target = dir.resolve("other-existing");
        Files.createDirectories(target);
        Files.writeString(target.resolve("keep.txt"), "mine");
        BadDataException e = assertThrows(BadDataException.class, () -> Augmentation.write(sc, Mnist.open(StoragePath.of(source), 0),
                StoragePath.of(source), StoragePath.of(target), 1, SEED, ElasticDistortion.SIMARD));
        assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("exists"), e.getMessage());
        try (Stream<Path> files = Files.list(target)) {
            assertEquals(List.of(target.resolve("keep.txt")), files.toList());
        }
        assertEquals("mine", Files.readString(target.resolve("keep.txt")));
    }

    @Test
    void aTargetThatCannotBeMadeEndsInOneLineAndLeavesNothing() throws IOException {
        Path notADirectory = dir.resolve("other-file");
        Files.writeString(notADirectory, "a file, not a directory");
        StoragePath target = StoragePath.of(notADirectory.resolve("augmented").toString());
        WriteFailedException e = assertThrows(WriteFailedException.class, () -> Augmentation.write(sc, Mnist.open(StoragePath.of(source), 0),
                StoragePath.of(source), target, 1, SEED, ElasticDistortion.SIMARD));
        assertTrue(e.getMessage().startsWith(target + ": cannot write it"), e.getMessage());
        assertEquals("a file, not a directory", Files.readString(notADirectory));
    }

    @Test
    void augmentedDataIsNotAugmentedAgain() {
        BadDataException e = assertThrows(BadDataException.class, () -> Augmentation.originals(Mnist.open(StoragePath.of(augmented), 0),
                StoragePath.of(augmented)));
        assertTrue(e.getMessage().contains("augmented already"), e.getMessage());
    }

    /** The first {@code train} training and {@code test} test images of data/mnist, as four IDX files. */
    static void writeRealSubset(Path directory, int train, int test) throws IOException {
        Files.createDirectories(directory);
        Path real = Project.realMnist();
        for (String[] pair : new String[][] {{Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS}, {Mnist.TEST_IMAGES, Mnist.TEST_LABELS}}) {
            int count = pair[0].equals(Mnist.TRAIN_IMAGES) ? train : test;
            StoragePath images = StoragePath.of(real.resolve(pair[0]));
            StoragePath labels = StoragePath.of(real.resolve(pair[1]));
            Files.write(directory.resolve(pair[0]), IdxWriter.idx(new int[] {count, 28, 28},
                    IdxFile.records(images, IdxFile.header(images), 0, count)));
            Files.write(directory.resolve(pair[1]), IdxWriter.idx(new int[] {count},
                    IdxFile.records(labels, IdxFile.header(labels), 0, count)));
        }
    }

    private static byte[] records(Path file) {
        StoragePath path = StoragePath.of(file);
        IdxHeader header = IdxFile.header(path);
        return IdxFile.records(path, header, 0, header.count());
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
