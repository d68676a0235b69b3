package sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.io.StoragePath;

class MnistTest {

    @TempDir
    Path dir;

    @Test
    void splitsLikeTheBookAndReadsScaledPixels() throws IOException {
        IdxWriter.writeDigits(dir, 120, 30, 4, 1, true);
        Mnist mnist = Mnist.open(StoragePath.of(dir), 0);
        assertEquals(120, mnist.training().size());
        assertEquals(0, mnist.validation().size());
        assertEquals(30, mnist.test().size());
        assertEquals(16, mnist.imageSize());

        SampleBlock block = ((DataSlice) mnist.training()).split(3).get(1).read();
        assertEquals(40, block.first());
        assertEquals(40, block.size());
        assertEquals(16, block.inputSize());
        assertEquals(null, block.select(new int[] {0, 39, 80}));
        assertEquals(2, block.select(new int[] {39, 40, 79, 80}).size());
    }

    @Test
    void pixelsAreScaledAsTheBookOrRashidDoes() throws IOException {
        byte[] pixels = {0, (byte) 255, 51, 0};
        IdxWriter.write(dir.resolve(Mnist.TRAIN_IMAGES), IdxWriter.idx(new int[] {1, 2, 2}, pixels), false);
        IdxWriter.write(dir.resolve(Mnist.TRAIN_LABELS), IdxWriter.idx(new int[] {1}, new byte[] {3}), false);
        IdxWriter.write(dir.resolve(Mnist.TEST_IMAGES), IdxWriter.idx(new int[] {1, 2, 2}, pixels), false);
        IdxWriter.write(dir.resolve(Mnist.TEST_LABELS), IdxWriter.idx(new int[] {1}, new byte[] {3}), false);
        double[] book = Mnist.open(StoragePath.of(dir), 0).training().read().select(new int[] {0}).inputs().data;
        double[] rashid = Mnist.open(StoragePath.of(dir), 0, PixelScale.RASHID).training().read().select(new int[] {0}).inputs().data;
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 1, 0.2, 0}, book, 1e-15);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0.01, 1, 0.2 * 0.99 + 0.01, 0.01}, rashid, 1e-15);
    }

    @Test
    void trainSizeKeepsTheFirstImages() throws IOException {
        IdxWriter.writeDigits(dir, 120, 30, 4, 1, false);
        assertEquals(50, Mnist.open(StoragePath.of(dir), 50).training().size());
        String message = assertThrows(BadDataException.class, () -> Mnist.open(StoragePath.of(dir), 121)).getMessage();
        assertTrue(message.startsWith("--train-size 121: expected at most 120"), message);
    }

    @Test
    void missingDirectorySaysHowToFetch() {
        Path missing = dir.resolve("no-such-dir");
        String message = assertThrows(BadDataException.class, () -> Mnist.open(StoragePath.of(missing), 0)).getMessage();
        assertTrue(message.startsWith("data directory " + missing + " does not exist; run data/fetch-mnist"), message);
    }

    @Test
    void missingFileIsNamed() throws IOException {
        IdxWriter.writeDigits(dir, 20, 10, 4, 1, false);
        Files.delete(dir.resolve(Mnist.TEST_LABELS));
        String message = assertThrows(BadDataException.class, () -> Mnist.open(StoragePath.of(dir), 0)).getMessage();
        assertTrue(message.contains("expected t10k-labels-idx1-ubyte or t10k-labels-idx1-ubyte.gz, found neither"), message);
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        IdxWriter.writeDigits(dir, 20, 10, 4, 1, false);
        IdxWriter.write(dir.resolve(Mnist.TRAIN_LABELS), IdxWriter.idx(new int[] {19}, new byte[19]), false);
        String message = assertThrows(BadDataException.class, () -> Mnist.open(StoragePath.of(dir), 0)).getMessage();
        assertEquals(dir.resolve(Mnist.TRAIN_LABELS) + ": expected 20 labels, one per image of " + dir.resolve(Mnist.TRAIN_IMAGES)
                + ", found 19", message);
    }

    @Test
    void trainingAndTestImagesMustHaveOneShapeNotOnlyOnePixelCount() throws IOException {
        IdxWriter.writeDigits(dir, 20, 10, 4, 1, false);
        // 2×8 training images: 16 pixels, as the 4×4 test images have.
        IdxWriter.write(dir.resolve(Mnist.TRAIN_IMAGES), IdxWriter.idx(new int[] {20, 2, 8}, new byte[20 * 16]), false);
        assertEquals(dir.resolve(Mnist.TEST_IMAGES) + ": expected images of 2×8 like " + dir.resolve(Mnist.TRAIN_IMAGES)
                + ", found images of 4×4 (the same 16 pixels, in another shape)",
                assertThrows(BadDataException.class, () -> Mnist.open(StoragePath.of(dir), 0)).getMessage());
        IdxWriter.write(dir.resolve(Mnist.TRAIN_IMAGES), IdxWriter.idx(new int[] {20, 5, 5}, new byte[20 * 25]), false);
        assertEquals(dir.resolve(Mnist.TEST_IMAGES) + ": expected images of 5×5 like " + dir.resolve(Mnist.TRAIN_IMAGES)
                + ", found images of 4×4", assertThrows(BadDataException.class, () -> Mnist.open(StoragePath.of(dir), 0)).getMessage());
    }

    @Test
    void labelsAboveNineAreRefusedWithTheirRecord() throws IOException {
        IdxWriter.writeDigits(dir, 20, 10, 4, 1, false);
        byte[] labels = new byte[20];
        labels[13] = 12;
        IdxWriter.write(dir.resolve(Mnist.TRAIN_LABELS), IdxWriter.idx(new int[] {20}, labels), false);
        String expected = dir.resolve(Mnist.TRAIN_LABELS) + ": record 13 (byte 21): expected a digit label 0 to 9, found 12";
        assertEquals(expected, assertThrows(BadDataException.class, () -> Mnist.open(StoragePath.of(dir), 0)).getMessage(), "when the data is opened");
        DataSlice training = new DataSlice(dir.resolve(Mnist.TRAIN_IMAGES).toString(), dir.resolve(Mnist.TRAIN_LABELS).toString(), 0, 20);
        assertEquals(expected, assertThrows(BadDataException.class, training::read).getMessage(), "and by an executor's read");
    }
}
