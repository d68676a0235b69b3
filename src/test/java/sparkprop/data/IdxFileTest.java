package sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.io.StoragePath;

class IdxFileTest {

    @TempDir
    Path dir;

    private final byte[] pixels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, (byte) 255, 13, 14, 15, 16, 17};

    @Test
    void rawAndGzipFilesReadTheSame() throws IOException {
        byte[] idx = IdxWriter.idx(new int[] {3, 2, 3}, pixels);
        Path raw = IdxWriter.write(dir.resolve("raw-images"), idx, false);
        Path gzip = IdxWriter.write(dir.resolve("gz-images"), idx, true);

        for (Path file : new Path[] {raw, gzip}) {
            IdxHeader header = IdxFile.header(StoragePath.of(file));
            assertArrayEquals(new int[] {3, 2, 3}, header.dimensions());
            assertEquals(6, header.recordSize());
            assertEquals("2×3", header.recordShape());
            IdxFile.checkComplete(StoragePath.of(file), header);
            assertArrayEquals(Arrays.copyOfRange(pixels, 6, 18), IdxFile.records(StoragePath.of(file), header, 1, 3));
        }
    }

    @Test
    void recordsLongerThanOneReadChunkComeBackWhole() throws IOException {
        // 300 images of 28×28 (235,200 bytes, several of records' 64 KB reads), read from image 7 on.
        byte[] images = new byte[300 * 784];
        for (int i = 0; i < images.length; i++) {
            images[i] = (byte) (i * 31 + i / 784);
        }
        byte[] idx = IdxWriter.idx(new int[] {300, 28, 28}, images);
        for (boolean gzip : new boolean[] {false, true}) {
            StoragePath file = StoragePath.of(IdxWriter.write(dir.resolve("images-" + gzip), idx, gzip));
            byte[] read = IdxFile.records(file, IdxFile.header(file), 7, 300);
            assertArrayEquals(Arrays.copyOfRange(images, 7 * 784, 300 * 784), read, "gzip " + gzip);
        }
    }

    @Test
    void wrongMagicNamesTheFileAndTheNumberFound() throws IOException {
        byte[] idx = IdxWriter.idx(new int[] {3, 2, 3}, pixels);
        idx[2] = 0x0D; // type code of floats
        Path file = IdxWriter.write(dir.resolve("floats"), idx, false);
        String message = assertThrows(BadDataException.class, () -> IdxFile.header(StoragePath.of(file))).getMessage();
        assertTrue(message.startsWith(file + ": expected an IDX magic number"), message);
        assertTrue(message.contains("found 0x00000D03"), message);
    }

    @Test
    void truncatedRawFileIsReportedWithBothLengths() throws IOException {
        byte[] idx = IdxWriter.idx(new int[] {3, 2, 3}, pixels);
        Path file = IdxWriter.write(dir.resolve("cut"), Arrays.copyOf(idx, idx.length - 5), false);
        String message = assertThrows(BadDataException.class, () -> IdxFile.header(StoragePath.of(file))).getMessage();
        assertEquals(file + ": the header promises 3 records of 6 bytes (34 bytes in all), found a file of 29 bytes (truncated)", message);
    }

    @Test
    void truncatedHeaderSaysWhichFieldIsMissing() throws IOException {
        byte[] idx = IdxWriter.idx(new int[] {3, 2, 3}, pixels);
        Path file = IdxWriter.write(dir.resolve("cut-header"), Arrays.copyOf(idx, 10), false);
        String message = assertThrows(BadDataException.class, () -> IdxFile.header(StoragePath.of(file))).getMessage();
        assertEquals(file + ": expected dimension 1 of 3 (4 bytes) at byte 8, found the end of the file (truncated header)", message);
    }

    @Test
    void truncatedGzipFileIsFoundByTheCompletenessCheck() throws IOException {
        byte[] idx = IdxWriter.idx(new int[] {3, 2, 3}, pixels);
        Path file = IdxWriter.write(dir.resolve("short"), Arrays.copyOf(idx, idx.length - 6), true);
        IdxHeader header = IdxFile.header(StoragePath.of(file));
        String message = assertThrows(BadDataException.class, () -> IdxFile.checkComplete(StoragePath.of(file), header)).getMessage();
        assertEquals(file + ": the header promises 3 records of 6 bytes (34 bytes uncompressed), found 28 bytes uncompressed (truncated)", message);
    }

    @Test
    void zeroDimensionIsRefused() throws IOException {
        Path file = IdxWriter.write(dir.resolve("empty"), IdxWriter.idx(new int[] {3, 0, 3}, new byte[0]), false);
        String message = assertThrows(BadDataException.class, () -> IdxFile.header(StoragePath.of(file))).getMessage();
        assertEquals(file + ": dimension 1 at byte 8: expected a positive size, found 0", message);
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("nothing-here");
        assertEquals(file + ": no such file", assertThrows(BadDataException.class, () -> IdxFile.header(StoragePath.of(file))).getMessage());
    }
}
