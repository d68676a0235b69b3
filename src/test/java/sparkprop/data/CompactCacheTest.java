package sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sparkprop.Project;
import sparkprop.io.StoragePath;

/**
 * The cache keeps MNIST's pixels as the bytes they are stored as, and hands out the same doubles as
 * scaling every pixel when it is read (bit for bit), in under 1 KB a sample.
 */
class CompactCacheTest {

    @Test
    void everyPixelValueBecomesTheScalesDoubleAndItsFloatBitForBit() {
        byte[] pixels = new byte[256];
        for (int p = 0; p < 256; p++) {
            pixels[p] = (byte) p;
        }
        for (PixelScale scale : PixelScale.values()) {
            double[] column = new double[256];
            float[] inFloat = new float[256];
            new PixelInputs(256, 256, pixels, scale).copySample(0, column, 0);
            new PixelInputs(256, 256, pixels, scale).copySample(0, inFloat, 0);
            for (int p = 0; p < 256; p++) {
                assertEquals(Double.doubleToRawLongBits(scale.input(p)), Double.doubleToRawLongBits(column[p]), scale + ", pixel " + p);
                // --precision float32: the float of that double, made from the byte directly.
                assertEquals(Float.floatToRawIntBits((float) scale.input(p)), Float.floatToRawIntBits(inFloat[p]), scale + ", pixel " + p + " in float");
            }
        }
    }

    @Test
    void aBlockOfRealMnistGivesTheScaledPixelsOfItsFile() {
        Mnist mnist = Mnist.open(StoragePath.of(Project.realMnist()), 1000);
        DataSlice slice = ((DataSlice) mnist.training()).split(2).get(1);
        byte[] stored = IdxFile.records(slice.imageFile(), IdxFile.header(slice.imageFile()), slice.from(), slice.to());
        double[] columns = slice.read().select(new int[] {slice.from(), slice.to() - 1}).inputs().data;
        int size = mnist.imageSize();
        for (int k = 0; k < size; k++) {
            assertEquals(PixelScale.BOOK.input(stored[k] & 0xFF), columns[k], 0.0);
            assertEquals(PixelScale.BOOK.input(stored[stored.length - size + k] & 0xFF), columns[size + k], 0.0);
        }
    }

    @Test
    void aCachedMnistSampleTakesUnderOneKilobyte() {
        Mnist mnist = Mnist.open(StoragePath.of(Project.realMnist()), 20000);
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("CompactCacheTest"))) {
            JavaRDD<SampleBlock> training = SampleRdd.cache(sc, mnist.training(), 2, "training data");
            long bytes = SampleRdd.storageInfo(sc, training).orElseThrow().memSize();
            double perSample = bytes / 20000.0;
            assertTrue(perSample > 784 && perSample <= 1024, "bytes per cached sample: " + perSample);
            String line = SampleRdd.describe(sc, training, 20000);
            assertEquals(String.format("training data: 20000 samples in 2 partitions, 2 of them cached (%.1f MB in memory)", bytes / 1e6), line);
        }
    }

    /** A partition's images are one array and one Spark block: more data means more partitions, not larger ones. */
    @Test
    void theTrainingSetIsSplitIntoPartitionsThatAnExecutorHolds() {
        long cap = 512L << 20;
        assertEquals(2, SampleRdd.partitions(2, 50_000, 784, cap), "MNIST fits the asked 2");
        assertEquals(12, SampleRdd.partitions(2, 8_100_000, 784, cap), "6,350 MB of pixels in parts of at most 512 MB");
        assertEquals(16, SampleRdd.partitions(16, 8_100_000, 784, cap), "more than needed, as asked");
    }

    @TempDir
    Path dir;

    /** A block of more than 2 GB (the sequential trainer's whole training set) is refused in one line before anything is read. */
    @Test
    void aBlockBeyondAnArraysReachIsRefusedByName() throws IOException {
        // gzip files: their headers claim 3 million images, and only a raw file's length is checked against its header.
        Path images = IdxWriter.write(dir.resolve(Mnist.TRAIN_IMAGES), IdxWriter.idx(new int[] {3_000_000, 28, 28}, new byte[0]), true);
        Path labels = IdxWriter.write(dir.resolve(Mnist.TRAIN_LABELS), IdxWriter.idx(new int[] {3_000_000}, new byte[0]), true);
        BadDataException e = assertThrows(BadDataException.class,
                () -> new DataSlice(images.toString(), labels.toString(), 0, 3_000_000).read());
        assertTrue(e.getMessage().contains("expected at most 2 GB of pixels in one block, found 3000000 samples of 784 bytes"), e.getMessage());
    }
}
