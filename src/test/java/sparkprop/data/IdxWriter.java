package sparkprop.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests: MNIST's format with made-up pixels, raw or gzip-compressed. */
public final class IdxWriter {

    private IdxWriter() {
    }

    /** The bytes of an IDX file of unsigned bytes with the given dimensions and payload. */
    public static byte[] idx(int[] dimensions, byte[] payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x00000800 | dimensions.length);
            for (int d : dimensions) {
                out.writeInt(d);
            }
            out.write(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    public static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        Path target = gzip ? file.resolveSibling(file.getFileName() + ".gz") : file;
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(target)) : Files.newOutputStream(target)) {
            out.write(content);
        }
        return target;
    }

    /**
     * Writes the four MNIST files of made-up digits into {@code directory}: {@code train} training and
     * {@code test} test images of {@code side × side} pixels. Each digit d lights a band of pixels
     * that depends on d, plus noise, so a network can learn to tell them apart.
     */
    public static void writeDigits(Path directory, int train, int test, int side, long seed, boolean gzip) throws IOException {
        Files.createDirectories(directory);
        Random random = new Random(seed);
        writeSet(directory, Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, train, side, random, gzip);
        writeSet(directory, Mnist.TEST_IMAGES, Mnist.TEST_LABELS, test, side, random, gzip);
    }

    private static void writeSet(Path directory, String imageName, String labelName, int count, int side,
                                 Random random, boolean gzip) throws IOException {
        int pixels = side * side;
        byte[] images = new byte[count * pixels];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int digit = random.nextInt(10);
            labels[i] = (byte) digit;
            for (int p = 0; p < pixels; p++) {
                boolean lit = (p * 10 / pixels) == digit;
                int value = lit ? 160 + random.nextInt(96) : random.nextInt(60);
                images[i * pixels + p] = (byte) value;
            }
        }
        write(directory.resolve(imageName), idx(new int[] {count, side, side}, images), gzip);
        write(directory.resolve(labelName), idx(new int[] {count}, labels), gzip);
    }
}
