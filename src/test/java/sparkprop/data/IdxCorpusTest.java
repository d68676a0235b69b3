package sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.io.StoragePath;

/**
 * Broken IDX files made from a good one, byte by byte: every one must end in a
 * {@link BadDataException} that names the file, and none may allocate what its header claims
 * before the claim is checked against the file.
 */
class IdxCorpusTest {

    @TempDir
    Path dir;

    private final byte[] good = IdxWriter.idx(new int[] {4, 3, 2}, new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});

    /** Everything a reader does with a file: the header, the completeness check, all the records. */
    private static void readWhole(Path file) {
        IdxHeader header = IdxFile.header(StoragePath.of(file));
        IdxFile.checkComplete(StoragePath.of(file), header);
        IdxFile.records(StoragePath.of(file), header, 0, header.count());
    }

    private void assertRefused(Path file, String what) {
        BadDataException e = assertThrows(BadDataException.class, () -> readWhole(file), what);
        assertTrue(e.getMessage().startsWith(file + ": "), what + ": " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), what + ": one line");
    }

    @Test
    void everyCutOfARawFileIsRefused() throws IOException {
        for (int length = 0; length < good.length; length++) {
            Path file = Files.write(dir.resolve("raw-cut-" + length), Arrays.copyOf(good, length));
            assertRefused(file, "raw file cut to " + length + " bytes");
        }
        readWhole(Files.write(dir.resolve("raw-whole"), good));
    }

    @Test
    void everyCutOfAGzipFileIsRefused() throws IOException {
        byte[] gzip = gzip(good);
        for (int length = 2; length < gzip.length; length++) {
            Path file = Files.write(dir.resolve("gz-cut-" + length), Arrays.copyOf(gzip, length));
            assertRefused(file, "gzip file cut to " + length + " bytes");
        }
        // The uncompressed content cut at every byte, then compressed whole: a short but valid stream.
        for (int length = 0; length < good.length; length++) {
            Path file = Files.write(dir.resolve("gz-short-" + length), gzip(Arrays.copyOf(good, length)));
            assertRefused(file, "gzip of the first " + length + " bytes");
        }
        readWhole(Files.write(dir.resolve("gz-whole"), gzip));
    }

    @Test
    void aHeaderClaimingTwoBillionImagesIsRefusedWithoutAllocatingThem() throws IOException {
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).putInt(4, Integer.MAX_VALUE);
        Path raw = Files.write(dir.resolve("huge"), huge);
        assertRefused(raw, "raw header claiming 2^31 − 1 records");
        Path gz = Files.write(dir.resolve("huge.gz"), gzip(huge));
        assertRefused(gz, "gzip header claiming 2^31 − 1 records");
    }

    @Test
    void wrongTypeDimensionCountAndSizesAreRefused() throws IOException {
        int[][] headers = {
                {0x00000D03, 4, 3, 2},   // floats, not unsigned bytes
                {0x00000800, 4, 3, 2},   // no dimensions
                {0x00000805, 4, 3, 2},   // five dimensions
                {0x01000803, 4, 3, 2},   // non-zero leading bytes
                {0x00000803, -4, 3, 2},  // negative count
                {0x00000803, 4, 0, 2},   // zero rows
        };
        for (int[] header : headers) {
            ByteBuffer bytes = ByteBuffer.allocate(good.length);
            for (int field : header) {
                bytes.putInt(field);
            }
            bytes.put(good, 16, good.length - 16);
            Path file = Files.write(dir.resolve(String.format("header-%08X-%d-%d", header[0], header[1], header[2])), bytes.array());
            assertRefused(file, "header " + Arrays.toString(header));
        }
    }

    @Test
    void gzipGarbageIsRefused() throws IOException {
        byte[] garbage = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 42, 42, 42, 42, 42, 42};
        assertRefused(Files.write(dir.resolve("garbage.gz"), garbage), "gzip magic followed by garbage");
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
